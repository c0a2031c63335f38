namespace ScoutElo.Scoring.Dimensions;

/// <summary>Options of <see cref="CostPriorDimension"/>.</summary>
public sealed record CostPriorOptions
{
    /// <summary>References for QA. <value>Default $0.0005, 1500 ms, 64 tokens.</value></summary>
    public CostReference Qa { get; init; } = new(0.0005, 1500, 64);

    /// <summary>References for summarization. <value>Default $0.002, 4000 ms, 150 tokens.</value></summary>
    public CostReference Summarization { get; init; } = new(0.002, 4000, 150);

    /// <summary>References for dialogue. <value>Default $0.001, 2000 ms, 80 tokens.</value></summary>
    public CostReference Dialogue { get; init; } = new(0.001, 2000, 80);

    /// <summary>References for open tasks. <value>Default $0.003, 6000 ms, 400 tokens.</value></summary>
    public CostReference Open { get; init; } = new(0.003, 6000, 400);

    internal CostReference For(TaskKind task) => task switch
    {
        TaskKind.Qa => Qa,
        TaskKind.Summarization => Summarization,
        TaskKind.Dialogue => Dialogue,
        _ => Open,
    };
}
