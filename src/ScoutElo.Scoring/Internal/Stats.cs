using System.Runtime.Intrinsics;

namespace ScoutElo.Scoring.Internal;

/// <summary>The statistics facade (rank statistics in <see cref="Ranks"/>); NaN never leaves here.</summary>
internal static class Stats
{
    public static double? Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        // Pearson is scale invariant: scaling each variable by a power of two (exact) keeps squares and co-moments of values
        // like ±1e200 from overflowing to NaN.
        // Issue 25: two passes (means, then centred co-moments) in four fixed lanes instead of Welford's update with two
        // divisions per pair: as accurate (the sums are of centred values), within 1e-12 of it, and the same on every machine.
        int n = x.Length;
        if (n < 3) return null;
        double sx = PowerOfTwoScale(x), sy = PowerOfTwoScale(y);
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += x[i] * sx;
            my += y[i] * sy;
        }
        mx /= n;
        my /= n;
        var axx = Vector256<double>.Zero;
        var ayy = axx;
        var axy = axx;
        var vsx = Vector256.Create(sx);
        var vsy = Vector256.Create(sy);
        var vmx = Vector256.Create(mx);
        var vmy = Vector256.Create(my);
        int k = 0;
        for (; k + 4 <= n; k += 4)
        {
            var dx = (Vector256.Create(x.Slice(k, 4)) * vsx) - vmx;
            var dy = (Vector256.Create(y.Slice(k, 4)) * vsy) - vmy;
            axx += dx * dx;
            ayy += dy * dy;
            axy += dx * dy;
        }
        double sxx = Lanes(axx), syy = Lanes(ayy), sxy = Lanes(axy);
        for (; k < n; k++)
        {
            double dx = (x[k] * sx) - mx, dy = (y[k] * sy) - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        return sxx <= 0 || syy <= 0 ? null : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    private static double Lanes(Vector256<double> v) =>
        (v.GetElement(0) + v.GetElement(1)) + (v.GetElement(2) + v.GetElement(3));

    /// <summary>A power of two that brings the largest magnitude of <paramref name="v"/> near 1 (1 for all-zero input).</summary>
    public static double PowerOfTwoScale(ReadOnlySpan<double> v)
    {
        double max = 0;
        foreach (double d in v) max = Math.Max(max, Math.Abs(d));
        return max > 0 && double.IsFinite(max) ? Math.ScaleB(1.0, -Math.ILogB(max)) : 1.0;
    }

    /// <summary>Spearman's ρ (Pearson of mid-ranks), null when undefined.</summary>
    public static double? Spearman(double[] x, double[] y)
    {
        if (x.Length < 3 || IsConstant(x) || IsConstant(y)) return null;
        var sx = Ranks.Sort(x);
        var sy = Ranks.Sort(y);
        try
        {
            return Spearman(sx, sy);
        }
        finally
        {
            sx.Release();
            sy.Release();
        }
    }

    /// <summary>Spearman's ρ from variables already sorted (shared with Kendall's τ-b), null when undefined.</summary>
    public static double? Spearman(in Ranks.Sorted x, in Ranks.Sorted y)
    {
        if (x.Distinct < 2 || y.Distinct < 2) return null;
        return Pearson(x.Mid, y.Mid);
    }

    public static bool IsConstant(ReadOnlySpan<double> v)
    {
        for (int i = 1; i < v.Length; i++)
        {
            if (v[i] != v[0]) return false;
        }
        return true;
    }

    /// <summary>Kendall's τ-b with ties (O(n log n): two radix sorts, a counting sort and a Fenwick count; see
    /// <see cref="Ranks.KendallTauB"/>); null when undefined.</summary>
    public static double? KendallTauB(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length < 3) return null;
        var sx = Ranks.Sort(x);
        var sy = Ranks.Sort(y);
        try
        {
            return Ranks.KendallTauB(sx, sy);
        }
        finally
        {
            sx.Release();
            sy.Release();
        }
    }

    /// <summary>Mean that cannot overflow for finite inputs: Σ (xᵢ / n), each term at most max|x| / n.</summary>
    public static double Mean(IReadOnlyList<double> v)
    {
        double n = v.Count, sum = 0;
        for (int i = 0; i < v.Count; i++) sum += v[i] / n;
        return sum;
    }

    /// <summary>Quantile by linear interpolation between order statistics (type 7, as R's default and numpy's "linear").</summary>
    public static double Quantile(double[] sorted, double p)
    {
        if (sorted.Length == 1) return sorted[0];
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>Sorts in place and returns the median (the library's one median formula, <see cref="MedianOfSorted"/>).</summary>
    public static double Median(Span<double> v)
    {
        v.Sort();
        return MedianOfSorted(v);
    }

    /// <summary>The median of sorted values: the middle one, or the mean of the two middle ones (halved first, so two values
    /// near ±double.MaxValue cannot overflow).</summary>
    public static double MedianOfSorted(ReadOnlySpan<double> sorted)
    {
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] * 0.5) + (sorted[n / 2] * 0.5);
    }

    /// <summary>The composite rule in one place: Σ wᵢ·sᵢ / Σ wᵢ over the entries with positive weight and a value (NaN = not
    /// applicable); NaN when none qualifies. <see cref="QualityScorer"/> and the calibrator both use it.</summary>
    public static double WeightedComposite(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double total = 0, sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (weights[i] > 0 && !double.IsNaN(values[i]))
            {
                total += weights[i];
                sum += weights[i] * values[i];
            }
        }
        return total > 0 ? sum / total : double.NaN;
    }
}
