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
