namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What <c>scoutelo cache stats --json</c> reports.</summary>
/// <param name="File">The cache file.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Entries">Cached answers in it.</param>
/// <param name="Scopes">Entries per scope (judge endpoint and model).</param>
public sealed record CacheStatsReport(string File, long Bytes, long Entries, IReadOnlyList<CacheScope> Scopes);
