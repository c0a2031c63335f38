namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>The agreement with the label of the external evaluators' consensus.</summary>
/// <param name="Mean">Their mean's agreement, or null without evaluators.</param>
/// <param name="Median">Their median's agreement, or null without evaluators.</param>
public sealed record ConsensusFigures(CorrelationFigures? Mean, CorrelationFigures? Median);
