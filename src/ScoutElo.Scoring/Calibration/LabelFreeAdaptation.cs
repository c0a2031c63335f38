using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Calibration;

/// <summary>The label-free adaptation algorithm (documented on
/// <see cref="CalibrationProfile.AdaptUnlabeled(IReadOnlyList{ScoringInput}, LabelFreeOptions?, INodeQualityHistory?, IReadOnlyList{IQualityDimension}?)"/>):
/// a task's score matrix and its profile weights in, adapted weights, a report and warnings out. Stateless.</summary>
internal static class LabelFreeAdaptation
{
    /// <summary>What the traffic's agreement says about the usable dimensions: their Spearman matrix, the inputs each pair
    /// shares, the one-factor loadings (oriented by the profile) and the profile's standardized shares.</summary>
    private sealed record Agreement(int[] Usable, double[,] Rho, int[,] Pairs, double[] Loading, double[] Sigma, double[] Beta0);

    /// <summary>Each usable dimension's strongest partner and whether that agreement is meaningful and beyond chance.</summary>
    private sealed record Partners(int[] Partner, bool[] Partnered);

    /// <summary>Adapts one task's weights to its traffic (the score matrix <paramref name="s"/>, one column per dimension).</summary>
    public static (LabelFreeReport, Dictionary<string, double>) AdaptTask(TaskKind task, TaskCalibration? basis, string[] names, double[][] s, LabelFreeOptions options, List<ProfileWarning> warnings)
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

        var ag = Agree(usable, s, moments, w0, options);
        var pt = FindPartners(ag, options);
        var lf = LabelFreeShares(ag, pt, out double lonely);
        var (w, shifted) = Blend(basis, names, ag, pt, lf, lonely, moments, w0, options);
        var loadMap = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int a = 0; a < usable.Length; a++) loadMap[names[usable[a]]] = ag.Loading[a];
        Warn(task, basis, names, n, ag, pt, shifted, moments, w0, w, options, warnings);
        var weights = Map(names, w);
        return (new LabelFreeReport(task, n, true, baseMap, weights, loadMap, [.. usable.Where((_, a) => pt.Partnered[a]).Select(d => names[d])]), weights);
    }

    /// <summary>The label-free weights (aligned with <paramref name="names"/>) of a task's score matrix; null when there is too
    /// little to adapt on. Used by the few-shot guard.</summary>
    public static double[]? LabelFreeWeights(TaskKind task, TaskCalibration? basis, string[] names, double[][] s, LabelFreeOptions options)
    {
        var (report, weights) = AdaptTask(task, basis, names, s, options, []);
        return report.Adapted ? [.. names.Select(n => weights[n])] : null;
    }

    /// <summary>The usable dimensions' agreement, its one factor oriented by the profile, and the profile's shares.</summary>
    private static Agreement Agree(int[] usable, double[][] s, CoMoments[] moments, double[] w0, LabelFreeOptions options)
    {
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
        return new Agreement(usable, rho, pairs, loading, sigma, beta0);
    }

    /// <summary>Every usable dimension's strongest partner; partnered when |ρ| ≥ max(threshold, 2/√pairs).</summary>
    private static Partners FindPartners(Agreement ag, LabelFreeOptions options)
    {
        var (rho, pairs) = (ag.Rho, ag.Pairs);
        int m = ag.Usable.Length;
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
        return new Partners(partner, partnered);
    }

    /// <summary>The one-factor shares of the partnered dimensions; partnerless ones keep the profile's share (summed in
    /// <paramref name="lonely"/>).</summary>
    private static double[] LabelFreeShares(Agreement ag, Partners pt, out double lonely)
    {
        var (loading, beta0, partnered) = (ag.Loading, ag.Beta0, pt.Partnered);
        int m = ag.Usable.Length;
        var lf = new double[m];
        double lfSum = 0;
        lonely = 0;
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
        return lf;
    }

    /// <summary>The profile's shares blended with the label-free ones (λ, or 0 for shifted and never-seen dimensions), back on
    /// the raw score scale and normalized.</summary>
    private static (double[] W, bool[] Shifted) Blend(TaskCalibration? basis, string[] names, Agreement ag, Partners pt, double[] lf, double lonely,
        CoMoments[] moments, double[] w0, LabelFreeOptions options)
    {
        int p = names.Length;
        var (usable, beta0, sigma, partnered) = (ag.Usable, ag.Beta0, ag.Sigma, pt.Partnered);
        int m = usable.Length;
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
        return (w, shifted);
    }

    /// <summary>Says what moved and why: new, partnerless, reweighted and too-sparse dimensions.</summary>
    private static void Warn(TaskKind task, TaskCalibration? basis, string[] names, int n, Agreement ag, Partners pt, bool[] shifted, CoMoments[] moments,
        double[] w0, double[] w, LabelFreeOptions options, List<ProfileWarning> warnings)
    {
        var ci = CultureInfo.InvariantCulture;
        string taskName = WireName.Of(task);
        var (usable, rho, loading, partner, partnered) = (ag.Usable, ag.Rho, ag.Loading, pt.Partner, pt.Partnered);
        int m = usable.Length, p = names.Length;
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
                : w[d] > w0[d] ? "it agrees with the common factor more than the profile assumed"
                : loading[a] >= MeanLoading(loading) ? "its agreement is as strong as the others', but dimensions the profile weighed less agree as well and took a share"
                : "it agrees with the common factor less than the profile assumed";
            warnings.Add(new ProfileWarning(ProfileDiagnostics.Reweighted, task, name, string.Create(ci,
                $"'{name}' {ProfileDiagnostics.Percent(w0[d])} → {ProfileDiagnostics.Percent(w[d])} of the {taskName} weight: {why} (loading {loading[a]:0.00}; {agree}).")));
        }
        for (int d = 0; d < p; d++)
        {
            if (w0[d] > 0 && !usable.Contains(d))
                warnings.Add(new ProfileWarning(ProfileDiagnostics.Reweighted, task, names[d], string.Create(ci,
                    $"'{names[d]}' {ProfileDiagnostics.Percent(w0[d])} → 0% of the {taskName} weight: {(moments[d].Count >= Math.Max(options.MinItems, n / 2.0) && !(moments[d].StdDevX > 0)
                        ? $"it gives every one of the {moments[d].Count} inputs it judges the same score, so its agreement with the others cannot be measured"
                        : $"it judges {moments[d].Count} of {n} inputs, too few to weigh on this traffic")}.")));
        }
    }

    private static double MeanLoading(double[] loading) => loading.Length == 0 ? 0 : loading.Average();

    private static Dictionary<string, double> Map(string[] names, double[] w) =>
        names.Select((name, d) => (name, w[d])).ToDictionary(x => x.name, x => x.Item2, StringComparer.Ordinal);

    private static void Normalize(double[] w)
    {
        double sum = w.Sum();
        if (!(sum > 0)) return;
        for (int i = 0; i < w.Length; i++) w[i] /= sum;
    }

    /// <summary>Spearman's ρ over the inputs both columns judge (0 when fewer than <paramref name="min"/> or undefined), and their count.</summary>
    public static (double Rho, int Count) PairSpearman(double[] x, double[] y, int min)
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
    /// <see cref="CalibrationProfile.AdaptUnlabeled(IReadOnlyList{ScoringInput}, LabelFreeOptions?, INodeQualityHistory?, IReadOnlyList{IQualityDimension}?)"/>); the sign is arbitrary.</summary>
    public static double[] OneFactor(double[,] rho)
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
