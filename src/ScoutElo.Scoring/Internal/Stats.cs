using MathNet.Numerics.Statistics;

namespace ScoutElo.Scoring.Internal;

/// <summary>The statistics facade: MathNet where it has the statistic, ours where it does not; NaN never leaves here.</summary>
internal static class Stats
{
    public static double? Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        // Pearson is scale invariant: scaling each variable by a power of two (exact) keeps squares and co-moments of values
        // like ±1e200 from overflowing to NaN.
        double sx = PowerOfTwoScale(x), sy = PowerOfTwoScale(y);
        var acc = default(CoMoments);
        for (int i = 0; i < x.Length; i++) acc = acc.Add(x[i] * sx, y[i] * sy);
        return acc.Pearson;
    }

    /// <summary>A power of two that brings the largest magnitude of <paramref name="v"/> near 1 (1 for all-zero input).</summary>
    public static double PowerOfTwoScale(ReadOnlySpan<double> v)
    {
        double max = 0;
        foreach (double d in v) max = Math.Max(max, Math.Abs(d));
        return max > 0 && double.IsFinite(max) ? Math.ScaleB(1.0, -Math.ILogB(max)) : 1.0;
    }

    /// <summary>Spearman's ρ (Pearson of mid-ranks; MathNet), null when undefined.</summary>
    public static double? Spearman(double[] x, double[] y)
    {
        if (x.Length < 3 || IsConstant(x) || IsConstant(y)) return null;
        double r = Correlation.Spearman(x, y);
        return double.IsFinite(r) ? Math.Clamp(r, -1, 1) : null;
    }

    public static bool IsConstant(ReadOnlySpan<double> v)
    {
        for (int i = 1; i < v.Length; i++)
        {
            if (v[i] != v[0]) return false;
        }
        return true;
    }

    /// <summary>Kendall's τ-b with ties (Knight 1966, O(n log n)); null when undefined.</summary>
    /// <remarks>τ_b = (n₀ − n₁ − n₂ + n₃ − 2·S) / √((n₀ − n₁)(n₀ − n₂)), n₀ = n(n−1)/2, n₁/n₂ tied pairs in x/y, n₃ tied in
    /// both, S the number of discordant swaps found by merge sort of y within x order.</remarks>
    public static double? KendallTauB(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        if (n < 3) return null;
        var idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        var xs = x.ToArray();
        var ys = y.ToArray();
        Array.Sort(idx, (a, b) => xs[a] != xs[b] ? xs[a].CompareTo(xs[b]) : ys[a].CompareTo(ys[b]));

        long n1 = 0, n3 = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && xs[idx[j]] == xs[idx[i]]) j++;
            n1 += (long)(j - i) * (j - i - 1) / 2;
            for (int k = i; k < j;)
            {
                int m = k;
                while (m < j && ys[idx[m]] == ys[idx[k]]) m++;
                n3 += (long)(m - k) * (m - k - 1) / 2;
                k = m;
            }
            i = j;
        }

        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = ys[idx[i]];
        long swaps = MergeCount(v, new double[n], 0, n);

        long n2 = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && v[j] == v[i]) j++;
            n2 += (long)(j - i) * (j - i - 1) / 2;
            i = j;
        }
        long n0 = (long)n * (n - 1) / 2;
        double denom = Math.Sqrt((double)(n0 - n1) * (n0 - n2));
        if (denom <= 0) return null;
        return Math.Clamp((n0 - n1 - n2 + n3 - (2.0 * swaps)) / denom, -1, 1);
    }

    private static long MergeCount(double[] v, double[] tmp, int lo, int hi)
    {
        if (hi - lo < 2) return 0;
        int mid = (lo + hi) >>> 1;
        long swaps = MergeCount(v, tmp, lo, mid) + MergeCount(v, tmp, mid, hi);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi)
        {
            if (v[j] < v[i])
            {
                swaps += mid - i;
                tmp[k++] = v[j++];
            }
            else
            {
                tmp[k++] = v[i++];
            }
        }
        while (i < mid) tmp[k++] = v[i++];
        while (j < hi) tmp[k++] = v[j++];
        Array.Copy(tmp, lo, v, lo, hi - lo);
        return swaps;
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
