using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Calibration;

// Label-free adaptation: the profile's weights combined with the traffic's own inter-dimension agreement.
public sealed partial record CalibrationProfile
{
    /// <summary>Adapts this profile to unlabeled traffic: per task, the weights move toward what the traffic's own
    /// inter-dimension agreement says, shrunk toward the profile, and dimensions the calibration never saw (an LLM judge,
    /// external evaluators' <c>agreement</c>) get weight when they agree with the rest.</summary>
    /// <remarks>
    /// <para><b>Idea</b> (credited): when several noisy predictors of the same latent quality err independently given it,
    /// their covariance off the diagonal is rank one, and its leading eigenvector ranks the predictors by their accuracy
    /// without any label — the spectral meta-learner of Parisi, Strino, Nadler and Kluger (PNAS 2014, "Ranking and combining
    /// multiple predictors without labeled data"); Dror, Nadler, Slonim and Kluger (2017) carry it to regression
    /// ("unsupervised ensemble regression").</para>
    /// <para><b>Formula</b> (ScoutElo's own design; the papers publish none for this setting). On the task's inputs, a
    /// dimension is usable when it judges at least <see cref="LabelFreeOptions.MinItems"/> inputs and half of them and is not
    /// constant. Over the usable dimensions: Spearman's ρ on the inputs each pair judges (robust to the dimensions' different,
    /// often skewed scales); a one-factor fit of the off-diagonal correlations by principal-axis iteration (communalities
    /// start at each row's largest |ρ| and are re-estimated from the leading eigenpair until stable), giving loadings
    /// <c>ℓ_d</c> oriented so the profile's weights load positively; label-free standardized weights
    /// <c>β_lf,d ∝ max(ℓ_d, 0) / (1 − min(ℓ_d², 0.9))</c> (loading over unique variance: the factor-score weights of a
    /// one-factor model). <b>Guard:</b> a dimension whose largest |ρ| with any other stays below
    /// <see cref="LabelFreeOptions.PartnerThreshold"/>, or below <c>2/√n</c> (two standard errors of a null correlation over
    /// the n inputs the pair judges: chance agreement is no agreement), has no partner in agreement; the factor cannot see it (EVOUNA-NQ: the
    /// reference match carries the signal alone), so it keeps its profile share and the partnered dimensions share the rest
    /// by their <c>β_lf</c>. The profile's standardized weights are <c>β₀,d = w₀,d·σ_d</c> (σ on the traffic; <c>w₀</c> the
    /// conditional weights of what can judge), the result <c>β_d = λ_d·β₀,d + (1 − λ_d)·β_lf,d</c> with
    /// <c>λ_d = </c><see cref="LabelFreeOptions.Shrinkage"/>, except <c>λ_d = 0</c> for a dimension whose distribution shifted
    /// away from the calibration data (the <see cref="ProfileDiagnostics.Shift"/> rule: its calibrated link to quality is
    /// unverified here) and for one the calibration never saw judge (its zero weight there is silence, not evidence): only
    /// the traffic speaks for those; the partnered dimensions' <c>β</c> are then rescaled to share exactly what the partnerless
    /// ones leave, and the raw weights are <c>w_d ∝ β_d / σ_d</c>. Dimensions that
    /// judge too few inputs get weight 0. A task the profile does not calibrate starts from equal weights.</para>
    /// <para>The adapted profile drops isotonic maps (they belong to the old composite) and regression statistics (its
    /// conditional weights renormalize). Deterministic; the result does not depend on the input order within a task.</para>
    /// </remarks>
    /// <param name="traffic">The unlabeled inputs to adapt to (labels, if any, are not read).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="history">Node history for <c>model-prior</c>; an empty one when null.</param>
    /// <param name="additionalDimensions">Dimensions computed elsewhere (judge, embedding) that will be present when scoring.</param>
    /// <returns>The adapted profile, a report per task and warnings naming what moved and why.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="traffic"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    /// <exception cref="ArgumentException">The profile weights a dimension that is not given (named <paramref name="additionalDimensions"/>).</exception>
    public LabelFreeAdaptationResult AdaptUnlabeled(IReadOnlyList<ScoringInput> traffic, LabelFreeOptions? options = null, INodeQualityHistory? history = null, IReadOnlyList<IQualityDimension>? additionalDimensions = null)
    {
        CheckTraffic(traffic);
        var all = BuiltInDimensions.Create(history, null, new AgreementOptions { Scales = JudgmentScalesFor(traffic) }).Concat(additionalDimensions ?? []).ToList();
        try
        {
            return AdaptUnlabeled(traffic, all, options);
        }
        catch (ArgumentException e) when (e.ParamName == "dimensions")
        {
            throw new ArgumentException(Guard.BareMessage(e), nameof(additionalDimensions), e);
        }
    }

