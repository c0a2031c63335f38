using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Dimensions;

/// <summary>A known score range of an external evaluator, used to rescale its judgments to [0, 1].</summary>
/// <param name="Min">The lowest possible score (finite).</param>
/// <param name="Max">The highest possible score (finite, greater than <paramref name="Min"/>).</param>
public sealed record JudgmentScale(double Min, double Max)
{
    /// <summary>Maps a score onto [0, 1] by this scale (clamped), for any finite scale: a range wider than the largest double
    /// (for example [−1e308, 1e308]) is handled by halving before subtracting, so the result is never NaN.</summary>
    /// <param name="score">A score (finite, or ±∞, which clamp to the ends).</param>
    /// <returns>The normalized score in [0, 1].</returns>
    /// <exception cref="InvalidOperationException">The scale is not finite with <see cref="Max"/> &gt; <see cref="Min"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is NaN.</exception>
    public double Normalize(double score)
    {
        if (!double.IsFinite(Min) || !double.IsFinite(Max) || !(Max > Min)) throw new InvalidOperationException($"The judgment scale [{Min}, {Max}] is not finite with Max > Min.");
        if (double.IsNaN(score)) throw new ArgumentOutOfRangeException(nameof(score), score, "Score must not be NaN.");
        double width = Max - Min;
        double v = double.IsFinite(width) ? (score - Min) / width : ((score * 0.5) - (Min * 0.5)) / ((Max * 0.5) - (Min * 0.5));
        return Math.Clamp(v, 0, 1);
    }

    /// <summary>Infers a scale from observed scores: [0, 1] when they all lie in it, else the first of [1, 5], [0, 10], [0, 100]
    /// that holds them, else [min(0, lowest), highest].</summary>
    /// <param name="scores">Observed scores (all of one evaluator, ideally over a whole dataset).</param>
    /// <returns>The scale.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="scores"/> is empty or holds a non-finite value.</exception>
    public static JudgmentScale Infer(IEnumerable<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        double min = double.MaxValue, max = double.MinValue;
        bool any = false;
        foreach (double s in scores)
        {
            if (!double.IsFinite(s)) throw new ArgumentException($"Scores must be finite; got {s}.", nameof(scores));
            min = Math.Min(min, s);
            max = Math.Max(max, s);
            any = true;
        }
        if (!any) throw new ArgumentException("At least one score is required.", nameof(scores));
        if (min >= 0 && max <= 1) return new JudgmentScale(0, 1);
        if (min >= 1 && max <= 5) return new JudgmentScale(1, 5);
        if (min >= 0 && max <= 10) return new JudgmentScale(0, 10);
        if (min >= 0 && max <= 100) return new JudgmentScale(0, 100);
        return new JudgmentScale(Math.Min(min, 0), Math.Max(max, min + 1));
    }

    /// <summary>Infers every evaluator's scale over a dataset (see <see cref="Infer(IEnumerable{double})"/>).</summary>
    /// <param name="inputs">The inputs whose judgments are pooled per evaluator name.</param>
    /// <returns>Evaluator name → scale, ordered by name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> is null.</exception>
    public static IReadOnlyDictionary<string, JudgmentScale> InferAll(IEnumerable<ScoringInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var pooled = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            foreach (var (name, scores) in input.Judgments)
            {
                if (!pooled.TryGetValue(name, out var list)) pooled[name] = list = [];
                list.AddRange(scores);
            }
        }
        var result = new SortedDictionary<string, JudgmentScale>(StringComparer.Ordinal);
        foreach (var (name, list) in pooled) result[name] = Infer(list);
        return result;
    }
}

/// <summary>Options of <see cref="AgreementDimension"/>.</summary>
public sealed record AgreementOptions
{
    /// <summary>Known scales by evaluator name. Unlisted evaluators get a scale inferred from the item's own scores
    /// (<see cref="JudgmentScale.Infer"/>), which is ambiguous for items whose scores are all 0 or 1: pass scales inferred over the
    /// whole dataset (<see cref="JudgmentScale.InferAll"/>) or known ones. <value>Default empty.</value></summary>
    public IReadOnlyDictionary<string, JudgmentScale> Scales { get; init; } = new Dictionary<string, JudgmentScale>();
}

