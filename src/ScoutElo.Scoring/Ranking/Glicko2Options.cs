namespace ScoutElo.Scoring.Ranking;

/// <summary>Options of <see cref="Glicko2RatingTable"/>.</summary>
public sealed record Glicko2Options
{
    /// <summary>System constant τ (constrains volatility change). <value>Default 0.5; positive.</value></summary>
    public double Tau { get; init; } = 0.5;

    /// <summary>Rating of a new node (Glicko scale). <value>Default 1500.</value></summary>
    public double InitialRating { get; init; } = 1500;

    /// <summary>Rating deviation of a new node. <value>Default 350; positive.</value></summary>
    public double InitialDeviation { get; init; } = 350;

    /// <summary>Volatility of a new node. <value>Default 0.06; positive.</value></summary>
    public double InitialVolatility { get; init; } = 0.06;

    /// <summary>Convergence tolerance of the volatility iteration. <value>Default 1e-6; positive.</value></summary>
    public double Epsilon { get; init; } = 1e-6;
}
