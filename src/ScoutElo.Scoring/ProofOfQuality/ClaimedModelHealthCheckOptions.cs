namespace ScoutElo.Scoring.ProofOfQuality;

/// <summary>Options of <see cref="ClaimedModelHealthCheck"/>.</summary>
public sealed record ClaimedModelHealthCheckOptions
{
    /// <summary>How far, on the [0, 1] quality scale, a node's mean shortfall against its claimed model may go before it fails.
    /// <value>Default 0.1.</value></summary>
    public double Margin { get; init; } = 0.1;

    /// <summary>One-sided z of the evidence required to fail a node. <value>Default 2 (about 97.7% confidence); positive.</value></summary>
    public double Z { get; init; } = 2.0;

    /// <summary>Checks needed before a node can fail. <value>Default 5; at least 2.</value></summary>
    public int MinChecks { get; init; } = 5;

    internal void Validate(string paramName)
    {
        if (!double.IsFinite(Margin) || Margin is < 0 or > 1) throw new ArgumentOutOfRangeException(paramName, Margin, "Margin must be in [0, 1].");
        if (!double.IsFinite(Z) || Z <= 0) throw new ArgumentOutOfRangeException(paramName, Z, "Z must be finite and positive.");
        if (MinChecks < 2) throw new ArgumentOutOfRangeException(paramName, MinChecks, "MinChecks must be at least 2.");
    }
}
