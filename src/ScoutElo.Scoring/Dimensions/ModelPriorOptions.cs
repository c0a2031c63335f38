namespace ScoutElo.Scoring.Dimensions;

/// <summary>Options of <see cref="ModelPriorDimension"/>.</summary>
public sealed record ModelPriorOptions
{
    /// <summary>Prior mean quality of a node without a table entry. <value>Default 0.5.</value></summary>
    public double PriorMean { get; init; } = 0.5;

    /// <summary>Prior strength in pseudo-observations. <value>Default 5.</value></summary>
    public double PriorStrength { get; init; } = 5;

    /// <summary>Optional per-node prior means (node id → quality in [0, 1]), e.g. from a model leaderboard. <value>Default empty.</value></summary>
    public IReadOnlyDictionary<string, double> PriorTable { get; init; } = new Dictionary<string, double>();
}
