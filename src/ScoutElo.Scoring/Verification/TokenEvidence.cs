namespace ScoutElo.Scoring.Verification;

/// <summary>What a node logged about the tokens it generated: the token ids of its response with their log-probabilities under
/// the model it served, the top-k alternatives at each position when it logged them, and the sampling parameters.</summary>
/// <remarks>Token ids are the node's own, as its inference server returned them; nothing in this library re-tokenizes text to
/// recover them (re-tokenization is the main source of false alarms in practice: a text rarely tokenizes back to the ids that
/// produced it). Collections are copied in. Checked by <see cref="TokenEvidenceCheck"/> and by the network engine.</remarks>
public sealed record TokenEvidence
{
    /// <summary>The generated token ids, in order.</summary>
    public required IReadOnlyList<int> TokenIds { get; init => field = [.. value ?? throw new ArgumentNullException(nameof(TokenIds))]; }

    /// <summary>The log-probability of each generated token under the node's model (same length as <see cref="TokenIds"/>).</summary>
    public required IReadOnlyList<double> Logprobs { get; init => field = [.. value ?? throw new ArgumentNullException(nameof(Logprobs))]; }

    /// <summary>At each position, the node's top-k alternatives in descending log-probability; null when not logged.
    /// <value>Default null.</value></summary>
    public IReadOnlyList<IReadOnlyList<TokenLogprob>>? TopLogprobs { get; init => field = TokenLogprob.Copy(value, nameof(TopLogprobs)); }

    /// <summary>The sampling parameters, when known. <value>Default null.</value></summary>
    public SamplingParameters? Sampling { get; init; }
}
