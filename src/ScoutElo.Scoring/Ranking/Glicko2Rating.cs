namespace ScoutElo.Scoring.Ranking;

/// <summary>A node's Glicko-2 state.</summary>
/// <param name="Rating">Rating on the Glicko scale (1500 centre).</param>
/// <param name="Deviation">Rating deviation (RD).</param>
/// <param name="Volatility">Volatility σ.</param>
public readonly record struct Glicko2Rating(double Rating, double Deviation, double Volatility);
