namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What one calibration across datasets reports: <c>scoutelo calibrate --data A --data B --json</c> is this record.</summary>
/// <param name="SkippedMissingLabel">Records without their label, skipped.</param>
/// <param name="Tasks">One entry per task calibrated.</param>
public sealed record DomainCalibrationRunReport(int SkippedMissingLabel, IReadOnlyList<DomainCalibratedTask> Tasks);
