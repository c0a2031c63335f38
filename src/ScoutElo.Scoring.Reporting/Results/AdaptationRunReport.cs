namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What one few-shot adaptation of a base profile reports: <c>scoutelo calibrate --base P --json</c> is this record.</summary>
/// <param name="SkippedMissingLabel">Records without the label, skipped.</param>
/// <param name="Tasks">One entry per task adapted.</param>
public sealed record AdaptationRunReport(int SkippedMissingLabel, IReadOnlyList<AdaptedTask> Tasks);
