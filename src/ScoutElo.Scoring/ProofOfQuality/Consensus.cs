using System.Numerics.Tensors;

namespace ScoutElo.Scoring.ProofOfQuality;

/// <summary>Allocation-free consensus kernels over one output's evaluator scores.</summary>
/// <remarks>
/// <para>Every rule returns a value within [min, max] of the scores and does not depend on their order. Inputs must be finite;
/// weights finite, non-negative and with a positive sum. Small inputs (≤ 64 scores) are sorted in stack memory; larger ones
/// rent from the shared array pool. Thread-safe (stateless).</para>
/// <para>Definitions: median of an even count is the mean of the two middle values; the trimmed mean drops ⌊f·n⌋ from each
/// end (SciPy's <c>trim_mean</c>); the weighted median is the smallest sorted score whose cumulative weight reaches half the
/// total; the κ-quantile (Bittensor Yuma consensus) is the largest score <c>x</c> such that scores ≥ <c>x</c> carry at least
/// κ of the weight.</para>
/// </remarks>
public static partial class Consensus
{
    /// <summary>Aggregates with a rule.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="scores">The scores (finite; at least one).</param>
    /// <param name="weights">Stake × trust per score for the weighted rules (empty means equal weights); ignored by the others.</param>
    /// <param name="trimFraction">Trim fraction per end for <see cref="AggregationRule.TrimmedMean"/>, in [0, 0.5).</param>
    /// <param name="kappa">κ for <see cref="AggregationRule.KappaClipped"/>, in (0, 1].</param>
    /// <returns>The consensus.</returns>
    /// <exception cref="ArgumentException">No scores, length mismatch, or weights summing to zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A non-finite score, a negative or non-finite weight, or a parameter out of range.</exception>
    public static double Aggregate(AggregationRule rule, ReadOnlySpan<double> scores, ReadOnlySpan<double> weights = default, double trimFraction = 0.2, double kappa = 0.5) => rule switch
    {
        AggregationRule.Mean => Mean(scores),
        AggregationRule.Median => Median(scores),
        AggregationRule.TrimmedMean => TrimmedMean(scores, trimFraction),
        AggregationRule.WeightedMedian => weights.IsEmpty ? Median(scores) : WeightedMedian(scores, weights),
        AggregationRule.TrustWeightedMean => weights.IsEmpty ? Mean(scores) : WeightedMean(scores, weights),
        AggregationRule.KappaClipped => KappaQuantile(scores, weights, kappa),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown aggregation rule."),
    };

    /// <summary>Arithmetic mean.</summary>
    /// <param name="scores">The scores.</param>
    /// <returns>The mean.</returns>
    /// <exception cref="ArgumentException">No scores.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is not finite.</exception>
    public static double Mean(ReadOnlySpan<double> scores)
    {
        CheckScores(scores);
        return Math.Clamp(TensorPrimitives.Sum(scores) / scores.Length, TensorPrimitives.Min(scores), TensorPrimitives.Max(scores));
    }

