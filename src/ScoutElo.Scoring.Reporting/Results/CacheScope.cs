namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>Cached answers of one scope (judge endpoint and model).</summary>
/// <param name="Scope">The scope.</param>
/// <param name="Entries">Its entries.</param>
public sealed record CacheScope(string Scope, long Entries);
