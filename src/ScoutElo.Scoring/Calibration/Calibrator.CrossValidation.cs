using System.Text;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Internal;


namespace ScoutElo.Scoring.Calibration;

// The cross-validation part of the calibrator: folds by group, out-of-fold composites (one policy or Auto's nested
// choice), and model-prior scored out of fold.
public sealed partial class Calibrator
{
    /// <summary>Scores a history-based dimension fold by fold: items of fold f get a history learned from the labels of the
    /// other folds only (rescaled to [0, 1] by those labels' range). With <paramref name="learn"/>, only the marked items
    /// ever enter a history (the few-shot learning curve keeps its held-out groups out that way).</summary>
    private static void ScoreModelPriorOutOfFold(INodeHistoryDimension mp, List<ScoringInput> inputs, double[] y, int[] fold, double[] column, bool[]? learn = null)
    {
        int k = fold.Max() + 1;
        bool Learns(int i, int f) => fold[i] != f && (learn is null || learn[i]);
        for (int f = 0; f < k; f++)
        {
            double lo = double.MaxValue, hi = double.MinValue;
            for (int i = 0; i < y.Length; i++)
            {
                if (!Learns(i, f)) continue;
                lo = Math.Min(lo, y[i]);
                hi = Math.Max(hi, y[i]);
            }
            var history = new InMemoryNodeQualityHistory();
            for (int i = 0; i < y.Length; i++)
            {
                if (!Learns(i, f) || string.IsNullOrEmpty(inputs[i].Node)) continue;
                history.Record(inputs[i].Node!, hi > lo ? (y[i] - lo) / (hi - lo) : 0.5);
            }
            var dim = mp.WithHistory(history);
            for (int i = 0; i < y.Length; i++)
            {
                if (fold[i] == f) column[i] = dim.Score(inputs[i]).TryGetValue(out double v) ? v : double.NaN;
            }
        }
    }

    /// <summary>The group an item belongs to for cross-validation: its source document, else its query.</summary>
    internal static string GroupKey(ScoringInput input) => input.Context is { Length: > 0 } c ? "c:" + c : "q:" + input.Query;

    /// <summary>Assigns the given items to k folds by group (context, else query), shuffled by seed.</summary>
    internal static (int[] Fold, int Groups) AssignFolds(IReadOnlyList<ScoringInput> inputs, int[] items, int k, ulong seed)
    {
        var keys = items.Select(i => GroupKey(inputs[i])).ToArray();
        var distinct = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var order = distinct.Select(g => (g, Seeds.Derive(seed, Fnv(g)))).OrderBy(t => t.Item2).ThenBy(t => t.g, StringComparer.Ordinal).ToArray();
        var groupFold = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < order.Length; j++) groupFold[order[j].g] = j % k;
        return (keys.Select(g => groupFold[g]).ToArray(), distinct.Length);
    }

    private static ulong Fnv(string s)
    {
        ulong h = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(s)) h = (h ^ b) * 1099511628211UL;
        return h;
    }

    /// <summary>The out-of-fold composite every cross-validated figure comes from: for each fold of <paramref name="items"/>,
    /// <paramref name="fit"/> (given the fold and its training items) returns the weights, or null to leave that fold without
    /// predictions, and the fold's items are predicted with them. With <paramref name="commonScale"/> each fold's predictions
    /// are first put on its training composite's scale (<see cref="CommonScale"/>), for fits that may differ in kind between
    /// folds.</summary>
    private static double[] OutOfFoldWith(double[][] s, double[] y, int[] fold, int[] items, Func<int, int[], double[]?> fit, bool commonScale)
    {
        var pred = Enumerable.Repeat(double.NaN, y.Length).ToArray();
        foreach (int f in items.Select(i => fold[i]).Distinct().Order())
        {
            var train = items.Where(i => fold[i] != f).ToArray();
            if (fit(f, train) is not { } w) continue;
            var (a, b) = commonScale ? CommonScale(s, w, train) : (0.0, 1.0);
            foreach (int i in items)
            {
                if (fold[i] == f) pred[i] = commonScale ? a + (b * Composite(s, w, i)) : Composite(s, w, i);
            }
        }
        return pred;
    }

    private double[] OutOfFold(CalibrationPolicy policy, double[][] s, double[] y, int[] fold, int[] items) =>
        OutOfFoldWith(s, y, fold, items, (_, train) => Fit(policy, s, y, train).Weights, commonScale: false);

    private double[] OutOfFoldAuto(double[][] s, double[] y, List<ScoringInput> inputs, int[] fold, int[] items, CalibrationPolicy[] candidates) =>
        OutOfFoldWith(s, y, fold, items, (f, train) =>
        {
            var (innerFolds, _) = AssignFolds(inputs, train, _options.Folds, Seeds.Derive((ulong)_options.Seed, 1000UL + (ulong)f));
            var innerFold = new int[y.Length];
            for (int j = 0; j < train.Length; j++) innerFold[train[j]] = innerFolds[j];
            var best = candidates
                .Select(c => (c, r: Summary(Subset(OutOfFold(c, s, y, innerFold, train), train), Subset(y, train)).Pearson ?? double.NegativeInfinity))
                .OrderByDescending(t => t.r).First().c;
            return Fit(best, s, y, train).Weights;
        }, commonScale: true);

    /// <summary>The affine map that standardizes a fold's composite by its median and interquartile range (robust to the heavy tails of
    /// some dimensions) over the training items
    /// only, so that out-of-fold predictions of different folds share one scale before they are pooled when the folds may
    /// pick different policies (Auto, few-shot strengths): a fold whose fit picks another dimension mix would otherwise add a
    /// spurious offset. Single-policy out-of-fold figures are pooled raw, as before. The map is positive, so each fold's ranking and within-fold
    /// correlation are unchanged; when every fold picks the same weights it is nearly the same map in every fold. Identity when
    /// the training composite is constant or undefined.</summary>
    private static (double A, double B) CommonScale(double[][] s, double[] w, int[] train)
    {
        var c = new List<double>(train.Length);
        foreach (int i in train)
        {
            double v = Composite(s, w, i);
            if (!double.IsNaN(v)) c.Add(v);
        }
        if (c.Count < 3) return (0, 1);
        var sorted = c.ToArray();
        Array.Sort(sorted);
        double median = Stats.Quantile(sorted, 0.5), spread = Stats.Quantile(sorted, 0.75) - Stats.Quantile(sorted, 0.25);
        if (!(spread > 0)) spread = sorted[^1] - sorted[0];
        if (!(spread > 0)) return (0, 1);
        return (-median / spread, 1 / spread);
    }

    private static double[] Subset(double[] v, int[] idx) => idx.Select(i => v[i]).ToArray();
}