    /// <summary>Median (mean of the two middle values for an even count).</summary>
    /// <param name="scores">The scores.</param>
    /// <returns>The median.</returns>
    /// <exception cref="ArgumentException">No scores.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is not finite.</exception>
    public static double Median(ReadOnlySpan<double> scores)
    {
        CheckScores(scores);
        int n = scores.Length;
        if (n == 1) return scores[0];
        double[]? rented = null;
        Span<double> s = n <= 64 ? stackalloc double[n] : (rented = System.Buffers.ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            scores.CopyTo(s);
            SortSmall(s);
            return Internal.Stats.MedianOfSorted(s);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>Trimmed mean: drops ⌊<paramref name="fraction"/>·n⌋ scores from each end and averages the rest.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="fraction">Fraction trimmed from each end, in [0, 0.5).</param>
    /// <returns>The trimmed mean (the mean when the fraction trims nothing).</returns>
    /// <exception cref="ArgumentException">No scores.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is not finite, or the fraction is outside [0, 0.5).</exception>
    public static double TrimmedMean(ReadOnlySpan<double> scores, double fraction)
    {
        if (!double.IsFinite(fraction) || fraction is < 0 or >= 0.5) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Must be in [0, 0.5).");
        CheckScores(scores);
        int n = scores.Length;
        int cut = (int)Math.Floor(fraction * n);
        if (cut == 0) return Mean(scores);
        double[]? rented = null;
        Span<double> s = n <= 64 ? stackalloc double[n] : (rented = System.Buffers.ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            scores.CopyTo(s);
            SortSmall(s);
            var kept = s[cut..(n - cut)];
            return Math.Clamp(TensorPrimitives.Sum((ReadOnlySpan<double>)kept) / kept.Length, kept[0], kept[^1]);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>Weighted mean.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="weights">Non-negative weights with a positive sum, one per score.</param>
    /// <returns>Σwᵢsᵢ / Σwᵢ.</returns>
    /// <exception cref="ArgumentException">No scores, length mismatch, or weights summing to zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score or weight is invalid.</exception>
    public static double WeightedMean(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights)
    {
        double total = CheckWeighted(scores, weights);
        double dot = TensorPrimitives.Dot(scores, weights);
        double v = dot / total;
        if (!double.IsFinite(dot) || !double.IsFinite(total))
        {
            // Huge weights or scores (±1e308) overflow the plain sums: rescale both by their largest magnitude (exact enough,
            // since the weighted mean is invariant to weight scale and equivariant to score scale).
            double ws = TensorPrimitives.MaxMagnitude(weights), ss = Math.Max(TensorPrimitives.MaxMagnitude(scores), double.Epsilon);
            double num = 0, den = 0;
            for (int i = 0; i < scores.Length; i++)
            {
                double w = weights[i] / ws;
                num += w * (scores[i] / ss);
                den += w;
            }
            v = num / den * ss;
        }
        return Math.Clamp(v, TensorPrimitives.Min(scores), TensorPrimitives.Max(scores));
    }

    /// <summary>Weighted median: the smallest score (in sorted order) whose cumulative weight reaches half the total.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="weights">Non-negative weights with a positive sum.</param>
    /// <returns>The weighted median.</returns>
    /// <exception cref="ArgumentException">No scores, length mismatch, or weights summing to zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score or weight is invalid.</exception>
    public static double WeightedMedian(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights)
    {
        double total = CheckWeighted(scores, weights);
        return WeightedSortedWalk(scores, weights, total, fromTop: false, 0.5);
    }

    /// <summary>The Yuma κ-quantile: the largest score x such that scores ≥ x carry at least κ of the total weight.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="weights">Non-negative weights with a positive sum (empty means equal).</param>
    /// <param name="kappa">κ in (0, 1]; 0.5 makes it an upper weighted median.</param>
    /// <returns>The consensus.</returns>
    /// <exception cref="ArgumentException">No scores, length mismatch, or weights summing to zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score, weight or κ is invalid.</exception>
    public static double KappaQuantile(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, double kappa = 0.5)
    {
        if (!double.IsFinite(kappa) || kappa is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(kappa), kappa, "Must be in (0, 1].");
        if (weights.IsEmpty)
        {
            CheckScores(scores);
            Span<double> ones = scores.Length <= 64 ? stackalloc double[scores.Length] : new double[scores.Length];
            ones.Fill(1);
            return WeightedSortedWalk(scores, ones, scores.Length, fromTop: true, kappa);
        }
        double total = CheckWeighted(scores, weights);
        return WeightedSortedWalk(scores, weights, total, fromTop: true, kappa);
    }

    /// <summary>Clips every score to at most the κ-quantile consensus (Yuma's clipping) and returns the consensus.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="weights">Non-negative weights with a positive sum (empty means equal).</param>
    /// <param name="clipped">Receives min(score, consensus) per score; same length as <paramref name="scores"/>.</param>
    /// <param name="kappa">κ in (0, 1].</param>
    /// <returns>The consensus.</returns>
    /// <exception cref="ArgumentException">Invalid lengths or weights; nothing is written then.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score, weight or κ is invalid; nothing is written then.</exception>
    public static double KappaClip(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, Span<double> clipped, double kappa = 0.5)
    {
        if (clipped.Length != scores.Length) throw new ArgumentException("The destination must have one slot per score.", nameof(clipped));
        double c = KappaQuantile(scores, weights, kappa);
        TensorPrimitives.Min(scores, c, clipped);
        return c;
    }

    private static double WeightedSortedWalk(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights, double total, bool fromTop, double level)
    {
        int n = scores.Length;
        if (n == 1) return scores[0];
        double[]? rs = null, rw = null;
        Span<double> s = n <= 64 ? stackalloc double[n] : (rs = System.Buffers.ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        Span<double> w = n <= 64 ? stackalloc double[n] : (rw = System.Buffers.ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            scores.CopyTo(s);
            weights.CopyTo(w);
            s.Sort(w);
            double target = level * total * (1 - 1e-12); // tolerate rounding in the cumulative sum
            double cum = 0;
            if (fromTop)
            {
                for (int i = n - 1; i >= 0; i--)
                {
                    cum += w[i];
                    if (cum >= target) return s[i];
                }
                return s[0];
            }
            for (int i = 0; i < n; i++)
            {
                cum += w[i];
                if (cum >= target) return s[i];
            }
            return s[n - 1];
        }
        finally
        {
            if (rs is not null) System.Buffers.ArrayPool<double>.Shared.Return(rs);
            if (rw is not null) System.Buffers.ArrayPool<double>.Shared.Return(rw);
        }
    }

    /// <summary>Insertion sort for the small spans typical of evaluator panels; introsort beyond 32.</summary>
    private static void SortSmall(Span<double> s)
    {
        if (s.Length > 32)
        {
            s.Sort();
            return;
        }
        for (int i = 1; i < s.Length; i++)
        {
            double v = s[i];
            int j = i - 1;
            while (j >= 0 && s[j] > v)
            {
                s[j + 1] = s[j];
                j--;
            }
            s[j + 1] = v;
        }
    }

    private static void CheckScores(ReadOnlySpan<double> scores)
    {
        if (scores.IsEmpty) throw new ArgumentException("At least one score is required.", nameof(scores));
        for (int i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i])) throw new ArgumentOutOfRangeException(nameof(scores), scores[i], $"Score {i} is not finite.");
        }
    }

    private static double CheckWeighted(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights)
    {
        CheckScores(scores);
        if (weights.Length != scores.Length) throw new ArgumentException($"Expected {scores.Length} weights, got {weights.Length}.", nameof(weights));
        double total = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (!double.IsFinite(weights[i]) || weights[i] < 0) throw new ArgumentOutOfRangeException(nameof(weights), weights[i], $"Weight {i} must be finite and non-negative.");
            total += weights[i];
        }
        if (total <= 0) throw new ArgumentException("Weights must sum to a positive number.", nameof(weights));
        return total;
    }
}