    /// <summary>Adapts this profile to unlabeled traffic scored by the given dimensions (as
    /// <see cref="AdaptUnlabeled(IReadOnlyList{ScoringInput}, LabelFreeOptions?, INodeQualityHistory?, IReadOnlyList{IQualityDimension}?)"/>,
    /// for custom dimension sets: the same set <see cref="CreateScorer(IEnumerable{IQualityDimension})"/> will score with).</summary>
    /// <param name="traffic">The unlabeled inputs to adapt to.</param>
    /// <param name="dimensions">Every dimension that will score; every weighted name in the profile must be among them.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <returns>The adapted profile, a report per task and warnings naming what moved and why.</returns>
    /// <exception cref="ArgumentNullException">An argument or an element is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    /// <exception cref="ArgumentException">The profile weights a dimension that is not given, or names repeat (named <paramref name="dimensions"/>).</exception>
    public LabelFreeAdaptationResult AdaptUnlabeled(IReadOnlyList<ScoringInput> traffic, IReadOnlyList<IQualityDimension> dimensions, LabelFreeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        options ??= new LabelFreeOptions();
        options.Validate(nameof(options));
        CheckTraffic(traffic);
        if (dimensions.Any(d => d is null) || dimensions.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count() != dimensions.Count)
            throw new ArgumentException("Dimensions must be non-null with unique names.", nameof(dimensions));
        var scorer = CreateScorer(dimensions);
        var names = scorer.Dimensions.Select(d => d.Name).ToArray();
        var reportsOf = scorer.ScoreBatch(traffic, -1);
        var scales = JudgmentScalesFor(traffic);
        var tasks = new Dictionary<TaskKind, TaskCalibration>(Tasks);
        var reports = new List<LabelFreeReport>();
        var warnings = new List<ProfileWarning>();
        foreach (var group in Enumerable.Range(0, traffic.Count).GroupBy(i => traffic[i].Task).OrderBy(g => g.Key))
        {
            var idx = group.ToArray();
            var s = new double[names.Length][];
            for (int d = 0; d < names.Length; d++)
            {
                s[d] = new double[idx.Length];
                for (int k = 0; k < idx.Length; k++) s[d][k] = reportsOf[idx[k]].Dimensions[d].Score.TryGetValue(out double v) ? v : double.NaN;
            }
            Tasks.TryGetValue(group.Key, out var basis);
            var (report, weights) = AdaptTask(group.Key, basis, names, s, options, warnings);
            reports.Add(report);
            if (!report.Adapted) continue;
            tasks[group.Key] = new TaskCalibration
            {
                Policy = CalibrationPolicy.LabelFree,
                Weights = weights,
                Dropped = weights.Where(kv => kv.Value <= 0).ToDictionary(kv => kv.Key, _ => "zero weight after label-free adaptation", StringComparer.Ordinal),
                JudgmentScales = scales,
                Items = basis?.Items ?? 0,
                OutOfFoldPearson = null,
                Statistics = basis?.Statistics ?? new Dictionary<string, DimensionStatistics>(),
            };
        }
        return new LabelFreeAdaptationResult(this with { Tasks = tasks }, reports, warnings);
    }

