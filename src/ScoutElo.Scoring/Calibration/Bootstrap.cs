using System.Runtime.Intrinsics;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Calibration;

/// <summary>Seeded percentile bootstrap of Pearson correlations, all columns from one set of item resamples.</summary>
internal static class Bootstrap
{
    /// <summary>95% percentile intervals of Pearson(column, y) per column over item resamples (NaN = not applicable, skipped).
    /// Resample b draws its indices from xoshiro256** seeded with SplitMix(seed, b), so the result does not depend on threads.</summary>
    /// <remarks>
    /// <para>Each column and the labels are centred on their full-data means first, so the per-resample raw sums
    /// Σx, Σy, Σx², Σy², Σxy suffer no catastrophic cancellation and need no division per item.</para>
    /// <para>Issue 25: a resample is its multinomial count vector (how often each item was drawn, from the same index stream
    /// as drawing items one by one), and the co-moment sums are count-weighted sums in item order: a sequential, SIMD pass over
    /// each column instead of a random gather per draw. Only the summation order differs from summing draw by draw (a property
    /// test holds the two within 1e-12). The lanes are fixed at four (<see cref="Vector256{T}"/>, multiply then add, no fused
    /// multiply-add), so the sums are the same on every machine.</para>
    /// </remarks>
    public static (double Low, double High)?[] PearsonIntervals(double[][] columns, double[] y, int resamples, ulong seed)
    {
        int p = columns.Length, n = y.Length;
        double yMean = 0;
        foreach (double v in y) yMean += v;
        yMean /= Math.Max(n, 1);
        var yc = new double[n];
        for (int i = 0; i < n; i++) yc[i] = y[i] - yMean;
        // Column-major centred scores; a not-applicable item is 0 with mask 0 (its count then never enters the sums).
        var x = new double[p][];
        var mask = new double[p][];
        for (int d = 0; d < p; d++)
        {
            double sum = 0;
            int count = 0;
            foreach (double v in columns[d])
            {
                if (!double.IsNaN(v)) { sum += v; count++; }
            }
            double mean = count > 0 ? sum / count : 0;
            x[d] = new double[n];
            if (count < n) mask[d] = new double[n];
            for (int i = 0; i < n; i++)
            {
                double v = columns[d][i];
                bool applicable = !double.IsNaN(v);
                x[d][i] = applicable ? v - mean : 0;
                if (mask[d] is { } m) m[i] = applicable ? 1 : 0;
            }
        }
        var r = new double[p][];
        for (int d = 0; d < p; d++) r[d] = new double[resamples];
        Parallel.For(0, resamples, () => (Counts: new int[n], Weights: new double[n], Masked: new double[n]), (b, _, scratch) =>
        {
            var (counts, w, wm) = scratch;
            Array.Clear(counts);
            var rng = new Xoshiro256(Seeds.Derive(seed, (ulong)b));
            for (int k = 0; k < n; k++) counts[rng.NextInt(n)]++;
            for (int i = 0; i < n; i++) w[i] = counts[i];
            var (sw, swy, swyy) = Sums(w, yc);
            for (int d = 0; d < p; d++)
            {
                double c = sw, sy = swy, syy = swyy;
                var weights = w;
                if (mask[d] is { } m)
                {
                    for (int i = 0; i < n; i++) wm[i] = w[i] * m[i];
                    (c, sy, syy) = Sums(wm, yc);
                    weights = wm;
                }
                var (sx, sxx, sxy) = CrossSums(weights, x[d], yc);
                double ssx = sxx - (sx * sx / Math.Max(c, 1));
                double ssy = syy - (sy * sy / Math.Max(c, 1));
                double ssxy = sxy - (sx * sy / Math.Max(c, 1));
                r[d][b] = c < 3 || ssx <= 1e-12 * Math.Max(sxx, 1e-300) || ssy <= 1e-12 * Math.Max(syy, 1e-300)
                    ? double.NaN
                    : Math.Clamp(ssxy / Math.Sqrt(ssx * ssy), -1, 1);
            }
            return scratch;
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

    /// <summary>(Σw, Σw·y, Σw·y²) in four fixed lanes.</summary>
    private static (double W, double Wy, double Wyy) Sums(ReadOnlySpan<double> w, ReadOnlySpan<double> y)
    {
        var a0 = Vector256<double>.Zero;
        var a1 = Vector256<double>.Zero;
        var a2 = Vector256<double>.Zero;
        int i = 0;
        for (; i + 4 <= w.Length; i += 4)
        {
            var wv = Vector256.Create(w.Slice(i, 4));
            var yv = Vector256.Create(y.Slice(i, 4));
            var wy = wv * yv;
            a0 += wv;
            a1 += wy;
            a2 += wy * yv;
        }
        double s0 = Sum4(a0), s1 = Sum4(a1), s2 = Sum4(a2);
        for (; i < w.Length; i++)
        {
            double wy = w[i] * y[i];
            s0 += w[i];
            s1 += wy;
            s2 += wy * y[i];
        }
        return (s0, s1, s2);
    }

    /// <summary>(Σw·x, Σw·x², Σw·x·y) in four fixed lanes.</summary>
    private static (double Wx, double Wxx, double Wxy) CrossSums(ReadOnlySpan<double> w, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var a0 = Vector256<double>.Zero;
        var a1 = Vector256<double>.Zero;
        var a2 = Vector256<double>.Zero;
        int i = 0;
        for (; i + 4 <= w.Length; i += 4)
        {
            var xv = Vector256.Create(x.Slice(i, 4));
            var wx = Vector256.Create(w.Slice(i, 4)) * xv;
            a0 += wx;
            a1 += wx * xv;
            a2 += wx * Vector256.Create(y.Slice(i, 4));
        }
        double s0 = Sum4(a0), s1 = Sum4(a1), s2 = Sum4(a2);
        for (; i < w.Length; i++)
        {
            double wx = w[i] * x[i];
            s0 += wx;
            s1 += wx * x[i];
            s2 += wx * y[i];
        }
        return (s0, s1, s2);
    }

    /// <summary>The four lanes added in one fixed order (Vector256.Sum leaves the order to the hardware path).</summary>
    private static double Sum4(Vector256<double> v) => (v.GetElement(0) + v.GetElement(1)) + (v.GetElement(2) + v.GetElement(3));
}
