using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Calibration;

/// <summary>Seeded percentile bootstrap of Pearson correlations, all columns from one set of item resamples.</summary>
internal static class Bootstrap
{
    /// <summary>95% percentile intervals of Pearson(column, y) per column over item resamples (NaN = not applicable, skipped).
    /// Resample b draws its indices from xoshiro256** seeded with SplitMix(seed, b), so the result does not depend on threads.</summary>
    public static (double Low, double High)?[] PearsonIntervals(double[][] columns, double[] y, int resamples, ulong seed)
    {
        int p = columns.Length, n = y.Length;
        var r = new double[p][];
        for (int d = 0; d < p; d++) r[d] = new double[resamples];
        Parallel.For(0, resamples, () => new PearsonAccumulator[p], (b, _, acc) =>
        {
            Array.Clear(acc);
            var rng = new Xoshiro256(Seeds.Derive(seed, (ulong)b));
            for (int k = 0; k < n; k++)
            {
                int i = rng.NextInt(n);
                double yi = y[i];
                for (int d = 0; d < p; d++)
                {
                    double x = columns[d][i];
                    if (!double.IsNaN(x)) acc[d] = acc[d].AddUnchecked(x, yi);
                }
            }
            for (int d = 0; d < p; d++) r[d][b] = acc[d].Pearson ?? double.NaN;
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
