namespace ScoutElo.Scoring.Network;

/// <summary>A node's standing in a <see cref="ScoutNetwork"/>: ratings, cumulative reward, served responses and health.</summary>
/// <remarks>Named properties (the engine builds it with an object initializer); immutable.</remarks>
public sealed record NodeStanding
{
    /// <summary>The node id.</summary>
    public required string Node { get; init => field = value ?? throw new ArgumentNullException(nameof(Node)); }

    /// <summary>Glicko-2 rating.</summary>
    public double Rating { get; init; }

    /// <summary>Glicko-2 rating deviation.</summary>
    public double Deviation { get; init; }

    /// <summary>Glicko-2 volatility.</summary>
    public double Volatility { get; init; }

    /// <summary>Batch-Elo rating (one batch per rating period).</summary>
    public double Elo { get; init; }

    /// <summary>Cumulative node reward, in integer base units.</summary>
    public UInt128 Reward { get; init; }

    /// <summary>Responses settled (answered or dropped).</summary>
    public long Responses { get; init; }

    /// <summary>Of those, dropped requests.</summary>
    public long Dropped { get; init; }

    /// <summary>Mean performance of its answered, rated responses (0 when none).</summary>
    public double MeanPerformance { get; init; }

    /// <summary>Mean settled consensus quality of its answered, rated responses (0 when none).</summary>
    public double MeanQuality { get; init; }

    /// <summary>Settled consensus quality of its latest answered response, if any.</summary>
    public double? LastQuality { get; init; }

    /// <summary>The model it last claimed, if it said.</summary>
    public string? ClaimedModel { get; init; }

    /// <summary>Claimed-model spot checks recorded.</summary>
    public int SpotChecks { get; init; }

    /// <summary>Judge verdicts against the baseline recorded.</summary>
    public int JudgeVerdicts { get; init; }

    /// <summary>Served-model verification from token evidence (unknown, with no tokens, when none was logged).</summary>
    public NodeVerification Verification { get; init => field = value ?? throw new ArgumentNullException(nameof(Verification)); } = NetworkState.NoVerification;

    /// <summary>The health verdict now (a failed verification is a failed health check).</summary>
    public HealthStatus Health { get; init; }

    /// <summary>Lower end of the 95% interval, <c>Rating − 1.96·Deviation</c>.</summary>
    public double Low => Rating - (1.96 * Deviation);

    /// <summary>Upper end of the 95% interval, <c>Rating + 1.96·Deviation</c>.</summary>
    public double High => Rating + (1.96 * Deviation);

    /// <summary>Whether the node is paid and plays its matches as healthy (<see cref="HealthStatus.Unknown"/> counts as passing).</summary>
    public bool PassesHealthCheck => Health != HealthStatus.Fail;
}
