namespace ScoutElo.Scoring.Verification;

/// <summary>The validator's evidence about a node's tokens, from its own trusted forward pass of the claimed model over the
/// node's token ids (for example vLLM's <c>prompt_logprobs</c>): the claimed model's log-probability and rank of each token,
/// its top-k at each position when computed, and, when the sampling seed was shared, the Gumbel-max margin of each token.</summary>
/// <remarks>The library never runs a model: the validator supplies this evidence. Collections are copied in.</remarks>
public sealed record ReferenceEvidence
{
    /// <summary>The token ids the evidence is about: they must be the node's <see cref="TokenEvidence.TokenIds"/>.</summary>
    public required IReadOnlyList<int> TokenIds { get; init => field = [.. value ?? throw new ArgumentNullException(nameof(TokenIds))]; }

    /// <summary>The claimed model's log-probability of each token (same length as <see cref="TokenIds"/>).</summary>
    public required IReadOnlyList<double> Logprobs { get; init => field = [.. value ?? throw new ArgumentNullException(nameof(Logprobs))]; }

    /// <summary>The rank of each token in the claimed model's distribution (1 = its most probable token).</summary>
    public required IReadOnlyList<int> Ranks { get; init => field = [.. value ?? throw new ArgumentNullException(nameof(Ranks))]; }

    /// <summary>At each position, the claimed model's top-k in descending log-probability; null when not computed.
    /// <value>Default null.</value></summary>
    public IReadOnlyList<IReadOnlyList<TokenLogprob>>? TopLogprobs { get; init => field = TokenLogprob.Copy(value, nameof(TopLogprobs)); }

    /// <summary>With the sampling seed shared (<see cref="SamplingParameters.Seed"/>): at each position, the Gumbel-max margin of
    /// the node's token under the claimed model and the regenerated noise, <c>(ℓ_t/T + g_t) − max_v (ℓ_v/T + g_v)</c> in logit units
    /// (0 when the claimed model would have drawn the same token, negative otherwise); null when not computed.
    /// <value>Default null.</value></summary>
    public IReadOnlyList<double>? Margins { get; init => field = value is null ? null : [.. value]; }
}
