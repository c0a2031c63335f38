namespace ScoutElo.Scoring.Ranking;

/// <summary>Options of <see cref="EloRatingTable"/>.</summary>
public sealed record EloOptions
{
    /// <summary>Rating of a node the table has not seen. <value>Default 1000; finite.</value></summary>
    public double InitialRating { get; init; } = 1000;

    /// <summary>The K-factor policy. <value>Default fixed K = 32.</value></summary>
    public KFactorPolicy KFactor { get; init; } = KFactorPolicy.Fixed(32);
}
