using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Calibration;

public sealed partial class Calibrator
{
    /// <summary>Shrinkage strengths tried, from "refit on the new labels alone" (0) to "keep the base weights" (∞).</summary>
    private static readonly double[] Strengths = [0, LabelFreeCandidate, BestSingleCandidate, 0.03, 0.1, 0.3, 1, 3, 10, double.PositiveInfinity];

    /// <summary>The candidate "the single dimension with the best training correlation" among the strengths (a sentinel).</summary>
    private const double BestSingleCandidate = -1;

    /// <summary>The candidate "the base profile adapted label-free to these items' inputs" among the strengths (a sentinel).</summary>
    private const double LabelFreeCandidate = -2;

    private const int LearningCurveDraws = 20;

    /// <summary>Labeled-group counts of the learning curve (Fibonacci-spaced).</summary>
    private static readonly int[] CurveGroups = [1, 2, 3, 5, 8, 13, 21, 34, 55];

    /// <summary>Adapts a calibrated profile to new traffic from a few labeled items: per task, the weights are refitted on
    /// the new labels with a penalty that shrinks them towards the base profile's, and the strength of that penalty is chosen
    /// by grouped cross-validation on the new labels.</summary>
    /// <remarks>
    /// <para><b>Formula</b> (ScoutElo's own design; the papers publish none). On the new items' standardized scores
    /// <c>Z</c> (not applicable → 0) and standardized label <c>z_y</c>, with the base weights <c>w₀</c> mapped to the standardized
    /// scale as <c>β₀ = c·(w₀ ∘ σ)</c> (σ: the new items' standard deviations; <c>c ≥ 0</c> the least-squares scale of the base
    /// composite): <c>β = argmin_{β ≥ 0} ‖z_y − Zβ‖²/n + τ‖β − β₀‖²</c>, then <c>w ∝ β / σ</c>. τ = 0 is a plain refit,
    /// τ → ∞ keeps the base profile. The candidates, in order of preference, are τ ∈ {∞, 10, 3, 1, 0.3, 0.1, 0.03}, then
    /// the single dimension with the best training correlation (a few labels can identify one dominant signal long before
    /// they can fit eight weights), then τ = 0. The choice is made by grouped cross-validation with the one-standard-error
    /// rule: the first candidate whose pooled out-of-fold Spearman correlation is within one standard error (from the best
    /// candidate's per-fold correlations) of the best (ranks, because with a few dozen items one outlier of a near-constant
    /// dimension can decide a Pearson comparison). <b>Noise</b> (our rule): a few dozen labels show one candidate better
    /// than another only when the 10th percentile of the difference of their out-of-fold Spearman correlations, over 400
    /// seeded resamples of the labelled groups, is above 0; a candidate other than the base is chosen only when it beats the
    /// base so. <b>Guard</b> (our rule): the base weights are never kept, nor shrunk toward, when the labels show them worse
    /// (beyond their noise) than the single best dimension or than the base adapted to these items without labels (<see cref="CalibrationProfile.AdaptUnlabeled(IReadOnlyList{ScoringInput}, LabelFreeOptions?, Dimensions.INodeQualityHistory?, IReadOnlyList{IQualityDimension}?)"/>);
    /// the rule then chooses between the single dimension and the plain refit. The one-standard-error rule protects the base
    /// from noise, but a base that loses to a single dimension on the very traffic it must score has no claim left to that
    /// protection. The label-free composite is evidence for the guard, not a candidate: its weights come from these few
    /// inputs' own agreement, too noisy to ship. When a base-weighted dimension judges none of the new items, the base profile's
    /// conditional weights without it are the target.</para>
    /// <para><b>Evidence.</b> The report gives the base weights' correlation, the plain refit's and the adaptation's
    /// out-of-fold (τ chosen inside each training split: nested), and a learning curve: for 1, 2, 3, 5, 8, ... labeled groups,
    /// the mean Pearson on the other groups over 20 seeded draws (<c>model-prior</c> there learns from the drawn groups only).</para>
    /// <para>Tasks the base profile calibrates but the new data lacks are carried over unchanged.</para>
    /// </remarks>
    /// <param name="baseProfile">The profile to adapt (for example calibrated on another dataset).</param>
    /// <param name="data">The few labeled records from the new traffic.</param>
    /// <param name="label">The label name.</param>
    /// <param name="task">Restrict to one task; every task with enough items when null.</param>
    /// <returns>The adapted profile and one report per adapted task.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="label"/> is empty; no task has <see cref="CalibrationOptions.MinItems"/> labeled items or at least
    /// two groups (named <paramref name="data"/>); or the base profile does not calibrate a task present in the data (named <paramref name="baseProfile"/>).</exception>
    public AdaptationResult Adapt(CalibrationProfile baseProfile, IReadOnlyList<LoggedOutput> data, string label, TaskKind? task = null)
    {
        ArgumentNullException.ThrowIfNull(baseProfile);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(label);
        var byTask = ByTask(data, label, task, out int missing);
        var usable = byTask.Where(kv => kv.Value.Count >= _options.MinItems).ToList();
        if (usable.Count == 0)
        {
            int most = byTask.Count == 0 ? 0 : byTask.Values.Max(l => l.Count);
            throw new ArgumentException($"Adaptation needs at least {_options.MinItems} items labeled '{label}' in one task; found {most} ({missing} records lack the label).", nameof(data));
        }
        foreach (var (kind, _) in usable)
        {
            if (!baseProfile.Tasks.ContainsKey(kind))
                throw new ArgumentException($"The base profile has no '{WireName.Of(kind)}' calibration to adapt; calibrate that task instead.", nameof(baseProfile));
        }
        var tasks = new Dictionary<TaskKind, TaskCalibration>(baseProfile.Tasks);
        var reports = new List<AdaptationReport>();
        var scoringHistory = HistoryFromLabels(data, label);
        foreach (var (kind, items) in usable)
        {
            var (report, calibration) = AdaptTask(baseProfile.Tasks[kind], kind, items, label, baseProfile.JudgmentScalesFor(items.Select(r => r.Input)), scoringHistory);
            reports.Add(report);
            tasks[kind] = calibration;
        }
        var profile = baseProfile with { Label = label, Tasks = tasks };
        return new AdaptationResult(profile, reports, missing);
    }

