namespace ScoutElo.Scoring.Dimensions;

/// <summary>A known score range of an external evaluator, used to rescale its judgments to [0, 1].</summary>
/// <param name="Min">The lowest possible score (finite).</param>
/// <param name="Max">The highest possible score (finite, greater than <paramref name="Min"/>).</param>
public sealed partial record JudgmentScale(double Min, double Max);

/// <summary>The scale's mapping and inference.</summary>
public sealed partial record JudgmentScale
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
    /// that holds them, else [min(0, lowest), highest] (with highest raised to lowest + 1 when they are equal).</summary>
    /// <param name="scores">Observed scores (all of one evaluator, ideally over a whole dataset).</param>
    /// <returns>The scale.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="scores"/> is empty or holds a non-finite value, or no scale with
    /// <see cref="Max"/> &gt; <see cref="Min"/> can be represented around it (scores all equal at a magnitude of 2^53 or more,
    /// such as a lone −1e308, where lowest + 1 rounds back to lowest).</exception>
    public static JudgmentScale Infer(IEnumerable<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return TryInfer(scores, out var scale, out string problem) ? scale : throw new ArgumentException(problem, nameof(scores));
    }

    /// <summary><see cref="Infer"/> without the exception: false with the reason when the scores admit no scale.</summary>
    internal static bool TryInfer(IEnumerable<double> scores, out JudgmentScale scale, out string problem)
    {
        double min = double.MaxValue, max = double.MinValue;
        bool any = false;
        scale = null!;
        foreach (double s in scores)
        {
            if (!double.IsFinite(s))
            {
                problem = $"Scores must be finite; got {s}.";
                return false;
            }
            min = Math.Min(min, s);
            max = Math.Max(max, s);
            any = true;
        }
        if (!any)
        {
            problem = "At least one score is required.";
            return false;
        }
        problem = "";
        if (min >= 0 && max <= 1) scale = new JudgmentScale(0, 1);
        else if (min >= 1 && max <= 5) scale = new JudgmentScale(1, 5);
        else if (min >= 0 && max <= 10) scale = new JudgmentScale(0, 10);
        else if (min >= 0 && max <= 100) scale = new JudgmentScale(0, 100);
        else
        {
            double low = Math.Min(min, 0), high = Math.Max(max, min + 1);
            if (!(high > low))
            {
                problem = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"The scores span no range (all {min:R}) and no scale around them can be represented; give the evaluator's scale explicitly.");
                return false;
            }
            scale = new JudgmentScale(low, high);
        }
        return true;
    }

    /// <summary>Infers every evaluator's scale over a dataset (see <see cref="Infer(IEnumerable{double})"/>).</summary>
    /// <param name="inputs">The inputs whose judgments are pooled per evaluator name.</param>
    /// <returns>Evaluator name → scale, ordered by name. An evaluator whose scores admit no scale (see
    /// <see cref="Infer(IEnumerable{double})"/>) is left out; <see cref="AgreementDimension"/> then reports it as not applicable.</returns>
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
        foreach (var (name, list) in pooled)
        {
            if (TryInfer(list, out var scale, out _)) result[name] = scale;
        }
        return result;
    }
}