    private static (LabelFreeReport, Dictionary<string, double>) AdaptTask(TaskKind task, TaskCalibration? basis, string[] names, double[][] s, LabelFreeOptions options, List<ProfileWarning> warnings)
    {
        var ci = CultureInfo.InvariantCulture;
        string taskName = WireName.Of(task);
        int p = names.Length, n = s.Length == 0 ? 0 : s[0].Length;
        var judges = new bool[p];
        var moments = new CoMoments[p];
        for (int d = 0; d < p; d++)
        {
            foreach (double v in s[d])
            {
                if (!double.IsNaN(v)) moments[d] = moments[d].Add(v, 0);
            }
            judges[d] = moments[d].Count > 0;
        }
        // The profile's weights for this traffic: conditional weights of what can judge, else its weights renormalized.
        var w0 = basis?.ConditionalWeights(names, judges) ?? names.Select((name, d) => judges[d] ? basis?.Weights.GetValueOrDefault(name) ?? 1.0 : 0).ToArray();
        if (!(w0.Sum() > 0)) w0 = judges.Select(j => j ? 1.0 : 0).ToArray();
        Normalize(w0);
        var baseMap = Map(names, w0);
        var usable = Enumerable.Range(0, p).Where(d => moments[d].Count >= Math.Max(options.MinItems, n / 2.0) && moments[d].StdDevX > 0).ToArray();
        if (n < options.MinItems || usable.Length < 2 || !(w0.Sum() > 0))
        {
            warnings.Add(new ProfileWarning(ProfileDiagnostics.NotAdapted, task, null, string.Create(ci,
                $"Label-free adaptation left the {taskName} weights as they were: {n} inputs and {usable.Length} usable dimensions (needs {options.MinItems} inputs and two dimensions that judge at least {options.MinItems} and half of them).")));
            return (new LabelFreeReport(task, n, false, baseMap, baseMap, new Dictionary<string, double>(), []), baseMap);
        }

        int m = usable.Length;
        var rho = new double[m, m];
        var pairs = new int[m, m];
        for (int a = 0; a < m; a++)
        {
            rho[a, a] = 1;
            for (int b = a + 1; b < m; b++)
            {
                (rho[a, b], pairs[a, b]) = PairSpearman(s[usable[a]], s[usable[b]], options.MinItems);
                (rho[b, a], pairs[b, a]) = (rho[a, b], pairs[a, b]);
            }
        }
        var loading = OneFactor(rho);
        var sigma = usable.Select(d => moments[d].StdDevX).ToArray();
        var beta0 = new double[m];
        for (int a = 0; a < m; a++) beta0[a] = w0[usable[a]] * sigma[a];
        double b0Sum = beta0.Sum();
        if (b0Sum > 0) for (int a = 0; a < m; a++) beta0[a] /= b0Sum;
        double orient = 0, loadSum = 0;
        for (int a = 0; a < m; a++) { orient += beta0[a] * loading[a]; loadSum += loading[a]; }
        if (orient < 0 || (orient == 0 && loadSum < 0)) for (int a = 0; a < m; a++) loading[a] = -loading[a];

        var partner = new int[m];
        var partnered = new bool[m];
        for (int a = 0; a < m; a++)
        {
            partner[a] = -1;
            for (int b = 0; b < m; b++)
            {
                if (b != a && (partner[a] < 0 || Math.Abs(rho[a, b]) > Math.Abs(rho[a, partner[a]]))) partner[a] = b;
            }
            // A partner must agree meaningfully (the threshold) and beyond chance: two standard errors of a null correlation
            // over the inputs both judge, 2/√n (0.45 on 20 inputs, under 0.3 from 45 on).
            partnered[a] = partner[a] >= 0 && Math.Abs(rho[a, partner[a]]) >= Math.Max(options.PartnerThreshold, 2 / Math.Sqrt(Math.Max(pairs[a, partner[a]], 1)));
        }
        var lf = new double[m];
        double lonely = 0, lfSum = 0;
        for (int a = 0; a < m; a++)
        {
            if (!partnered[a]) { lf[a] = beta0[a]; lonely += beta0[a]; continue; }
            double l = Math.Max(loading[a], 0);
            lf[a] = l / (1 - Math.Min(l * l, 0.9));
            lfSum += lf[a];
        }
        for (int a = 0; a < m; a++)
        {
            if (!partnered[a]) continue;
            // No agreement evidence among the partnered (all load ≤ 0): they keep the profile's shares.
            lf[a] = lfSum > 0 ? lf[a] / lfSum * (1 - lonely) : beta0[a];
        }
        var beta = new double[m];
        var shifted = new bool[m];
        for (int a = 0; a < m; a++)
        {
            string name = names[usable[a]];
            var st = basis?.Statistics.GetValueOrDefault(name);
            shifted[a] = partnered[a] && st is not null && ProfileDiagnostics.IsShift(st, moments[usable[a]].MeanX, moments[usable[a]].StdDevX);
            // The profile has no opinion on a dimension its calibration never saw judge (its zero weight is silence, not
            // evidence), nor on one whose distribution shifted: only the traffic speaks for those.
            bool neverSeen = partnered[a] && beta0[a] <= 0 && (st is null || st.Applicability <= 0);
            double lambda = shifted[a] || neverSeen ? 0 : options.Shrinkage;
            beta[a] = (lambda * beta0[a]) + ((1 - lambda) * lf[a]);
        }
        // The partnered dimensions share what the partnerless ones leave, exactly (the guard keeps those shares).
        double partneredSum = 0;
        for (int a = 0; a < m; a++) partneredSum += partnered[a] ? beta[a] : 0;
        if (partneredSum > 0) for (int a = 0; a < m; a++) beta[a] = partnered[a] ? beta[a] / partneredSum * (1 - lonely) : beta[a];
        var w = new double[p];
        for (int a = 0; a < m; a++) w[usable[a]] = beta[a] / sigma[a];
        if (!(w.Sum() > 0)) Array.Copy(w0, w, p);
        Normalize(w);

        var loadMap = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int a = 0; a < m; a++) loadMap[names[usable[a]]] = loading[a];
        for (int a = 0; a < m; a++)
        {
            int d = usable[a];
            string name = names[d];
            string agree = partner[a] >= 0 ? string.Create(ci, $"its strongest agreement is with '{names[usable[partner[a]]]}' (ρ = {rho[a, partner[a]]:0.00})") : "it has no other dimension to agree with";
            // Unseen: the calibration data gave this dimension nothing to judge (absent, or judged none of its items).
            bool unseen = w0[d] <= 0 && (basis is null || !basis.Statistics.TryGetValue(name, out var seen) || seen.Applicability <= 0);
            if (unseen && w[d] < 0.05)
            {
                warnings.Add(new ProfileWarning(partnered[a] ? ProfileDiagnostics.Reweighted : ProfileDiagnostics.NoPartner, task, name, string.Create(ci,
                    $"'{name}' is new to this profile (the calibration never saw it) and gets {ProfileDiagnostics.Percent(w[d])} of the {taskName} weight: {(partnered[a] ? $"it loads {loading[a]:0.00} on the common factor" : $"it agrees with no other dimension above {options.PartnerThreshold:0.##}")} ({agree}).")));
                continue;
            }
            if (!partnered[a])
            {
                if (w0[d] > 0)
                    warnings.Add(new ProfileWarning(ProfileDiagnostics.NoPartner, task, name, string.Create(ci,
                        $"'{name}' agrees with no other {taskName} dimension ({agree}, below {options.PartnerThreshold:0.##}): the traffic cannot vouch for it, so it keeps its profile share ({ProfileDiagnostics.Percent(w0[d])} → {ProfileDiagnostics.Percent(w[d])} after the others moved).")));
                continue;
            }
            if (Math.Abs(w[d] - w0[d]) < 0.05) continue;
            string why = unseen && w[d] > w0[d]
                ? "the calibration never saw it, and it agrees with the others"
                : shifted[a] ? "its distribution shifted from the calibration data, so only the traffic's agreement speaks for it"
                : w[d] > w0[d] ? "it agrees with the common factor more than the profile assumed" : "it agrees with the common factor less than the profile assumed";
            warnings.Add(new ProfileWarning(ProfileDiagnostics.Reweighted, task, name, string.Create(ci,
                $"'{name}' {ProfileDiagnostics.Percent(w0[d])} → {ProfileDiagnostics.Percent(w[d])} of the {taskName} weight: {why} (loading {loading[a]:0.00}; {agree}).")));
        }
        for (int d = 0; d < p; d++)
        {
            if (w0[d] > 0 && !usable.Contains(d))
                warnings.Add(new ProfileWarning(ProfileDiagnostics.Reweighted, task, names[d], string.Create(ci,
                    $"'{names[d]}' {ProfileDiagnostics.Percent(w0[d])} → 0% of the {taskName} weight: it judges {moments[d].Count} of {n} inputs, too few to weigh on this traffic.")));
        }
        var weights = Map(names, w);
        return (new LabelFreeReport(task, n, true, baseMap, weights, loadMap, [.. usable.Where((_, a) => partnered[a]).Select(d => names[d])]), weights);
    }

    /// <summary>The label-free weights (aligned with <paramref name="names"/>) of a task's score matrix; null when there is too
    /// little to adapt on. Used by the few-shot guard.</summary>
    internal static double[]? LabelFreeWeights(TaskKind task, TaskCalibration? basis, string[] names, double[][] s, LabelFreeOptions options)
    {
        var (report, weights) = AdaptTask(task, basis, names, s, options, []);
        return report.Adapted ? [.. names.Select(n => weights[n])] : null;
    }

    private static void CheckTraffic(IReadOnlyList<ScoringInput> traffic)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        for (int i = 0; i < traffic.Count; i++)
        {
            if (traffic[i] is null) throw new ArgumentNullException(nameof(traffic), $"Input {i} is null.");
        }
    }

    private static Dictionary<string, double> Map(string[] names, double[] w) =>
        names.Select((name, d) => (name, w[d])).ToDictionary(x => x.name, x => x.Item2, StringComparer.Ordinal);

    private static void Normalize(double[] w)
    {
        double sum = w.Sum();
        if (!(sum > 0)) return;
        for (int i = 0; i < w.Length; i++) w[i] /= sum;
    }

    /// <summary>Spearman's ρ over the inputs both columns judge (0 when fewer than <paramref name="min"/> or undefined), and their count.</summary>
    internal static (double Rho, int Count) PairSpearman(double[] x, double[] y, int min)
    {
        var xs = new List<double>(x.Length);
        var ys = new List<double>(x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i])) { xs.Add(x[i]); ys.Add(y[i]); }
        }
        return (xs.Count >= min ? Stats.Spearman([.. xs], [.. ys]) ?? 0 : 0, xs.Count);
    }

    /// <summary>One-factor loadings of a correlation matrix by principal-axis iteration on the off-diagonal (see
    /// <see cref="AdaptUnlabeled(IReadOnlyList{ScoringInput}, LabelFreeOptions?, Dimensions.INodeQualityHistory?, IReadOnlyList{IQualityDimension}?)"/>); the sign is arbitrary.</summary>
    internal static double[] OneFactor(double[,] rho)
    {
        int m = rho.GetLength(0);
        var h = new double[m];
        for (int a = 0; a < m; a++)
        {
            for (int b = 0; b < m; b++)
            {
                if (b != a) h[a] = Math.Max(h[a], Math.Abs(rho[a, b]));
            }
        }
        var loading = new double[m];
        for (int iteration = 0; iteration < 5000; iteration++)
        {
            var r = Matrix<double>.Build.Dense(m, m, (a, b) => a == b ? h[a] : rho[a, b]);
            var evd = r.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
            int top = 0;
            for (int k = 1; k < m; k++)
            {
                if (evd.EigenValues[k].Real > evd.EigenValues[top].Real) top = k;
            }
            double value = Math.Max(evd.EigenValues[top].Real, 0);
            var vector = evd.EigenVectors.Column(top);
            // A deterministic sign: the largest-magnitude component positive.
            int big = 0;
            for (int a = 1; a < m; a++)
            {
                if (Math.Abs(vector[a]) > Math.Abs(vector[big])) big = a;
            }
            double sign = vector[big] < 0 ? -1 : 1;
            double change = 0;
            for (int a = 0; a < m; a++)
            {
                loading[a] = Math.Clamp(sign * Math.Sqrt(value) * vector[a], -0.999, 0.999);
                double next = Math.Min(loading[a] * loading[a], 0.999);
                change = Math.Max(change, Math.Abs(next - h[a]));
                h[a] = next;
            }
            if (change < 1e-12) break;
        }
        return loading;
    }
}
