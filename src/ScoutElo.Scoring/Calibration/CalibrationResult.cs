namespace ScoutElo.Scoring.Calibration;

/// <summary>The outcome of a calibration: the profile to deploy and one report per calibrated task.</summary>
/// <param name="Profile">The calibrated profile.</param>
/// <param name="Reports">One report per calibrated task, in task order.</param>
/// <param name="SkippedMissingLabel">Records skipped because they lack the label.</param>
/// <param name="SkippedTasks">Tasks skipped for having too few labeled items (task → item count).</param>
public sealed record CalibrationResult(CalibrationProfile Profile, IReadOnlyList<CalibrationReport> Reports, int SkippedMissingLabel, IReadOnlyDictionary<TaskKind, int> SkippedTasks);
