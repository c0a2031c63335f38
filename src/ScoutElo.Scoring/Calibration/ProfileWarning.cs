namespace ScoutElo.Scoring.Calibration;

/// <summary>A label-free warning that a profile may not mean on new traffic what it meant on its calibration data.</summary>
/// <param name="Code">Stable machine-readable code: <see cref="ProfileDiagnostics.NoProfile"/>,
/// <see cref="ProfileDiagnostics.NotApplicable"/> or <see cref="ProfileDiagnostics.Shift"/>; from label-free adaptation
/// <see cref="ProfileDiagnostics.Reweighted"/>, <see cref="ProfileDiagnostics.NoPartner"/> or <see cref="ProfileDiagnostics.NotAdapted"/>.</param>
/// <param name="Task">The task the warning is about.</param>
/// <param name="Dimension">The dimension concerned; null for task-level warnings.</param>
/// <param name="Message">A one-sentence explanation for people.</param>
public sealed record ProfileWarning(string Code, TaskKind Task, string? Dimension, string Message);
