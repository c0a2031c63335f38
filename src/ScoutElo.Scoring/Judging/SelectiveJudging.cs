using MathNet.Numerics.Distributions;

namespace ScoutElo.Scoring.Judging;

/// <summary>Selective judging with a guarantee of human agreement: the calibration of Trust or Escalate (Jung et al., ICLR
/// 2025, arXiv 2407.18370, "Cascaded Selective Evaluation").</summary>
/// <remarks>
/// <para>A judge keeps its verdict on an item when its confidence is at least a threshold λ, and abstains otherwise. For each
/// candidate λ on a grid fixed in advance (<see cref="SelectiveJudgingOptions.GridSize"/> points over [0, 1]), the labelled
/// calibration items the judge would keep give n(λ) verdicts, k(λ) of them against the human label. The hypothesis "the
/// judge's disagreement rate above λ exceeds α" is rejected when the exact binomial tail P(Bin(n(λ), α) ≤ k(λ)) is at most δ —
/// equivalently, when the Clopper–Pearson upper (1 − δ) bound on the disagreement rate is at most α. Fixed-sequence testing
/// walks the grid from the highest λ down (only thresholds that at least <see cref="SelectiveJudgingOptions.MinItems"/> items
/// reach are candidates) and stops at the first λ not rejected; the judge's threshold is the last one rejected. The order is
/// fixed before the labels are seen, so the whole walk errs with probability at most δ: with probability ≥ 1 − δ over the
/// draw of the calibration set (exchangeable with the items the policy is applied to), the verdicts the judge keeps agree
/// with people at least 1 − α of the time. A judge whose first candidate is not rejected, or that fewer than
/// <see cref="SelectiveJudgingOptions.MinItems"/> items reach, abstains on everything (never passes everything silently).</para>
/// <para>Judges are tried in the given order (cheapest first): each is calibrated on the labelled items every earlier judge
/// left undecided, and on a new item the first judge confident enough decides; an item no judge can decide safely is
/// escalated. Every judge's decided set meets the bound, so their union does too (a disagreement rate of a union is the
/// weighted mean of its parts'); all judges' bounds hold together with probability ≥ 1 − kδ for k judges, or ≥ 1 − δ with
/// <see cref="SelectiveJudgingOptions.SplitDelta"/>.</para>
/// </remarks>
public static class SelectiveJudging
{
    /// <summary>Calibrates a cascade of judges on labelled items.</summary>
    /// <param name="judges">Judge names in the order they are tried (cheapest first).</param>
    /// <param name="items">Calibration items; those without a label are ignored.</param>
    /// <param name="options">The target (α, δ); defaults when null.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentException">No judges, an empty or repeated judge name, a judge no labelled item has a verdict
    /// of, or no labelled item.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    public static EscalationPolicy Calibrate(IReadOnlyList<string> judges, IReadOnlyList<JudgedItem> items, SelectiveJudgingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(judges);
        ArgumentNullException.ThrowIfNull(items);
        options ??= new SelectiveJudgingOptions();
        options.Validate(nameof(options));
        if (judges.Count == 0) throw new ArgumentException("At least one judge is required.", nameof(judges));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var j in judges)
        {
            if (string.IsNullOrEmpty(j)) throw new ArgumentException("Judge names must be non-empty.", nameof(judges));
            if (!names.Add(j)) throw new ArgumentException($"Judge '{j}' is named twice.", nameof(judges));
        }
        var undecided = new List<JudgedItem>();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            if (item.Label is not null) undecided.Add(item);
        }
        if (undecided.Count == 0) throw new ArgumentException("No calibration item has a label.", nameof(items));
        foreach (var j in judges)
            if (!undecided.Exists(i => i.Verdicts.ContainsKey(j))) throw new ArgumentException($"No labelled item has a verdict of judge '{j}'.", nameof(judges));
        double delta = options.SplitDelta ? options.Delta / judges.Count : options.Delta;
        var thresholds = new List<JudgeThreshold>(judges.Count);
        foreach (var judge in judges)
        {
            var seen = undecided.Where(i => i.Verdicts.ContainsKey(judge)).ToArray();
            var t = CalibrateJudge(judge, seen, options, delta);
            thresholds.Add(t);
            if (t.Threshold is { } lambda) undecided.RemoveAll(i => i.Verdicts.TryGetValue(judge, out var v) && v.Confidence >= lambda);
        }
        return new EscalationPolicy(thresholds, options);
    }

    /// <summary>Fixed-sequence testing of one judge's thresholds on the labelled items it sees.</summary>
    private static JudgeThreshold CalibrateJudge(string judge, JudgedItem[] seen, SelectiveJudgingOptions o, double delta)
    {
        var byConfidence = new (double Confidence, bool Wrong)[seen.Length];
        for (int i = 0; i < seen.Length; i++)
        {
            var v = seen[i].Verdicts[judge];
            byConfidence[i] = (v.Confidence, v.Decision != seen[i].Label);
        }
        Array.Sort(byConfidence, (a, b) => b.Confidence.CompareTo(a.Confidence));
        if (seen.Length < o.MinItems)
            return Abstaining(judge, seen.Length, $"only {seen.Length} calibration item(s) reach it; a threshold needs at least {o.MinItems}");
        int kept = 0, wrong = 0;
        int lastN = -1, lastWrong = -1;
        bool lastPassed = false;
        double? best = null;
        int bestN = 0, bestWrong = 0;
        for (int j = o.GridSize - 1; j >= 0; j--)
        {
            double lambda = (double)j / (o.GridSize - 1);
            while (kept < byConfidence.Length && byConfidence[kept].Confidence >= lambda)
            {
                if (byConfidence[kept].Wrong) wrong++;
                kept++;
            }
            if (kept < o.MinItems) continue; // not a candidate: too few items reach it
            if (kept != lastN || wrong != lastWrong)
            {
                // Rejects "disagreement > α" when P(Bin(n, α) ≤ k) ≤ δ, i.e. the exact upper (1 − δ) bound is ≤ α.
                lastPassed = wrong < kept && Binomial.CDF(o.Alpha, kept, wrong) <= delta;
                (lastN, lastWrong) = (kept, wrong);
            }
            if (!lastPassed) break;
            (best, bestN, bestWrong) = (lambda, kept, wrong);
        }
        if (best is null)
            return Abstaining(judge, seen.Length, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"no threshold bounds its disagreement with the labels by α = {o.Alpha:R} at δ = {delta:R}"));
        return new JudgeThreshold(judge, best, seen.Length, bestN, 1 - ((double)bestWrong / bestN), BinomialBounds.Upper(bestWrong, bestN, delta), null);
    }

    private static JudgeThreshold Abstaining(string judge, int items, string why) => new(judge, null, items, 0, null, null, "abstains: " + why);
}
