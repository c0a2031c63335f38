namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What <c>scoutelo init --json</c> reports: the demo files it wrote.</summary>
/// <param name="Outputs">The labeled logged-output file.</param>
/// <param name="Records">Records in it.</param>
/// <param name="Matches">The match-log file.</param>
/// <param name="MatchCount">Matches in it.</param>
/// <param name="Traffic">The traffic file.</param>
/// <param name="Rounds">Rounds in it.</param>
public sealed record InitRunReport(string Outputs, int Records, string Matches, int MatchCount, string Traffic, int Rounds);
