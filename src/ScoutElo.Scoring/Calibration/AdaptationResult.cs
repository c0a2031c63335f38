namespace ScoutElo.Scoring.Calibration;

/// <summary>The outcome of a few-shot adaptation: the adapted profile (every task of the base profile, adapted ones replaced)
/// and one report per adapted task.</summary>
/// <param name="Profile">The adapted profile.</param>
/// <param name="Reports">One report per adapted task, in task order.</param>
/// <param name="SkippedMissingLabel">Records skipped because they lack the label.</param>
public sealed record AdaptationResult(CalibrationProfile Profile, IReadOnlyList<AdaptationReport> Reports, int SkippedMissingLabel);
