namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What one calibration against labels reports: <c>scoutelo calibrate --json</c> (one dataset) is this record.</summary>
/// <param name="SkippedMissingLabel">Records without the label, skipped.</param>
/// <param name="Tasks">One entry per task calibrated.</param>
public sealed record CalibrationRunReport(int SkippedMissingLabel, IReadOnlyList<CalibratedTask> Tasks)
{
    /// <summary>The pairwise judge's position-bias diagnostics, when a pairwise judge ran. <value>Default null (omitted).</value></summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public PositionBiasFigures? JudgePositionBias { get; init; }
}
