namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>An estimate with its confidence interval.</summary>
/// <param name="Mean">The estimate.</param>
/// <param name="Low">Lower end of the interval.</param>
/// <param name="High">Upper end of the interval.</param>
public sealed record IntervalFigures(double Mean, double Low, double High);
