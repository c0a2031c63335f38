namespace ScoutElo.Scoring.Ranking;

/// <summary>Options of <see cref="ScoutPerformance"/>: reference values and the weights k1, k2, k3.</summary>
public sealed record ScoutPerformanceOptions
{
    /// <summary>End-to-end latency that scores EEL = 0.5, in ms. <value>Default 2000; positive.</value></summary>
    public double ReferenceLatencyMs { get; init; } = 2000;

    /// <summary>Output tokens per second that scores OTS = 0.5. <value>Default 40; positive.</value></summary>
    public double ReferenceTokensPerSecond { get; init; } = 40;

    /// <summary>Weight k1 of EEL. <value>Default 0.4.</value></summary>
    public double K1 { get; init; } = 0.4;

    /// <summary>Weight k2 of SU. <value>Default 0.3.</value></summary>
    public double K2 { get; init; } = 0.3;

    /// <summary>Weight k3 of OTS. <value>Default 0.3.</value></summary>
    public double K3 { get; init; } = 0.3;
}
