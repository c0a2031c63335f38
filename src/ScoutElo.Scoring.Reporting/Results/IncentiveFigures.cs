namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>A simulation's incentive audit.</summary>
/// <param name="Compatible">Whether no deviation paid more than the tolerance.</param>
/// <param name="Tolerance">The relative gain tolerated.</param>
/// <param name="Deviations">Each deviation's outcome.</param>
public sealed record IncentiveFigures(bool Compatible, double Tolerance, IReadOnlyList<DeviationFigures> Deviations);
