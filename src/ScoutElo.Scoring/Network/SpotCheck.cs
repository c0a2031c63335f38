namespace ScoutElo.Scoring.Network;

/// <summary>A spot check of a response: the claimed model's own answer to the same request, scored blind by the evaluators that
/// scored the response itself.</summary>
public sealed record SpotCheck
{
    /// <summary>The claimed model's answer (kept for audit; the engine uses the scores). <value>Default empty.</value></summary>
    public string Response { get; init => field = value ?? throw new ArgumentNullException(nameof(Response)); } = "";

    /// <summary>Each evaluator's score of the claimed model's answer, in [0, 1]; every evaluator must also have scored the response.</summary>
    public required IReadOnlyDictionary<string, double> Scores { get; init => field = new OrdinalMap<double>(value ?? throw new ArgumentNullException(nameof(Scores))); }
}
