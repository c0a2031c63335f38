using System.Text.Json;

namespace ScoutElo.Scoring.ProofOfQuality;

/// <summary>Adaptive trust of evaluators, learned from how closely they agree with consensus.</summary>
/// <remarks>
/// <para>Update rule (ScoutElo's own design; the adaptive-PoQ paper publishes none): for each evaluator that scored in the round,
/// its agreement is the mean over its outputs of <c>a = exp(−(|s − c| / τ)²)</c> ∈ (0, 1], where <c>c</c> is that output's
/// consensus; then <c>trust ← max(floor, (1 − η)·trust + η·a)</c>. The Gaussian kernel is bounded, so one wild score costs at
/// most η of trust; the exponential moving average forgets old behaviour at rate η, so intermittent attackers cannot bank
/// trust for long; the floor keeps every evaluator able to recover. New evaluators start at <see cref="TrustOptions.Initial"/>.</para>
/// <para>Updates are atomic: a round is validated completely before any trust changes, so a failed update leaves every trust
/// value exactly as it was. Not thread-safe: synchronize externally.</para>
/// </remarks>
public sealed class TrustModel
{
    private readonly Dictionary<string, double> _trust = new(StringComparer.Ordinal); // O(1) lookups; ordered views sort
    private readonly TrustOptions _options;

    /// <summary>Creates a model with no history.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    public TrustModel(TrustOptions? options = null)
    {
        _options = options ?? new TrustOptions();
        _options.Validate(nameof(options));
    }

    /// <summary>The options.</summary>
    public TrustOptions Options => _options;

    /// <summary>Evaluators with history, ordered by id.</summary>
    public IReadOnlyCollection<string> Evaluators => [.. _trust.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The trust of an evaluator (the initial value when it has no history).</summary>
    /// <param name="evaluator">The evaluator id.</param>
    /// <returns>Trust in [floor, 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="evaluator"/> is null.</exception>
    public double TrustOf(string evaluator)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        return _trust.TryGetValue(evaluator, out double t) ? t : _options.Initial;
    }

    /// <summary>Restores one evaluator's trust exactly (persisted state).</summary>
    internal void Load(string evaluator, double trust)
    {
        if (string.IsNullOrEmpty(evaluator) || !double.IsFinite(trust) || trust < _options.Floor || trust > 1) throw new FormatException($"Invalid trust '{evaluator}' = {trust}.");
        _trust[evaluator] = trust;
    }

    /// <summary>Whether the evaluator has history (its trust is not the initial default).</summary>
    internal bool Has(string evaluator) => _trust.ContainsKey(evaluator);

    /// <summary>The agreement kernel <c>exp(−(|score − consensus| / τ)²)</c>.</summary>
    /// <param name="score">An evaluator's score.</param>
    /// <param name="consensus">The consensus.</param>
    /// <returns>Agreement in (0, 1].</returns>
    public double Agreement(double score, double consensus) => Agreement(score, consensus, _options);

    internal static double Agreement(double score, double consensus, TrustOptions options)
    {
        double d = (score - consensus) / options.Tolerance;
        return Math.Exp(-(d * d));
    }

    /// <summary>Sets one evaluator's trust to a value the caller stepped by <see cref="Step"/> (the engine learns a period on an
    /// array of its evaluators and writes the result back once).</summary>
    internal void Set(string evaluator, double trust) => _trust[evaluator] = trust;

    /// <summary>Applies one round's summed agreements (evaluator → sum, count), as <see cref="Update"/> does after validating
    /// its inputs: each evaluator steps once toward its mean agreement.</summary>
    internal void Apply(Dictionary<string, (double Sum, int Count)> sums)
    {
        foreach (var (evaluator, (sum, count)) in sums) _trust[evaluator] = Step(TrustOf(evaluator), sum / count, _options);
    }

    /// <summary>The documented update rule: <c>max(floor, (1 − η)·trust + η·agreement)</c>.</summary>
    internal static double Step(double trust, double agreement, TrustOptions options) =>
        Math.Max(options.Floor, ((1 - options.LearningRate) * trust) + (options.LearningRate * agreement));

    /// <summary>Updates trust from one round: each output's consensus and the evaluators' scores of it.</summary>
    /// <param name="scores">The round's scores.</param>
    /// <param name="consensus">Consensus per output id; every scored output must have one.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An empty evaluator id, an output without consensus, or the same evaluator scoring an output twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score or consensus is not finite.</exception>
    public void Update(IReadOnlyList<EvaluatorScore> scores, IReadOnlyDictionary<string, double> consensus)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(consensus);
        var seen = new HashSet<(string, string)>();
        var sums = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        foreach (var s in scores)
        {
            if (string.IsNullOrEmpty(s.Evaluator)) throw new ArgumentException("Evaluator ids must be non-empty.", nameof(scores));
            if (s.Output is null) throw new ArgumentException("Output ids must not be null.", nameof(scores));
            if (!double.IsFinite(s.Score)) throw new ArgumentOutOfRangeException(nameof(scores), s.Score, $"Score of '{s.Evaluator}' is not finite.");
            if (!consensus.TryGetValue(s.Output, out double c)) throw new ArgumentException($"No consensus for output '{s.Output}'.", nameof(consensus));
            if (!double.IsFinite(c)) throw new ArgumentOutOfRangeException(nameof(consensus), c, $"Consensus of '{s.Output}' is not finite.");
            if (!seen.Add((s.Evaluator, s.Output))) throw new ArgumentException($"'{s.Evaluator}' scored '{s.Output}' twice.", nameof(scores));
            var acc = sums.GetValueOrDefault(s.Evaluator);
            sums[s.Evaluator] = (acc.Sum + Agreement(s.Score, c), acc.Count + 1);
        }
        Apply(sums); // everything validated: commit
    }

    /// <summary>Serializes the trust state (options and per-evaluator trust) to JSON; <see cref="FromJson"/> restores it exactly.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(new TrustDto
    {
        Initial = _options.Initial,
        LearningRate = _options.LearningRate,
        Floor = _options.Floor,
        Tolerance = _options.Tolerance,
        Trust = new SortedDictionary<string, double>(_trust, StringComparer.Ordinal),
    }, PoqJsonContext.Default.TrustDto);

    /// <summary>Restores a trust model from <see cref="ToJson"/> output.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">Malformed JSON or invalid values.</exception>
    public static TrustModel FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var dto = JsonSerializer.Deserialize(json, PoqJsonContext.Default.TrustDto) ?? throw new FormatException("Trust state is null.");
            var model = new TrustModel(new TrustOptions { Initial = dto.Initial, LearningRate = dto.LearningRate, Floor = dto.Floor, Tolerance = dto.Tolerance });
            foreach (var (k, v) in dto.Trust ?? [])
            {
                if (string.IsNullOrEmpty(k) || !double.IsFinite(v) || v < dto.Floor || v > 1) throw new FormatException($"Invalid trust '{k}' = {v}.");
                model._trust[k] = v;
            }
            return model;
        }
        catch (JsonException e)
        {
            throw new FormatException($"Trust state field '{e.Path ?? "$"}': {Internal.JsonErrors.Plain(e)}", e);
        }
        catch (ArgumentException e)
        {
            throw new FormatException("Trust state holds invalid options: " + Internal.Guard.BareMessage(e), e);
        }
    }
}
