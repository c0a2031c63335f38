namespace ScoutElo.Scoring.Ranking;

/// <summary>Options of <see cref="BradleyTerry"/>.</summary>
public sealed record BradleyTerryOptions
{
    /// <summary>Rating of a node of geometric-mean strength. <value>Default 1000.</value></summary>
    public double BaseRating { get; init; } = 1000;

    /// <summary>Confidence level of the intervals. <value>Default 0.95; in (0, 1).</value></summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Interval method. <value>Default <see cref="IntervalMethod.Sandwich"/>.</value></summary>
    public IntervalMethod Intervals { get; init; } = IntervalMethod.Sandwich;

    /// <summary>Bootstrap rounds. <value>Default 100; at least 10.</value></summary>
    public int BootstrapRounds { get; init; } = 100;

    /// <summary>Bootstrap seed. <value>Default 1.</value></summary>
    public int Seed { get; init; } = 1;

    /// <summary>Virtual draws of every node against a node of average strength, making the estimate finite when some node
    /// never wins or never loses. Null means automatic: 0 when the maximum-likelihood estimate exists, 0.5 otherwise.
    /// <value>Default null.</value></summary>
    public double? PriorDraws { get; init; }
}
