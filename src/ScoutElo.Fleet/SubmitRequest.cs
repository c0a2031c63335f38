namespace ScoutElo.Fleet;

/// <summary>One <c>scoutelo-fleet submit</c>: where, what, and how.</summary>
internal sealed record SubmitRequest(string Redis, string Cluster, string Network, string File, List<(string Text, int FirstLine, int Rounds)> Batches, TimeSpan Deadline, bool Json, bool NoFlush);
