namespace ScoutElo.Scoring.Verification;

/// <summary>The sampling parameters a response was generated with, when the node logged them.</summary>
public sealed record SamplingParameters
{
    /// <summary>Sampling temperature (0 = greedy); null when unknown. <value>Default null; finite and non-negative.</value></summary>
    public double? Temperature { get; init; }

    /// <summary>Nucleus (top-p) mass; null when unknown. <value>Default null; in (0, 1].</value></summary>
    public double? TopP { get; init; }

    /// <summary>The sampling seed shared with the validator; null when the node sampled with a seed of its own. With a shared
    /// seed the validator can regenerate the node's random draws (see <see cref="ReferenceEvidence.Margins"/>).
    /// <value>Default null.</value></summary>
    public long? Seed { get; init; }

    /// <summary>The request's token limit; null when unknown. <value>Default null; at least 1.</value></summary>
    public int? MaxTokens { get; init; }
}
