namespace ScoutElo.Scoring.Reporting;

/// <summary>A numeric column an import did not turn into a judgment.</summary>
/// <param name="Column">The column.</param>
/// <param name="Reason">Why, in one sentence fragment (for example "values outside [0, 1] (7 at r.jsonl:3)").</param>
public sealed record IgnoredColumn(string Column, string Reason);