    private (AdaptationReport, TaskCalibration) AdaptTask(TaskCalibration basis, TaskKind kind, List<LoggedOutput> items, string label, IReadOnlyDictionary<string, JudgmentScale> scales, INodeQualityHistory scoringHistory)
    {
        var prepared = Prepare(kind, items, label, scales);
        var (dims, inputs, y, fold, groups, s, _) = prepared;
        int n = y.Length, p = dims.Count;
        var names = dims.Select(d => d.Name).ToArray();
        var all = Enumerable.Range(0, n).ToArray();

        // The target: the base weights, or its conditional weights without base-weighted dimensions that judge nothing here.
        var judges = new bool[p];
        for (int d = 0; d < p; d++) judges[d] = s[d].Any(v => !double.IsNaN(v));
        var w0 = basis.ConditionalWeights(names, judges) ?? names.Select(name => basis.Weights.GetValueOrDefault(name)).ToArray();
        if (!(w0.Sum() > 0)) w0 = Enumerable.Repeat(1.0, p).ToArray();
        double w0Sum = w0.Sum();
        for (int d = 0; d < p; d++) w0[d] /= w0Sum;

        // The label-free candidate: the base adapted to these items' inputs (labels unread; node history, learned from the
        // labels here, is left out of it).
        var unlabeled = s.Select((col, d) => dims[d] is INodeHistoryDimension ? Enumerable.Repeat(double.NaN, n).ToArray() : col).ToArray();
        var lf = LabelFreeAdaptation.LabelFreeWeights(kind, basis, names, unlabeled, new LabelFreeOptions { MinItems = Math.Min(20, Math.Max(10, n / 2)) });
        var baseSummary = Summary(all.Select(i => Composite(s, w0, i)).ToArray(), y);
        var refit = Summary(OutOfFoldShrunk(s, y, fold, all, w0, _ => 0, lf, prepared.Alone), y);
        var adapted = Summary(OutOfFoldShrunk(s, y, fold, all, w0, train => ChooseStrength(prepared, train, w0, lf), lf, prepared.Alone), y);
        double tau = ChooseStrength(prepared, all, w0, lf);
        var weights = FitShrunk(s, y, all, w0, tau, names, out var fit, lf, prepared.Alone);
        bool single = tau == BestSingleCandidate;

        var curve = LearningCurve(prepared, all, w0, lf, baseSummary.Pearson);

        var statistics = StatisticsOf(names, s, y);
        UnderScoringHistory(statistics, prepared.Dims, prepared.Inputs, scoringHistory);
        var weightMap = names.Select((name, d) => (name, weights[d])).ToDictionary(x => x.name, x => x.Item2, StringComparer.Ordinal);
        var report = new AdaptationReport
        {
            Task = kind,
            Label = label,
            Items = n,
            Groups = groups,
            Strength = single ? 0 : tau,
            SingleDimension = single ? names[Array.IndexOf(weights, weights.Max())] : null,
            Base = baseSummary,
            Refit = refit,
            Adapted = adapted,
            Weights = weightMap,
            LearningCurve = curve,
        };
        var calibration = new TaskCalibration
        {
            Policy = single ? CalibrationPolicy.BestSingle : CalibrationPolicy.FewShot,
            Weights = weightMap,
            Dropped = names.Where((_, d) => weights[d] <= 0).ToDictionary(name => name, _ => "zero weight after few-shot adaptation", StringComparer.Ordinal),
            JudgmentScales = scales,
            Items = n,
            OutOfFoldPearson = adapted.Pearson,
            Statistics = statistics,
            Fit = fit,
        };
        return (report, calibration);
    }

