namespace ScoutElo.Scoring.Calibration;

/// <summary>The outcome of a multi-domain calibration: the profile to deploy and one report per task.</summary>
/// <param name="Profile">The calibrated profile.</param>
/// <param name="Reports">One report per calibrated task, in task order.</param>
public sealed record MultiDomainResult(CalibrationProfile Profile, IReadOnlyList<MultiDomainReport> Reports);