/// <summary>The <c>agreement</c> dimension: how sure the evidence around a response is that it is good.</summary>
/// <remarks>
/// <para>The mean of the available components, each in [0, 1]; not applicable when the input has no judgments, no alternate
/// samples and no log-probabilities:</para>
/// <list type="bullet">
/// <item><description><b>judgments</b>: each evaluator's samples are rescaled to [0, 1]; the consensus <c>m</c> is the median of
/// the evaluators' means, the dispersion <c>d = min(1, 2·s)</c> with <c>s</c> the pooled standard deviation of all rescaled
/// samples (0 for a single sample); the component is <c>0.5 + (m − 0.5)·(1 − d)</c>: a confident consensus counts fully,
/// a split panel is shrunk towards the uninformative 0.5.</description></item>
/// <item><description><b>self-consistency</b>: the mean similarity of the response to each alternate sample (SQuAD token F1 for QA,
/// ROUGE-L F otherwise).</description></item>
/// <item><description><b>confidence</b>: the geometric-mean token probability <c>exp(mean log p)</c>.</description></item>
/// </list>
/// <para>These formulas are ScoutElo's own design (the source papers publish none). Immutable and thread-safe.</para>
/// </remarks>
public sealed class AgreementDimension : IQualityDimension
{
    /// <summary>The dimension name, <c>agreement</c>.</summary>
    public const string DimensionName = "agreement";

    private readonly Dictionary<string, JudgmentScale> _scales;

    /// <summary>Creates the dimension.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A scale is not finite or has <c>Max ≤ Min</c>.</exception>
    public AgreementDimension(AgreementOptions? options = null)
    {
        var o = options ?? new AgreementOptions();
        ArgumentNullException.ThrowIfNull(o.Scales, nameof(options));
        _scales = new Dictionary<string, JudgmentScale>(StringComparer.Ordinal);
        foreach (var (name, scale) in o.Scales)
        {
            if (scale is null || !double.IsFinite(scale.Min) || !double.IsFinite(scale.Max) || scale.Max <= scale.Min)
                throw new ArgumentOutOfRangeException(nameof(options), scale, $"Scale of '{name}' must be finite with Max > Min.");
            _scales[name] = scale;
        }
    }

    /// <inheritdoc/>
    public string Name => DimensionName;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public DimensionScore Score(ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        double sum = 0;
        int parts = 0;
        var reasons = new List<string>(3);
        if (input.Judgments.Count > 0)
        {
            sum += JudgmentComponent(input.Judgments);
            parts++;
            reasons.Add($"{input.Judgments.Count} evaluator(s)");
        }
        if (input.Samples.Count > 0)
        {
            double sc = 0;
            foreach (var sample in input.Samples)
                sc += input.Task == TaskKind.Qa ? TextMetrics.SquadF1(input.Response, sample) : TextMetrics.RougeL(sample, input.Response).F;
            sum += sc / input.Samples.Count;
            parts++;
            reasons.Add($"{input.Samples.Count} sample(s)");
        }
        if (input.LogProbs.Count > 0)
        {
            double mean = 0;
            foreach (double lp in input.LogProbs) mean += lp;
            sum += Math.Exp(mean / input.LogProbs.Count);
            parts++;
            reasons.Add("logprobs");
        }
        return parts == 0
            ? DimensionScore.NotApplicable("no judgments, samples or log-probabilities")
            : DimensionScore.Of(Math.Clamp(sum / parts, 0, 1), string.Join(", ", reasons));
    }

    private double JudgmentComponent(IReadOnlyDictionary<string, IReadOnlyList<double>> judgments)
    {
        var means = new double[judgments.Count];
        double sq = 0, total = 0;
        int count = 0, e = 0;
        foreach (var (name, scores) in judgments)
        {
            var scale = _scales.GetValueOrDefault(name) ?? JudgmentScale.Infer(scores);
            double m = 0;
            foreach (double s in scores)
            {
                double v = scale.Normalize(s);
                m += v;
                total += v;
                sq += v * v;
                count++;
            }
            means[e++] = m / scores.Count;
        }
        Array.Sort(means);
        double consensus = means.Length % 2 == 1 ? means[means.Length / 2] : (means[(means.Length / 2) - 1] + means[means.Length / 2]) / 2;
        double spread = 0;
        if (count > 1)
        {
            double mean = total / count;
            spread = Math.Sqrt(Math.Max(0, (sq / count) - (mean * mean)));
        }
        double d = Math.Min(1, 2 * spread);
        return 0.5 + ((consensus - 0.5) * (1 - d));
    }
}
