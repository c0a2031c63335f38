namespace ScoutElo.Scoring.Calibration;

/// <summary>The outcome of a label-free adaptation: the adapted profile, one report per task in the traffic, and warnings
/// that say what moved and why.</summary>
/// <param name="Profile">The adapted profile (tasks absent from the traffic are unchanged).</param>
/// <param name="Reports">One report per task in the traffic, in task order.</param>
/// <param name="Warnings">What moved and why (<see cref="ProfileDiagnostics.Reweighted"/>, <see cref="ProfileDiagnostics.NoPartner"/>,
/// <see cref="ProfileDiagnostics.NotAdapted"/>).</param>
public sealed record LabelFreeAdaptationResult(CalibrationProfile Profile, IReadOnlyList<LabelFreeReport> Reports, IReadOnlyList<ProfileWarning> Warnings);
