using System.Collections.Immutable;

namespace ScoutElo.Scoring;

/// <summary>One logged LLM output to be scored: the query, the response and everything known about how it was produced.</summary>
/// <remarks>
/// <para>Immutable: every collection is copied in, so a caller changing its list afterwards cannot change the input.
/// Record equality compares collections by reference; compare contents explicitly where that matters.</para>
/// <para>Reference quality labels are deliberately not part of this type: dimensions never see labels
/// (see <see cref="LoggedOutput"/>, which carries them beside the input for calibration).</para>
/// </remarks>
public sealed record ScoringInput
{
    /// <summary>The query or prompt (for dialogue: the dialogue history). May be empty, never <see langword="null"/>.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public string Query { get; init => field = value ?? throw new ArgumentNullException(nameof(Query)); } = "";

    /// <summary>The response being scored. May be empty (dimensions then judge it as such), never <see langword="null"/>.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public required string Response { get; init => field = value ?? throw new ArgumentNullException(nameof(Response)); }

    /// <summary>Optional source document (summarization) or grounding knowledge (dialogue).</summary>
    public string? Context { get; init; }

    /// <summary>Gold answers or reference summaries; empty when none exist.</summary>
    /// <exception cref="ArgumentException">An element is <see langword="null"/>.</exception>
    public IReadOnlyList<string> References
    {
        get;
        init => field = CopyStrings(value, nameof(References));
    } = [];

    /// <summary>The task kind. Defaults to <see cref="TaskKind.Open"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="TaskKind"/>.</exception>
    public TaskKind Task
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Task), value, "Unknown task kind.");
    } = TaskKind.Open;

    /// <summary>Identifier of the inference node or model that produced the response, when known.</summary>
    public string? Node { get; init; }

    /// <summary>Serving metrics (latency, tokens, cost, uptime); an empty instance when none were logged.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public InferenceMetrics Metrics { get; init => field = value ?? throw new ArgumentNullException(nameof(Metrics)); } = Empty;

    /// <summary>Alternate samples for the same query from the same producer (self-consistency); empty when none.</summary>
    /// <exception cref="ArgumentException">An element is <see langword="null"/>.</exception>
    public IReadOnlyList<string> Samples { get; init => field = CopyStrings(value, nameof(Samples)); } = [];

    /// <summary>Token log-probabilities of the response (each ≤ 0 and finite); empty when not logged.</summary>
    /// <exception cref="ArgumentException">An element is NaN, infinite or positive.</exception>
    public IReadOnlyList<double> LogProbs
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(LogProbs));
            var copy = value.ToImmutableArray();
            foreach (var lp in copy)
            {
                if (!double.IsFinite(lp) || lp > 0)
                    throw new ArgumentException($"Log-probabilities must be finite and ≤ 0; got {lp}.", nameof(LogProbs));
            }
            field = copy;
        }
    } = ImmutableArray<double>.Empty;

    /// <summary>External evaluators' scores: evaluator name → one or more finite samples, ordered by name (ordinal).</summary>
    /// <exception cref="ArgumentException">A name is empty, a score list is empty, or a score is not finite.</exception>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Judgments
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Judgments));
            var builder = ImmutableSortedDictionary.CreateBuilder<string, IReadOnlyList<double>>(StringComparer.Ordinal);
            foreach (var (name, scores) in value)
            {
                if (string.IsNullOrEmpty(name)) throw new ArgumentException("Evaluator names must be non-empty.", nameof(Judgments));
                if (scores is null || scores.Count == 0) throw new ArgumentException($"Judgment '{name}' has no scores.", nameof(Judgments));
                var copy = scores.ToImmutableArray();
                foreach (var s in copy)
                {
                    if (!double.IsFinite(s)) throw new ArgumentException($"Judgment '{name}' has a non-finite score {s}.", nameof(Judgments));
                }
                builder[name] = copy;
            }
            field = builder.ToImmutable();
        }
    } = ImmutableSortedDictionary<string, IReadOnlyList<double>>.Empty;

    private static readonly InferenceMetrics Empty = new();

    private static ImmutableArray<string> CopyStrings(IReadOnlyList<string> value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        var copy = value.ToImmutableArray();
        foreach (var s in copy)
        {
            if (s is null) throw new ArgumentException("Elements must not be null.", name);
        }
        return copy;
    }
}
