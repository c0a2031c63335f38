using ScoutElo.Scoring.Internal;


namespace ScoutElo.Scoring.Calibration;

// The weight-fitting part of the calibrator: the composite, the policies' fits, and the regression's normal equations.
public sealed partial class Calibrator
{
    internal static double Composite(double[][] s, double[] w, int i)
    {
        Span<double> values = s.Length <= 64 ? stackalloc double[s.Length] : new double[s.Length];
        for (int d = 0; d < s.Length; d++) values[d] = s[d][i];
        return Stats.WeightedComposite(values, w);
    }

    /// <summary>Fits weights (non-negative, sum 1) with a policy on the given training items; reasons per dimension.</summary>
    private (double[] Weights, string[] Reasons) Fit(CalibrationPolicy policy, double[][] s, double[] y, int[] train)
    {
        int p = s.Length;
        var w = new double[p];
        var reasons = new string[p];
        var r = new double?[p];
        var counts = new int[p];
        for (int d = 0; d < p; d++)
        {
            var acc = default(CoMoments);
            foreach (int i in train)
            {
                if (!double.IsNaN(s[d][i])) acc = acc.Add(s[d][i], y[i]);
            }
            r[d] = acc.Pearson;
            counts[d] = (int)acc.Count;
        }
        string Describe(int d) => r[d] is { } v ? $"r={v:0.000}" : (counts[d] < 3 ? $"not applicable (n={counts[d]})" : "constant");

        switch (policy)
        {
            case CalibrationPolicy.Equal:
                for (int d = 0; d < p; d++) { w[d] = 1; reasons[d] = "equal weights"; }
                break;
            case CalibrationPolicy.DropAndRenormalize:
                for (int d = 0; d < p; d++)
                {
                    if (r[d] is not { } v) { reasons[d] = Describe(d); continue; }
                    if (v <= _options.DropThreshold) { reasons[d] = $"{Describe(d)} ≤ {_options.DropThreshold:0.###}"; continue; }
                    double low = Math.Tanh(Math.Atanh(Math.Clamp(v, -0.999999, 0.999999)) - (1.959964 / Math.Sqrt(Math.Max(counts[d] - 3, 1))));
                    if (_options.RequireSignificance && low <= _options.DropThreshold) { reasons[d] = $"{Describe(d)}, 95% CI reaches {low:0.000}"; continue; }
                    w[d] = 1;
                    reasons[d] = Describe(d);
                }
                break;
            case CalibrationPolicy.NonNegativeLeastSquares:
            case CalibrationPolicy.Ridge:
                FitRegression(s, y, train, policy == CalibrationPolicy.Ridge ? _options.RidgeLambda : 0, w, reasons);
                break;
            case CalibrationPolicy.BestSingle:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(policy), policy, "Not a fitting policy.");
        }

        if (w.Sum() <= 0)
        {
            int best = -1;
            for (int d = 0; d < p; d++)
            {
                if (r[d] is { } v && (best < 0 || v > r[best]!.Value)) best = d;
            }
            if (best < 0) best = 0;
            Array.Clear(w);
            w[best] = 1;
            for (int d = 0; d < p; d++) reasons[d] ??= Describe(d);
            reasons[best] = policy == CalibrationPolicy.BestSingle ? $"best single, {Describe(best)}" : $"fallback: best single, {Describe(best)}";
            for (int d = 0; d < p; d++)
            {
                if (d != best && policy == CalibrationPolicy.BestSingle) reasons[d] = $"{Describe(d)}, not the best";
            }
        }
        double sum = w.Sum();
        for (int d = 0; d < p; d++)
        {
            w[d] /= sum;
            reasons[d] ??= Describe(d);
        }
        return (w, reasons);
    }

    private static void FitRegression(double[][] s, double[] y, int[] train, double lambda, double[] w, string[] reasons)
    {
        var stats = NormalEquations(s, y, train, lambda, new string[s.Length], reasons);
        if (stats is null) return;
        int p = s.Length;
        var g = new double[p, p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++) g[a, b] = stats.Gram[(a * p) + b];
        }
        var beta = Nnls.Solve(g, stats.Target, lambda);
        for (int d = 0; d < p; d++)
        {
            if (stats.StandardDeviations[d] <= 0) continue;
            w[d] = beta[d] / stats.StandardDeviations[d];
            reasons[d] = beta[d] > 0 ? $"β={beta[d]:0.000}" : "zero non-negative weight";
        }
    }

    /// <summary>The standardized normal equations over the training items (not applicable → the training mean, i.e. z = 0);
    /// null when the label is constant. Marks unusable dimensions (fewer than 3 scores, or constant) in <paramref name="reasons"/>.</summary>
    internal static FitStatistics? NormalEquations(double[][] s, double[] y, int[] train, double lambda, string[] names, string?[]? reasons = null)
    {
        int p = s.Length, n = train.Length;
        var mean = new double[p];
        var sd = new double[p];
        for (int d = 0; d < p; d++)
        {
            var acc = default(CoMoments);
            foreach (int i in train)
            {
                if (!double.IsNaN(s[d][i])) acc = acc.Add(s[d][i], 0);
            }
            mean[d] = acc.MeanX;
            double v = acc.StdDevX;
            bool usable = acc.Count >= 3 && v > 0;
            sd[d] = usable ? v : 0;
            if (!usable && reasons is not null) reasons[d] = acc.Count < 3 ? $"not applicable (n={acc.Count})" : "constant";
        }
        double my = 0, m2 = 0;
        foreach (int i in train) my += y[i];
        my /= n;
        foreach (int i in train) m2 += (y[i] - my) * (y[i] - my);
        double sy = Math.Sqrt(m2 / Math.Max(n - 1, 1));
        if (!(sy > 0)) return null;

        var gram = new double[p * p];
        var atb = new double[p];
        var z = new double[p];
        foreach (int i in train)
        {
            for (int d = 0; d < p; d++) z[d] = sd[d] > 0 && !double.IsNaN(s[d][i]) ? (s[d][i] - mean[d]) / sd[d] : 0;
            double zy = (y[i] - my) / sy;
            for (int a = 0; a < p; a++)
            {
                if (z[a] == 0) continue;
                atb[a] += z[a] * zy;
                for (int b = 0; b < p; b++) gram[(a * p) + b] += z[a] * z[b];
            }
        }
        for (int a = 0; a < p; a++)
        {
            atb[a] /= n;
            for (int b = 0; b < p; b++) gram[(a * p) + b] /= n;
        }
        return new FitStatistics(names, sd, gram, atb, lambda);
    }
}
