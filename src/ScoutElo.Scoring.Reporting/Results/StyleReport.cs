namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One style covariate's coefficient in a <see cref="RankingReport"/>.</summary>
/// <param name="Coefficient">Log-odds per standard deviation of the covariate.</param>
/// <param name="Low">Its interval's lower bound.</param>
/// <param name="High">Its interval's upper bound.</param>
/// <param name="CoefficientElo">The coefficient in Elo points.</param>
public sealed record StyleReport(double Coefficient, double Low, double High, double CoefficientElo);