    /// <summary>The few-shot learning curve: out-of-sample Pearson after adapting on k random groups (seeded draws), for each
    /// k that leaves at least three groups held out.</summary>
    private List<LearningCurvePoint> LearningCurve(Prepared prepared, int[] all, double[] w0, double[]? lf, double? basePearson)
    {
        var (_, inputs, y, _, _, _, _) = prepared;
        var curve = new List<LearningCurvePoint> { new(0, 0, basePearson, 1) };
        var groupOf = GroupIds(inputs);
        int groupCount = groupOf.Max() + 1;
        foreach (int k in CurveGroups.Where(k => k <= groupCount - 3)) // at least three groups held out
        {
            double sum = 0, itemSum = 0;
            int defined = 0;
            for (int draw = 0; draw < LearningCurveDraws; draw++)
            {
                var rng = new Random((int)(Seeds.Derive((ulong)_options.Seed, (ulong)((k * 1000) + draw)) & 0x7FFFFFFF));
                var chosen = Enumerable.Range(0, groupCount).OrderBy(_ => rng.Next()).Take(k).ToHashSet();
                var train = all.Where(i => chosen.Contains(groupOf[i])).ToArray();
                var test = all.Where(i => !chosen.Contains(groupOf[i])).ToArray();
                var sk = WithModelPriorFrom(prepared, train, groupOf);
                var pk = prepared with { S = sk };
                double t = k >= 2 ? ChooseStrength(pk, train, w0, lf) : double.PositiveInfinity;
                var wk = FitShrunk(sk, y, train, w0, t, lf, pk.Alone);
                var r = Summary(test.Select(i => Composite(sk, wk, i)).ToArray(), test.Select(i => y[i]).ToArray()).Pearson;
                itemSum += train.Length;
                if (r is { } v) { sum += v; defined++; }
            }
            curve.Add(new LearningCurvePoint(k, itemSum / LearningCurveDraws, defined > 0 ? sum / defined : null, LearningCurveDraws));
        }
        return curve;
    }

