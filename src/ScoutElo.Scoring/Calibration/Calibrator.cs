using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Calibration;

/// <summary>Audits quality dimensions against reference labels, drops the unreliable ones, fits weights and proves the
/// composite by grouped k-fold cross-validation.</summary>
/// <remarks>
/// <para><b>Audit.</b> Per dimension, over the items where it applies: Pearson, Spearman, Kendall τ-b and a 95% percentile
/// bootstrap CI of Pearson (<see cref="CalibrationOptions.BootstrapResamples"/> item resamples, resample b seeded with
/// <c>SplitMix(seed, b)</c>: identical sequentially or in parallel).</para>
/// <para><b>Policies</b> (all fitted on training folds only): <see cref="CalibrationPolicy.DropAndRenormalize"/> — the paper's rule:
/// keep a dimension when its training Pearson exceeds the threshold and (by default) its 95% Fisher-z interval lies above it,
/// renormalize the kept equal weights; <see cref="CalibrationPolicy.NonNegativeLeastSquares"/> and <see cref="CalibrationPolicy.Ridge"/> —
/// regress the standardized label on standardized scores (not-applicable → the training mean) with β ≥ 0, then weight each
/// dimension by <c>βᵢ/σᵢ</c> so the raw-score composite is a positive affine image of the fit; <see cref="CalibrationPolicy.BestSingle"/>;
/// and <see cref="CalibrationPolicy.Auto"/>, which picks among those four by an inner cross-validation on the training folds.
/// The reported calibrated figure is therefore nested and out-of-fold.</para>
/// <para><b>Folds</b> are grouped by source document (context) or, without one, by query, so one article's summaries or one
/// question's answers never straddle folds; groups are assigned by a seeded shuffle.</para>
/// <para><b>No leakage:</b> dimensions never see labels. <c>model-prior</c> is rebuilt per fold from the training folds' labels
/// (rescaled to [0, 1] by the training range), so every score it contributes is out-of-fold.</para>
/// <para>Instances are immutable and safe for concurrent use.</para>
/// </remarks>
public sealed partial class Calibrator
{
    private readonly CalibrationOptions _options;

    private readonly IReadOnlyList<IQualityDimension>? _dimensions;

    /// <summary>Creates a calibrator.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="dimensions">The dimensions to calibrate; the eight built-ins when null (with judgment scales inferred over the data).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the parameter named is <paramref name="options"/>).</exception>
    /// <exception cref="ArgumentException"><paramref name="dimensions"/> is empty or has duplicate names.</exception>
    public Calibrator(CalibrationOptions? options = null, IReadOnlyList<IQualityDimension>? dimensions = null)
    {
        _options = options ?? new CalibrationOptions();
        _options.Validate(nameof(options));
        if (dimensions is not null)
        {
            if (dimensions.Count == 0) throw new ArgumentException("At least one dimension is required.", nameof(dimensions));
            if (dimensions.Select(d => d?.Name).Distinct(StringComparer.Ordinal).Count() != dimensions.Count || dimensions.Any(d => d is null))
                throw new ArgumentException("Dimensions must be non-null with unique names.", nameof(dimensions));
            _dimensions = [.. dimensions];
        }
    }

    /// <summary>The options in use.</summary>
    public CalibrationOptions Options => _options;

    /// <summary>Calibrates every task present in the data (or one task) against a label.</summary>
    /// <param name="data">Labeled records.</param>
    /// <param name="label">The label name.</param>
    /// <param name="task">Restrict to one task; all tasks with enough items when null.</param>
    /// <returns>The profile and reports.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="label"/> is empty, or no task has <see cref="CalibrationOptions.MinItems"/> labeled items
    /// (the parameter named is <paramref name="data"/>).</exception>
    public CalibrationResult Calibrate(IReadOnlyList<LoggedOutput> data, string label, TaskKind? task = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(label);
        var byTask = ByTask(data, label, task, out int missing);
        var skipped = new SortedDictionary<TaskKind, int>();
        var reports = new List<CalibrationReport>();
        var profiles = new Dictionary<TaskKind, TaskCalibration>();
        var scoringHistory = HistoryFromLabels(data, label);
        foreach (var (kind, items) in byTask)
        {
            if (items.Count < _options.MinItems) { skipped[kind] = items.Count; continue; }
            var (report, calibration) = CalibrateTask(kind, items, label, scoringHistory);
            reports.Add(report);
            profiles[kind] = calibration;
        }
        if (reports.Count == 0)
        {
            int most = byTask.Count == 0 ? 0 : byTask.Values.Max(l => l.Count);
            throw new ArgumentException($"Calibration needs at least {_options.MinItems} items labeled '{label}' in one task; found {most} ({missing} records lack the label).", nameof(data));
        }
        var profile = new CalibrationProfile { Label = label, Tasks = profiles, Folds = _options.Folds, Seed = _options.Seed };
        return new CalibrationResult(profile, reports, missing, skipped);
    }

