namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What <c>scoutelo cache clean --json</c> reports.</summary>
/// <param name="File">The cache file.</param>
/// <param name="Removed">Entries removed.</param>
public sealed record CacheCleanReport(string File, long Removed);
