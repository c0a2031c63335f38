using System.Numerics.Tensors;
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
    /// mean uses <see cref="TensorPrimitives"/>. Everything is validated before anything is written.</remarks>
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
        if (!AllFinite(scores)) throw new ArgumentOutOfRangeException(nameof(scores), "Scores must be finite.");
        int e = evaluatorsPerOutput;
        if (rule == AggregationRule.Mean)
        {
            for (int o = 0; o < outputs; o++)
            {
                var panel = scores.Slice(o * e, e);
                destination[o] = Math.Clamp(TensorPrimitives.Sum(panel) / e, TensorPrimitives.Min(panel), TensorPrimitives.Max(panel));
            }
            return;
        }
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

    private static bool AllFinite(ReadOnlySpan<double> v)
    {
        foreach (double x in v)
        {
            if (!double.IsFinite(x)) return false;
        }
        return true;
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
