using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Calibration;

/// <summary>Seeded percentile bootstrap of Pearson correlations, all columns from one set of item resamples.</summary>
internal static class Bootstrap
{
    /// <summary>95% percentile intervals of Pearson(column, y) per column over item resamples (NaN = not applicable, skipped).
    /// Resample b draws its indices from xoshiro256** seeded with SplitMix(seed, b), so the result does not depend on threads.</summary>
    /// <remarks>Each column and the labels are centred on their full-data means first, so the per-resample raw sums
    /// Σx, Σy, Σx², Σy², Σxy suffer no catastrophic cancellation and need no division per item.</remarks>
    public static (double Low, double High)?[] PearsonIntervals(double[][] columns, double[] y, int resamples, ulong seed)
    {
        int p = columns.Length, n = y.Length;
        double yMean = 0;
        foreach (double v in y) yMean += v;
        yMean /= Math.Max(n, 1);
        var yc = new double[n];
        for (int i = 0; i < n; i++) yc[i] = y[i] - yMean;
        // Item-major layout: the p centred scores of item i are adjacent (NaN marks not applicable).
        var x = new double[n * p];
        for (int d = 0; d < p; d++)
        {
            double sum = 0;
            int count = 0;
            foreach (double v in columns[d])
            {
                if (!double.IsNaN(v)) { sum += v; count++; }
            }
            double mean = count > 0 ? sum / count : 0;
            for (int i = 0; i < n; i++) x[(i * p) + d] = columns[d][i] - mean;
        }
        var r = new double[p][];
        for (int d = 0; d < p; d++) r[d] = new double[resamples];
        Parallel.For(0, resamples, () => new double[6 * p], (b, _, acc) =>
        {
            Array.Clear(acc);
            var rng = new Xoshiro256(Seeds.Derive(seed, (ulong)b));
            for (int k = 0; k < n; k++)
            {
                int i = rng.NextInt(n);
                double yi = yc[i];
                int row = i * p;
                for (int d = 0; d < p; d++)
                {
                    double xv = x[row + d];
                    if (double.IsNaN(xv)) continue;
                    int o = 6 * d;
                    acc[o] += 1;
                    acc[o + 1] += xv;
                    acc[o + 2] += yi;
                    acc[o + 3] += xv * xv;
                    acc[o + 4] += yi * yi;
                    acc[o + 5] += xv * yi;
                }
            }
            for (int d = 0; d < p; d++)
            {
                int o = 6 * d;
                double c = acc[o];
                double sxx = acc[o + 3] - (acc[o + 1] * acc[o + 1] / Math.Max(c, 1));
                double syy = acc[o + 4] - (acc[o + 2] * acc[o + 2] / Math.Max(c, 1));
                double sxy = acc[o + 5] - (acc[o + 1] * acc[o + 2] / Math.Max(c, 1));
                r[d][b] = c < 3 || sxx <= 1e-12 * Math.Max(acc[o + 3], 1e-300) || syy <= 1e-12 * Math.Max(acc[o + 4], 1e-300)
                    ? double.NaN
                    : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
            }
            return acc;
        }, _ => { });
        var result = new (double, double)?[p];
        for (int d = 0; d < p; d++)
        {
            var valid = r[d].Where(v => !double.IsNaN(v)).ToArray();
            if (valid.Length < resamples / 2) continue; // mostly degenerate resamples: no interval
            Array.Sort(valid);
            result[d] = (Stats.Quantile(valid, 0.025), Stats.Quantile(valid, 0.975));
        }
        return result;
    }
}
