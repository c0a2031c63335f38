using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ScoutElo.Scoring.ProofOfQuality;

public static partial class Consensus
{
    /// <summary>Comparator pairs of Batcher's odd–even merge sort for 16 inputs (63 compare-exchanges).</summary>
    private static readonly (int, int)[] Network16 = BuildBatcher(16);

    /// <summary>Aggregates many outputs at once: <paramref name="scores"/> holds <paramref name="evaluatorsPerOutput"/> consecutive
    /// scores per output, and <paramref name="destination"/> receives one consensus per output.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="scores">All scores, output after output (finite).</param>
    /// <param name="evaluatorsPerOutput">Scores per output (at least 1).</param>
    /// <param name="destination">One slot per output.</param>
    /// <param name="weights">Per-evaluator weights shared by every output (for the weighted rules); empty for equal weights.</param>
    /// <param name="trimFraction">Trim fraction for the trimmed mean.</param>
    /// <param name="kappa">κ for κ-clipping.</param>
    /// <remarks>Results equal <see cref="Aggregate"/> per output. The median and trimmed mean of up to 16 scores run a branch-free sorting network
    /// across four outputs at a time in SIMD registers (<see cref="Vector256{T}"/>, hardware-accelerated where available); the
    /// mean makes one pass over the scores for eight outputs at a time (equal to <see cref="Mean"/> up to summation order, within
    /// 1e-12 for scores in [0, 1]). Everything is validated before anything is written.</remarks>
    /// <exception cref="ArgumentException">Lengths do not fit (scores not a multiple of the panel size, destination too short).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score, weight or parameter is invalid.</exception>
    public static void AggregateMany(AggregationRule rule, ReadOnlySpan<double> scores, int evaluatorsPerOutput, Span<double> destination,
        ReadOnlySpan<double> weights = default, double trimFraction = 0.2, double kappa = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluatorsPerOutput, 1);
        if (scores.Length % evaluatorsPerOutput != 0) throw new ArgumentException("Scores must hold whole panels.", nameof(scores));
        int outputs = scores.Length / evaluatorsPerOutput;
        if (destination.Length != outputs) throw new ArgumentException($"Expected {outputs} destination slots, got {destination.Length}.", nameof(destination));
        if (!weights.IsEmpty && weights.Length != evaluatorsPerOutput) throw new ArgumentException("One weight per evaluator is required.", nameof(weights));
        if (!Enum.IsDefined(rule)) throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown aggregation rule.");
        if (!weights.IsEmpty && outputs > 0) CheckWeighted(scores[..evaluatorsPerOutput], weights);
        int e = evaluatorsPerOutput;
        if (rule == AggregationRule.Mean)
        {
            MeanMany(scores, e, destination);
            return;
        }
        if (!AllFinite(scores)) throw new ArgumentOutOfRangeException(nameof(scores), "Scores must be finite.");
        if (rule == AggregationRule.TrimmedMean && (!double.IsFinite(trimFraction) || trimFraction is < 0 or >= 0.5))
            throw new ArgumentOutOfRangeException(nameof(trimFraction), trimFraction, "Must be in [0, 0.5).");
        if (rule is AggregationRule.Median or AggregationRule.TrimmedMean && e <= 16 && e > 1)
        {
            int cut = rule == AggregationRule.TrimmedMean ? (int)Math.Floor(trimFraction * e) : -1;
            if (rule == AggregationRule.Median || cut > 0)
            {
                SortedNetwork(scores, e, outputs, destination, cut, trimFraction);
                return;
            }
        }
        for (int o = 0; o < outputs; o++) destination[o] = Aggregate(rule, scores.Slice(o * e, e), weights, trimFraction, kappa);
    }

    /// <summary>True when every value is finite: x − x is 0 for a finite x and NaN otherwise, so one vector sum answers it.</summary>
    private static bool AllFinite(ReadOnlySpan<double> v)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var check = Vector256<double>.Zero;
            for (; j <= v.Length - Vector256<double>.Count; j += Vector256<double>.Count)
            {
                var x = Vector256.Create(v.Slice(j, Vector256<double>.Count));
                check += x - x;
            }
            if (check != Vector256<double>.Zero) return false;
        }
        for (; j < v.Length; j++)
        {
            if (!double.IsFinite(v[j])) return false;
        }
        return true;
    }

    /// <summary>The mean rule for many outputs in one pass over the scores (memory-bound, like a row mean in numpy): eight outputs
    /// at a time, lane i of two <see cref="Vector256{T}"/> accumulators holding one output, so the sums, minima, maxima and the
    /// finiteness check run as independent vector chains. Results go to scratch and are copied out only when every score was
    /// finite, so bad input writes nothing. Each result is the sequential sum over the panel divided by its size and clamped to
    /// the panel's range, which equals <see cref="Mean"/> up to summation order.</summary>
    private static void MeanMany(ReadOnlySpan<double> scores, int e, Span<double> destination)
    {
        int outputs = destination.Length;
        if (outputs == 0) return;
        double[] rented = ArrayPool<double>.Shared.Rent(outputs);
        try
        {
            var result = rented.AsSpan(0, outputs);
            bool finite = true;
            int o = 0;
            ref double p = ref MemoryMarshal.GetReference(scores);
            if (Vector256.IsHardwareAccelerated)
            {
                var count = Vector256.Create((double)e);
                var check = Vector256<double>.Zero;
                var inf = Vector256.Create(double.PositiveInfinity);
                for (; o + 8 <= outputs; o += 8)
                {
                    var s0 = Vector256<double>.Zero;
                    var s1 = Vector256<double>.Zero;
                    var lo0 = inf;
                    var lo1 = inf;
                    var hi0 = -inf;
                    var hi1 = -inf;
                    nint at = (nint)o * e;
                    for (int i = 0; i < e; i++, at++)
                    {
                        var v0 = Vector256.Create(Unsafe.Add(ref p, at), Unsafe.Add(ref p, at + e), Unsafe.Add(ref p, at + (2 * e)), Unsafe.Add(ref p, at + (3 * e)));
                        var v1 = Vector256.Create(Unsafe.Add(ref p, at + (4 * e)), Unsafe.Add(ref p, at + (5 * e)), Unsafe.Add(ref p, at + (6 * e)), Unsafe.Add(ref p, at + (7 * e)));
                        s0 += v0;
                        s1 += v1;
                        lo0 = Vector256.Min(lo0, v0);
                        lo1 = Vector256.Min(lo1, v1);
                        hi0 = Vector256.Max(hi0, v0);
                        hi1 = Vector256.Max(hi1, v1);
                        check += (v0 - v0) + (v1 - v1);
                    }
                    Vector256.Min(Vector256.Max(s0 / count, lo0), hi0).CopyTo(result[o..]);
                    Vector256.Min(Vector256.Max(s1 / count, lo1), hi1).CopyTo(result[(o + 4)..]);
                }
                finite = check == Vector256<double>.Zero;
            }
            for (; o < outputs && finite; o++)
            {
                var panel = scores.Slice(o * e, e);
                double sum = 0, lo = double.PositiveInfinity, hi = double.NegativeInfinity;
                foreach (double x in panel)
                {
                    if (!double.IsFinite(x)) finite = false;
                    sum += x;
                    lo = Math.Min(lo, x);
                    hi = Math.Max(hi, x);
                }
                result[o] = Math.Clamp(sum / e, lo, hi);
            }
            if (!finite) throw new ArgumentOutOfRangeException(nameof(scores), "Scores must be finite.");
            result.CopyTo(destination);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>Sorts four panels at a time across SIMD lanes; then takes the median (cut &lt; 0) or the trimmed mean.</summary>
    private static void SortedNetwork(ReadOnlySpan<double> scores, int e, int outputs, Span<double> destination, int cut, double trimFraction)
    {
        Span<Vector256<double>> lanes = stackalloc Vector256<double>[16];
        Span<double> column = stackalloc double[4];
        int o = 0;
        for (; o + 4 <= outputs; o += 4)
        {
            // Transpose four panels into lanes: lane i holds evaluator i of the four outputs; pad with +∞.
            for (int i = 0; i < 16; i++)
            {
                if (i < e)
                {
                    lanes[i] = Vector256.Create(scores[(o * e) + i], scores[((o + 1) * e) + i], scores[((o + 2) * e) + i], scores[((o + 3) * e) + i]);
                }
                else
                {
                    lanes[i] = Vector256.Create(double.PositiveInfinity);
                }
            }
            foreach (var (a, b) in Network16)
            {
                var x = lanes[a];
                var y = lanes[b];
                lanes[a] = Vector256.Min(x, y);
                lanes[b] = Vector256.Max(x, y);
            }
            Vector256<double> result;
            if (cut < 0)
            {
                result = e % 2 == 1 ? lanes[e / 2] : (lanes[(e / 2) - 1] + lanes[e / 2]) * 0.5;
            }
            else
            {
                var sum = Vector256<double>.Zero;
                for (int i = cut; i < e - cut; i++) sum += lanes[i];
                result = Vector256.Min(Vector256.Max(sum / (e - (2 * cut)), lanes[cut]), lanes[e - cut - 1]);
            }
            result.CopyTo(column);
            column.CopyTo(destination[o..]);
        }
        for (; o < outputs; o++)
        {
            var panel = scores.Slice(o * e, e);
            destination[o] = cut < 0 ? Median(panel) : TrimmedMean(panel, trimFraction);
        }
    }

    /// <summary>Batcher's odd–even merge sort comparators for n a power of two.</summary>
    private static (int, int)[] BuildBatcher(int n)
    {
        var pairs = new List<(int, int)>();
        for (int p = 1; p < n; p <<= 1)
        {
            for (int k = p; k >= 1; k >>= 1)
            {
                for (int j = k % p; j + k < n; j += 2 * k)
                {
                    for (int i = 0; i < k && i + j + k < n; i++)
                    {
                        if ((i + j) / (2 * p) == (i + j + k) / (2 * p)) pairs.Add((i + j, i + j + k));
                    }
                }
            }
        }
        return [.. pairs];
    }
}
