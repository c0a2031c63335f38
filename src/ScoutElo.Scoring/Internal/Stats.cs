namespace ScoutElo.Scoring.Internal;

/// <summary>The statistics facade (rank statistics in <see cref="Ranks"/>); NaN never leaves here.</summary>
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

    /// <summary>Spearman's ρ (Pearson of mid-ranks), null when undefined.</summary>
    public static double? Spearman(double[] x, double[] y)
    {
        if (x.Length < 3 || IsConstant(x) || IsConstant(y)) return null;
        return Spearman(Ranks.Sort(x), Ranks.Sort(y));
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
    public static double? KendallTauB(ReadOnlySpan<double> x, ReadOnlySpan<double> y) =>
        x.Length < 3 ? null : Ranks.KendallTauB(Ranks.Sort(x), Ranks.Sort(y));

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
