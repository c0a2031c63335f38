namespace ScoutElo.Scoring.Network;

/// <summary>One node's response in an <see cref="ObservedRound"/>, with its serving metrics, the evaluators' scores and the
/// health-check evidence gathered for it.</summary>
/// <remarks>A response whose <see cref="Response"/> is empty is a <b>dropped</b> request: the node is not paid for it, its
/// performance is 0 and it loses its matches to every node that answered and passes its health check; evaluators may still
/// score it (their agreement with the consensus still counts).</remarks>
public sealed record ObservedResponse
{
    /// <summary>The response id, unique within the round.</summary>
    public required string ResponseId { get; init; }

    /// <summary>The node (scout) that served it.</summary>
    public required string Node { get; init; }

    /// <summary>The model the node claims to serve, when it says.</summary>
    public string? ClaimedModel { get; init; }

    /// <summary>The response text; empty for a dropped request. <value>Default empty.</value></summary>
    public string Response { get; init => field = value ?? throw new ArgumentNullException(nameof(Response)); } = "";

    /// <summary>Serving metrics. An answered response needs latency, output tokens and uptime (they decide its performance);
    /// the cost-aware reward rule also needs its cost. <value>Default: none.</value></summary>
    public InferenceMetrics Metrics { get; init => field = value ?? throw new ArgumentNullException(nameof(Metrics)); } = new();

    /// <summary>Each evaluator's score of this response, in [0, 1]; empty when no evaluator scored it (the engine then scores
    /// it with <see cref="NetworkOptions.Scorer"/>). <value>Default empty.</value></summary>
    public IReadOnlyDictionary<string, double> Scores { get; init => field = new OrdinalMap<double>(value ?? throw new ArgumentNullException(nameof(Scores))); }
        = OrdinalMap<double>.Empty;

    /// <summary>A spot check: the claimed model's own answer to the same request, scored blind by the same evaluators;
    /// <see langword="null"/> when this response was not spot-checked.</summary>
    public SpotCheck? SpotCheck { get; init; }

    /// <summary>LLM-as-a-judge verdicts of this response against an "average LLM" baseline answer to the same request, each in
    /// [0, 1] (1 = the response wins, 0.5 = tie, 0 = the baseline wins), as the judge's pairwise mode produces them.
    /// <value>Default empty.</value></summary>
    public IReadOnlyList<double> BaselineVerdicts { get; init => field = [.. value ?? throw new ArgumentNullException(nameof(BaselineVerdicts))]; } = [];

    /// <summary>The node's token evidence: the token ids it generated with their log-probabilities, top-k alternatives and
    /// sampling parameters when logged; null when not logged. <value>Default null.</value></summary>
    public Verification.TokenEvidence? Tokens { get; init; }

    /// <summary>The validator's reference evidence for <see cref="Tokens"/> (the claimed model's log-probability and rank of each
    /// of the node's tokens, its top-k, Gumbel margins with a shared seed); null when this response was not verified. Needs
    /// <see cref="Tokens"/>. <value>Default null.</value></summary>
    public Verification.ReferenceEvidence? Reference { get; init; }

    /// <summary>Whether the node dropped the request (empty response).</summary>
    public bool Dropped => Response.Length == 0;
}