    /// <summary>Group index (0-based, by source document, else query) of every input.</summary>
    private static int[] GroupIds(List<ScoringInput> inputs)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        return inputs.Select(x =>
        {
            string key = GroupKey(x);
            if (!ids.TryGetValue(key, out int g)) ids[key] = g = ids.Count;
            return g;
        }).ToArray();
    }

    /// <summary>A copy of the score matrix whose history-based columns learn only from <paramref name="train"/>: held-out
    /// items from all of it, training items from the other training groups (leave-one-group-out).</summary>
    private static double[][] WithModelPriorFrom(Prepared prepared, int[] train, int[] groupOf)
    {
        var s = (double[][])prepared.S.Clone();
        var learn = new bool[prepared.Y.Length];
        foreach (int i in train) learn[i] = true;
        // Folds: each training group its own, every held-out item one more (it then learns from all training groups).
        int heldOut = groupOf.Max() + 1;
        var fold = groupOf.Select((g, i) => learn[i] ? g : heldOut).ToArray();
        for (int d = 0; d < s.Length; d++)
        {
            if (prepared.Dims[d] is not INodeHistoryDimension mp) continue;
            s[d] = new double[prepared.Y.Length];
            ScoreModelPriorOutOfFold(mp, prepared.Inputs, prepared.Y, fold, s[d], learn);
        }
        return s;
    }

    /// <summary>Out-of-fold predictions (standardized by each training split) of the shrunk fit with a per-split strength.</summary>
    private static double[] OutOfFoldShrunk(double[][] s, double[] y, int[] fold, int[] items, double[] w0, Func<int[], double> strength, double[]? labelFree, bool[] alone) =>
        OutOfFoldWith(s, y, fold, items, (_, train) => train.Length == 0 ? null : FitShrunk(s, y, train, w0, strength(train), labelFree, alone), commonScale: true);

    /// <summary>The candidate chosen by grouped cross-validation on <paramref name="train"/> with the paired one-standard-error
    /// rule (see <see cref="Adapt"/>).</summary>
    private double ChooseStrength(Prepared prepared, int[] train, double[] w0, double[]? labelFree)
    {
        var (folds, _) = AssignFolds(prepared.Inputs, train, _options.Folds, Seeds.Derive((ulong)_options.Seed, 2000UL));
        var innerFold = new int[prepared.Y.Length];
        for (int j = 0; j < train.Length; j++) innerFold[train[j]] = folds[j];
        int k = folds.Distinct().Count();
        if (k < 2) return double.PositiveInfinity;
        var pooled = new double[Strengths.Length];
        var perFold = new List<double>[Strengths.Length];
        var preds = new double[Strengths.Length][];
        for (int t = 0; t < Strengths.Length; t++)
        {
            double tau = Strengths[t];
            var pred = preds[t] = OutOfFoldShrunk(prepared.S, prepared.Y, innerFold, train, w0, _ => tau, labelFree, prepared.Alone);
            pooled[t] = Summary(Subset(pred, train), Subset(prepared.Y, train)).Spearman ?? double.NegativeInfinity;
            perFold[t] = [];
            for (int f = 0; f < k; f++)
            {
                var inFold = train.Where(i => innerFold[i] == f).ToArray();
                perFold[t].Add(Summary(Subset(pred, inFold), Subset(prepared.Y, inFold)).Spearman ?? double.NaN);
            }
        }
        // The label-free composite is evidence for the guard only, never chosen: its weights come from these few inputs' own
        // agreement, too noisy to ship (on 35 items it can beat the best single dimension here and lose to it on new traffic).
        int labelFreeAt = Array.IndexOf(Strengths, LabelFreeCandidate);
        int best = labelFreeAt == 0 ? 1 : 0;
        for (int t = 0; t < Strengths.Length; t++)
        {
            if (t != labelFreeAt && pooled[t] > pooled[best]) best = t;
        }
        if (double.IsNegativeInfinity(pooled[best])) return double.PositiveInfinity;
        // One-standard-error rule (Breiman et al. 1984), paired: the most preferred candidate (strongest shrinkage first)
        // whose pooled score is within one standard error of the best, the error taken from the fold-by-fold differences
        // between the two (paired differences cancel the fold-to-fold noise both share). A few dozen labels move the weights
        // away from the base only when the evidence clearly beats that noise.
        int keep = Array.IndexOf(Strengths, double.PositiveInfinity);
        var groupOf = GroupIds(prepared.Inputs);
        bool Beats(int t) => BeatsBeyondNoise(preds[t], preds[keep], prepared.Y, train, groupOf);
        // The base is beaten only when the labels show it worse beyond their noise (a group bootstrap), not when a point
        // estimate on a few dozen items happens to favour another candidate.
        bool baseBeaten = Beats(Array.IndexOf(Strengths, BestSingleCandidate)) || Beats(labelFreeAt);
        for (int t = Strengths.Length - 1; t >= 0; t--)
        {
            // A beaten base is not kept, and not shrunk toward either: the shrunk fits import the weights the labels reject.
            if (t == labelFreeAt || double.IsNegativeInfinity(pooled[t]) || (baseBeaten && Strengths[t] > 0)) continue;
            var diffs = new List<double>();
            for (int f = 0; f < k; f++)
            {
                if (!double.IsNaN(perFold[best][f]) && !double.IsNaN(perFold[t][f])) diffs.Add(perFold[best][f] - perFold[t][f]);
            }
            double se = 0;
            if (diffs.Count >= 2)
            {
                double mean = diffs.Average();
                se = Math.Sqrt(diffs.Sum(x => (x - mean) * (x - mean)) / (diffs.Count - 1) / diffs.Count);
            }
            if (pooled[t] >= pooled[best] - se - 1e-12) return t == keep || Beats(t) ? Strengths[t] : double.PositiveInfinity;
        }
        return best == keep || Beats(best) ? Strengths[best] : double.PositiveInfinity;
    }

    private const int BootstrapResamples = 400;

    /// <summary>Whether the out-of-fold predictions <paramref name="a"/> rank the label better than <paramref name="b"/>
    /// beyond the labels' noise: the 10th percentile of the difference of their Spearman correlations with the label, over
    /// seeded resamples of the labelled groups (source documents, else queries: items of one group share their noise), is
    /// above 0 (our rule). With fewer than 3 groups the labels cannot show it.</summary>
    private bool BeatsBeyondNoise(double[] a, double[] b, double[] y, int[] train, int[] groupOf)
    {
        var groups = train.GroupBy(i => groupOf[i]).Select(g => g.ToArray()).ToArray();
        if (groups.Length < 3) return false;
        var rng = new Random((int)(Seeds.Derive((ulong)_options.Seed, 3000UL + (ulong)train.Length) & 0x7FFFFFFF));
        var diffs = new List<double>(BootstrapResamples);
        var items = new List<int>(train.Length * 2);
        for (int r = 0; r < BootstrapResamples; r++)
        {
            items.Clear();
            for (int g = 0; g < groups.Length; g++) items.AddRange(groups[rng.Next(groups.Length)]);
            items.RemoveAll(i => !double.IsFinite(a[i]) || !double.IsFinite(b[i]));
            var ys = items.Select(i => y[i]).ToArray();
            if (Stats.Spearman([.. items.Select(i => a[i])], ys) is { } ra && Stats.Spearman([.. items.Select(i => b[i])], ys) is { } rb) diffs.Add(ra - rb);
        }
        if (diffs.Count < BootstrapResamples / 2) return false;
        diffs.Sort();
        return diffs[(int)(0.1 * diffs.Count)] > 0;
    }

    /// <summary>Non-negative weights shrunk towards <paramref name="w0"/> with strength τ (see <see cref="Adapt"/>).</summary>
    private static double[] FitShrunk(double[][] s, double[] y, int[] train, double[] w0, double tau, double[]? labelFree, bool[] alone) => FitShrunk(s, y, train, w0, tau, new string[s.Length], out _, labelFree, alone);

    // alone: per dimension, whether it may be the best single dimension — one that judges the response, not its sender (node
    // history alone would score every response of a node alike: a prior, not a quality judgment).
    private static double[] FitShrunk(double[][] s, double[] y, int[] train, double[] w0, double tau, string[] names, out FitStatistics? fit, double[]? labelFree, bool[] alone)
    {
        int p = s.Length;
        fit = null;
        if (double.IsPositiveInfinity(tau)) return (double[])w0.Clone();
        if (tau == LabelFreeCandidate) return (double[])(labelFree ?? w0).Clone();
        if (tau == BestSingleCandidate)
        {
            int best = -1;
            double bestR = 0;
            for (int d = 0; d < p; d++)
            {
                if (!alone[d]) continue;
                var acc = default(CoMoments);
                foreach (int i in train)
                {
                    if (!double.IsNaN(s[d][i])) acc = acc.Add(s[d][i], y[i]);
                }
                if (acc.Pearson is > 0 and var r && r > bestR) { best = d; bestR = r; }
            }
            if (best < 0) return (double[])w0.Clone();
            var one = new double[p];
            one[best] = 1;
            return one;
        }
        var stats = NormalEquations(s, y, train, 0, names);
        if (stats is null) return (double[])w0.Clone();
        var sd = stats.StandardDeviations;
        var g = new double[p, p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++) g[a, b] = stats.Gram[(a * p) + b];
        }
        var beta0 = new double[p];
        for (int d = 0; d < p; d++) beta0[d] = sd[d] > 0 ? w0[d] * sd[d] : 0;
        double num = 0, den = 0;
        for (int a = 0; a < p; a++)
        {
            num += beta0[a] * stats.Target[a];
            for (int b = 0; b < p; b++) den += beta0[a] * g[a, b] * beta0[b];
        }
        double c = den > 0 ? Math.Max(num / den, 0) : 0;
        var rhs = new double[p];
        var prior = new double[p];
        for (int d = 0; d < p; d++)
        {
            prior[d] = tau * c * beta0[d];
            rhs[d] = stats.Target[d] + prior[d];
        }
        var beta = Nnls.Solve(g, rhs, tau);
        fit = stats with { Lambda = tau, Prior = prior };
        var w = new double[p];
        for (int d = 0; d < p; d++) w[d] = sd[d] > 0 ? beta[d] / sd[d] : 0;
        double sum = w.Sum();
        if (!(sum > 0) || !double.IsFinite(sum)) return (double[])w0.Clone();
        for (int d = 0; d < p; d++) w[d] /= sum;
        return w;
    }
}
