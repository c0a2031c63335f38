using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Dimensions;

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
/// <para>An evaluator without a configured scale whose scores admit no inferred one (see
/// <see cref="JudgmentScale.Infer(IEnumerable{double})"/>: a lone −1e308) is left out; when nothing else remains the dimension is
/// not applicable and says why.</para>
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
        string? unscaled = null;
        if (input.Judgments.Count > 0)
        {
            if (JudgmentComponent(input.Judgments, out unscaled) is { } component)
            {
                sum += component;
                parts++;
                reasons.Add($"{input.Judgments.Count} evaluator(s)");
            }
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
            ? DimensionScore.NotApplicable(unscaled ?? "no judgments, samples or log-probabilities")
            : DimensionScore.Of(Math.Clamp(sum / parts, 0, 1), string.Join(", ", reasons));
    }

    /// <summary>The judgments component, or null (with the reason) when no evaluator's scores can be put on a scale.</summary>
    private double? JudgmentComponent(IReadOnlyDictionary<string, IReadOnlyList<double>> judgments, out string? unscaled)
    {
        var means = new double[judgments.Count];
        double sq = 0, total = 0;
        int count = 0, e = 0;
        unscaled = null;
        foreach (var (name, scores) in judgments)
        {
            if (_scales.GetValueOrDefault(name) is not { } scale && !JudgmentScale.TryInfer(scores, out scale, out string problem))
            {
                // a degenerate inferred scale (a lone −1e308) says nothing about quality: the evaluator is left out
                unscaled ??= $"the judgments of '{name}' cannot be put on a scale: {problem.TrimEnd('.')}";
                continue;
            }
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
        if (e == 0) return null;
        double consensus = Internal.Stats.Median(e == means.Length ? means : means[..e]);
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