    /// <summary>Node history learned from labels, as <c>model-prior</c> learns it inside calibration: each labeled record of a
    /// node observes its label rescaled to [0, 1] by the label's range over <paramref name="data"/>. Use it to score other items
    /// of the same nodes with the history the calibrated weights assumed (never to evaluate on the same items: that would be in-sample).</summary>
    /// <param name="data">Labeled records; records without the label or a node are skipped.</param>
    /// <param name="label">The label name.</param>
    /// <returns>A new history.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="label"/> is empty, or a label value is not finite (named <paramref name="data"/>).</exception>
    public static InMemoryNodeQualityHistory HistoryFromLabels(IEnumerable<LoggedOutput> data, string label)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(label);
        var labeled = data.Where(r => r is not null && r.Labels.ContainsKey(label) && !string.IsNullOrEmpty(r.Input.Node)).ToList();
        var history = new InMemoryNodeQualityHistory();
        if (labeled.Count == 0) return history;
        if (labeled.Any(r => !double.IsFinite(r.Labels[label]))) throw new ArgumentException($"Label '{label}' has a non-finite value.", nameof(data));
        double lo = labeled.Min(r => r.Labels[label]), hi = labeled.Max(r => r.Labels[label]);
        foreach (var r in labeled) history.Record(r.Input.Node!, hi > lo ? Math.Clamp((r.Labels[label] - lo) / (hi - lo), 0, 1) : 0.5);
        return history;
    }

    /// <summary>The labeled records of each task (in task order), restricted to one task when given; counts the records
    /// without the label. Shared by <see cref="Calibrate"/> and <see cref="Adapt"/>.</summary>
    private static SortedDictionary<TaskKind, List<LoggedOutput>> ByTask(IReadOnlyList<LoggedOutput> data, string label, TaskKind? task, out int missing)
    {
        missing = 0;
        var byTask = new SortedDictionary<TaskKind, List<LoggedOutput>>();
        for (int i = 0; i < data.Count; i++)
        {
            var r = data[i] ?? throw new ArgumentNullException(nameof(data), $"Record {i} is null.");
            if (!r.Labels.ContainsKey(label)) { missing++; continue; }
            if (task is { } t && r.Input.Task != t) continue;
            if (!byTask.TryGetValue(r.Input.Task, out var list)) byTask[r.Input.Task] = list = [];
            list.Add(r);
        }
        return byTask;
    }

    /// <summary>The public parameter that per-task failures are reported against (<c>Calibrate(data, ...)</c>).</summary>
    private static readonly string DataParamName = "data";

    /// <summary>The scored, labeled items of one task: dimension scores (NaN = not applicable; never leaves this class), labels and folds.</summary>
    private sealed record Prepared(IReadOnlyList<IQualityDimension> Dims, List<ScoringInput> Inputs, double[] Y, int[] Fold, int Groups, double[][] S, IReadOnlyDictionary<string, JudgmentScale> Scales)
    {
        /// <summary>Per dimension, whether few-shot adaptation may choose it alone (not node history: see FitShrunk).</summary>
        public bool[] Alone { get; } = [.. Dims.Select(d => d is not INodeHistoryDimension)];
    }

    private Prepared Prepare(TaskKind kind, List<LoggedOutput> items, string label, IReadOnlyDictionary<string, JudgmentScale>? scalesOverride = null, IReadOnlyList<IQualityDimension>? dimensionsOverride = null)
    {
        int n = items.Count;
        var inputs = items.Select(r => r.Input).ToList();
        var scales = scalesOverride ?? JudgmentScale.InferAll(inputs);
        var dims = dimensionsOverride ?? _dimensions ?? BuiltInDimensions.Create(agreement: new AgreementOptions { Scales = scales });
        int p = dims.Count;
        var y = items.Select(r => r.Labels[label]).ToArray();
        foreach (double v in y)
        {
            if (!double.IsFinite(v) || Math.Abs(v) > PearsonAccumulator.MaxMagnitude)
                throw new ArgumentOutOfRangeException(DataParamName, v, $"Label '{label}' values must be finite with magnitude at most 1e150; rescale them (calibration is scale invariant).");
        }
        var (fold, groups) = AssignFolds(inputs, Enumerable.Range(0, n).ToArray(), _options.Folds, (ulong)_options.Seed);
        if (groups < 2)
            throw new ArgumentException($"Task {kind}: all {n} items share one group (source document or query), so cross-validation has no out-of-fold evidence; add items from at least two groups.", DataParamName);

        var s = new double[p][];
        for (int d = 0; d < p; d++)
        {
            s[d] = new double[n];
            if (dims[d] is INodeHistoryDimension mp) ScoreModelPriorOutOfFold(mp, inputs, y, fold, s[d]);
            else
            {
                var col = s[d];
                var dim = dims[d];
                Parallel.For(0, n, i => col[i] = dim.Score(inputs[i]).TryGetValue(out double v) ? v : double.NaN);
            }
        }
        return new Prepared(dims, inputs, y, fold, groups, s, scales);
    }

    private (CalibrationReport, TaskCalibration) CalibrateTask(TaskKind kind, List<LoggedOutput> items, string label, INodeQualityHistory scoringHistory)
    {
        int n = items.Count;
        var (dims, inputs, y, fold, groups, s, scales) = Prepare(kind, items, label);
        int p = dims.Count;

        // Audit with bootstrap CIs on all items (no fitting involved).
        var cis = Bootstrap.PearsonIntervals(s, y, _options.BootstrapResamples, (ulong)_options.Seed);
        var audit = new CorrelationSummary[p];
        for (int d = 0; d < p; d++)
        {
            var (xs, ys) = Applicable(s[d], y);
            audit[d] = CorrelationSummary.Of(xs, ys) with { PearsonLow = cis[d]?.Low, PearsonHigh = cis[d]?.High };
        }

        var all = Enumerable.Range(0, n).ToArray();
        var candidates = new[] { CalibrationPolicy.DropAndRenormalize, CalibrationPolicy.NonNegativeLeastSquares, CalibrationPolicy.Ridge, CalibrationPolicy.BestSingle };
        var oof = new Dictionary<CalibrationPolicy, double[]>();
        foreach (var policy in candidates.Append(CalibrationPolicy.Equal)) oof[policy] = OutOfFold(policy, s, y, fold, all);
        oof[CalibrationPolicy.Auto] = OutOfFoldAuto(s, y, inputs, fold, all, candidates);
        var policies = oof.ToDictionary(kv => kv.Key, kv => Summary(kv.Value, y));

        CalibrationPolicy chosen = _options.Policy;
        if (chosen == CalibrationPolicy.Auto)
            chosen = candidates.OrderByDescending(c => policies[c].Pearson ?? double.NegativeInfinity).First();
        var (weights, reasons) = Fit(chosen, s, y, all);
        var compositeOof = oof[_options.Policy];

        IsotonicMap? isotonic = null;
        if (_options.FitIsotonic)
        {
            var (cx, cy) = Applicable(compositeOof, y);
            if (cx.Length > 0) isotonic = IsotonicMap.Fit(cx, cy);
        }

        var dimAudits = new List<DimensionAudit>();
        for (int d = 0; d < p; d++) dimAudits.Add(new DimensionAudit(dims[d].Name, audit[d], weights[d] > 0, weights[d], reasons[d]));
        var baselines = new List<BaselineResult>();
        for (int d = 0; d < p; d++) baselines.Add(new BaselineResult(dims[d].Name, BaselineKind.Dimension, audit[d]));
        baselines.AddRange(EvaluatorBaselines(inputs, y, scales));

        var report = new CalibrationReport
        {
            Task = kind,
            Label = label,
            Items = n,
            Groups = groups,
            Policy = chosen,
            Audit = dimAudits,
            Composite = policies[_options.Policy],
            Uncalibrated = policies[CalibrationPolicy.Equal],
            Policies = policies,
            Baselines = baselines,
        };
        var names = dims.Select(d => d.Name).ToArray();
        var statistics = StatisticsOf(names, s, y);
        UnderScoringHistory(statistics, dims, inputs, scoringHistory);
        var fit = chosen is CalibrationPolicy.NonNegativeLeastSquares or CalibrationPolicy.Ridge
            ? NormalEquations(s, y, all, chosen == CalibrationPolicy.Ridge ? _options.RidgeLambda : 0, names)
            : null;
        var calibration = new TaskCalibration
        {
            Policy = chosen,
            Statistics = statistics,
            Fit = fit,
            Weights = dims.Select((dim, d) => (dim.Name, weights[d])).ToDictionary(x => x.Name, x => x.Item2, StringComparer.Ordinal),
            Dropped = dims.Select((dim, d) => (dim.Name, d)).Where(x => weights[x.d] <= 0).ToDictionary(x => x.Name, x => reasons[x.d], StringComparer.Ordinal),
            Isotonic = isotonic,
            JudgmentScales = scales,
            Items = n,
            OutOfFoldPearson = report.Composite.Pearson,
        };
        return (report, calibration);
    }

    /// <summary>Replaces the distribution (applicability, mean, spread) of every node-history dimension by the one it has under
    /// <paramref name="history"/>, the history scoring reads (what <see cref="HistoryFromLabels"/> returns and
    /// <c>calibrate --history-out</c> writes). The fitted column is out of fold: each item scored with a history that never saw
    /// its fold, so with less evidence and more shrinkage toward the prior than the full history gives. Drift diagnostics compare
    /// scored traffic with these statistics, and traffic scored with the full history would always look shifted against the
    /// out-of-fold column (issue 26: +0.73 sd on the very calibration file). The Pearson stays the out-of-fold one: the honest
    /// estimate of the dimension's link to quality.</summary>
    private static void UnderScoringHistory(Dictionary<string, DimensionStatistics> statistics, IReadOnlyList<IQualityDimension> dims, List<ScoringInput> inputs, INodeQualityHistory history)
    {
        foreach (var dim in dims)
        {
            if (dim is not INodeHistoryDimension mp || !statistics.TryGetValue(dim.Name, out var oof)) continue;
            var scoring = mp.WithHistory(history);
            var acc = default(CoMoments);
            foreach (var input in inputs)
            {
                if (scoring.Score(input).TryGetValue(out double v)) acc = acc.Add(v, 0);
            }
            statistics[dim.Name] = oof with
            {
                Applicability = (double)acc.Count / inputs.Count,
                Mean = acc.Count > 0 ? acc.MeanX : 0,
                StandardDeviation = acc.StdDevX,
            };
        }
    }

    /// <summary>Per-dimension applicability, mean, standard deviation and Pearson with the label (NaN = not applicable).</summary>
    private static Dictionary<string, DimensionStatistics> StatisticsOf(string[] names, double[][] s, double[] y)
    {
        var statistics = new Dictionary<string, DimensionStatistics>(StringComparer.Ordinal);
        for (int d = 0; d < names.Length; d++)
        {
            var acc = default(CoMoments);
            for (int i = 0; i < y.Length; i++)
            {
                if (!double.IsNaN(s[d][i])) acc = acc.Add(s[d][i], y[i]);
            }
            statistics[names[d]] = new DimensionStatistics(
                (double)acc.Count / y.Length, acc.Count > 0 ? acc.MeanX : 0, acc.StdDevX, acc.Pearson);
        }
        return statistics;
    }

    private static CorrelationSummary Summary(double[] pred, double[] y)
    {
        var (x, yy) = Applicable(pred, y);
        return CorrelationSummary.Of(x, yy);
    }

    private static (double[] X, double[] Y) Applicable(double[] x, double[] y)
    {
        var xs = new List<double>(x.Length);
        var ys = new List<double>(x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i])) { xs.Add(x[i]); ys.Add(y[i]); }
        }
        return ([.. xs], [.. ys]);
    }
}
