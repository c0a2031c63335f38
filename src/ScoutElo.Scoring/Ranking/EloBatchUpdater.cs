using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScoutElo.Scoring.Ranking;

/// <summary>Vectorized Elo rating-period kernels over a dense match log (node indices, not ids).</summary>
/// <remarks>
/// <para>All expected scores come from the start-of-batch ratings: <c>E = 1 / (1 + exp((R_b − R_a)·ln10/400))</c>, so the result
/// does not depend on match order (up to floating-point summation order). Node a's delta is <c>K_a·w·(s − E)</c>, node b's
/// <c>−K_b·w·(s − E)</c>.</para>
/// <para><see cref="ComputeDeltas"/> avoids an exponential per match when it can (our own rearrangement, exact in real
/// arithmetic): with per-node strengths <c>q_i = exp((R_i − m)·ln10/400)</c>, <c>E = q_a / (q_a + q_b)</c>, so one vectorized
/// <c>exp</c> per node replaces one per match. It is used when there are no more nodes than matches and the rating range is
/// at most about 104,000 points (centring on the range's midpoint <c>m</c> keeps every exponent within ±300, so sums never
/// overflow or go subnormal). Otherwise it gathers the rating differences and evaluates the logistic in one fused SIMD pass
/// (<see cref="Vector512{T}"/> where accelerated, else <see cref="Vector256{T}"/>, chosen at run time, scalar tail). Gathers use
/// AVX2 when the CPU has it, scalar loads otherwise. The per-match <c>w·(s − E)</c> is formed in vector registers; the scatter
/// into per-node sums is scalar (scatter has no conflict-free vector form), and because K is constant per node within a period
/// it multiplies each node's sum once at the end. <see cref="ComputeDeltasScalar"/> is the plain reference loop. Each expected
/// score agrees with the reference's within about 1e-13 absolute (the exponents are rounded separately), well inside the
/// documented and tested 1e-9 on the deltas.</para>
/// <para>Both validate every index and score before writing anything (<see cref="ComputeDeltas"/>, on a log longer than the node
/// count, validates each chunk while it is in cache and accumulates into scratch until the last chunk passed). Thread-safe
/// (stateless).</para>
/// </remarks>
public static partial class EloBatchUpdater
{
    /// <summary>ln 10 / 400: the logistic slope of the Elo scale.</summary>
    public const double Ln10Over400 = 0.005756462732485115;

    private const int Chunk = 512;

    /// <summary>Expected score of a node rated <paramref name="ratingA"/> against one rated <paramref name="ratingB"/>.</summary>
    /// <param name="ratingA">A's rating.</param>
    /// <param name="ratingB">B's rating.</param>
    /// <returns><c>1 / (1 + 10^((R_b − R_a)/400))</c>, computed with <c>exp</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ExpectedScore(double ratingA, double ratingB) => 1.0 / (1.0 + Math.Exp((ratingB - ratingA) * Ln10Over400));

    /// <summary>Accumulates rating-period deltas with SIMD where available.</summary>
    /// <param name="ratings">Start-of-batch ratings by node index.</param>
    /// <param name="kFactors">K per node index (same length as <paramref name="ratings"/>).</param>
    /// <param name="a">Node index A per match.</param>
    /// <param name="b">Node index B per match.</param>
    /// <param name="scores">A's score per match, in [0, 1].</param>
    /// <param name="deltas">Receives the summed delta per node (cleared first).</param>
    /// <param name="weights">Optional positive weight per match (empty: all 1).</param>
    /// <exception cref="ArgumentException">Lengths differ; nothing is written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range, a self-match, or a score outside [0, 1]; nothing is written.</exception>
    public static void ComputeDeltas(ReadOnlySpan<double> ratings, ReadOnlySpan<double> kFactors, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<float> scores, Span<double> deltas, ReadOnlySpan<float> weights = default)
    {
        ValidateLengths(ratings, kFactors, a, b, scores, deltas, weights);
        Compute(ratings, kFactors, a, b, scores, weights, deltas, default);
    }

    /// <summary><see cref="ComputeDeltas"/> for the rating table: also counts each node's matches in the batch, in the same
    /// scatter (a node's sum and count are neighbours in one scratch array, so the count costs no extra cache line).</summary>
    internal static void ComputeDeltasAndGames(ReadOnlySpan<double> ratings, ReadOnlySpan<double> kFactors, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights, Span<double> deltas, Span<int> games)
    {
        ValidateLengths(ratings, kFactors, a, b, scores, deltas, weights);
        if (games.Length != ratings.Length) throw new ArgumentException("One game count per node is required.", nameof(games));
        Compute(ratings, kFactors, a, b, scores, weights, deltas, games);
    }

    /// <summary>The kernel behind both entry points; counts games into <paramref name="games"/> unless it is empty.</summary>
    private static void Compute(ReadOnlySpan<double> ratings, ReadOnlySpan<double> kFactors, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights, Span<double> deltas, Span<int> games)
    {
        int n = ratings.Length;
        bool counting = !games.IsEmpty;
        if (n > a.Length)
        {
            // Few matches for many nodes: one exp per match is cheaper than one per node, and the short log is validated up
            // front, so the sums go straight into deltas and the games are counted in one pass over the log (clearing and
            // scanning scratch for every node would cost more than the matches).
            if (!AllValid(n, a, b, scores, weights)) ThrowFirstInvalid(n, a, b, scores, weights, 0);
            deltas.Clear();
            Accumulate(ratings, default, a, b, scores, weights, deltas, validated: true, counting: false);
            TensorPrimitives.Multiply(deltas, kFactors, deltas);
            if (counting)
            {
                games.Clear();
                foreach (int i in a) games[i]++;
                foreach (int i in b) games[i]++;
            }
            return;
        }
        // Per-node sums (with counts: (sum, count) pairs) and strengths live in scratch until every chunk has been validated,
        // so a bad match writes nothing.
        int stride = counting ? 2 : 1;
        double[]? rented = null;
        int size = (stride + 1) * n;
        Span<double> scratch = n <= 256 ? stackalloc double[size] : (rented = ArrayPool<double>.Shared.Rent(size)).AsSpan(0, size);
        try
        {
            var sums = scratch[..(stride * n)];
            var strengths = scratch[(stride * n)..];
            sums.Clear();
            Accumulate(ratings, TryStrengths(ratings, strengths) ? strengths : default, a, b, scores, weights, sums, validated: false, counting);
            if (!counting)
            {
                // K is constant per node within a rating period, so it factors out of each node's sum: one vector multiply
                // replaces two random loads per match.
                TensorPrimitives.Multiply(sums, kFactors, deltas);
                return;
            }
            for (int i = 0; i < n; i++)
            {
                deltas[i] = sums[2 * i] * kFactors[i];
                games[i] = (int)sums[(2 * i) + 1];
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>Adds each match's unscaled <c>w·(s − E)</c> to node a's sum and subtracts it from node b's, chunk by chunk: E from
    /// the per-node <paramref name="strengths"/> when given, else from the rating difference through the vector logistic.
    /// Unless <paramref name="validated"/>, each chunk is validated while it is in cache, and the first bad chunk names the
    /// first bad match overall.</summary>
    private static void Accumulate(ReadOnlySpan<double> ratings, ReadOnlySpan<double> strengths, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights, Span<double> sums, bool validated, bool counting)
    {
        Span<double> delta = stackalloc double[Chunk];
        Span<double> widened = stackalloc double[Chunk];
        for (int start = 0; start < a.Length; start += Chunk)
        {
            int len = Math.Min(Chunk, a.Length - start);
            var ca = a.Slice(start, len);
            var cb = b.Slice(start, len);
            var cs = scores.Slice(start, len);
            var cw = weights.IsEmpty ? default : weights.Slice(start, len);
            if (!validated && !AllValid(ratings.Length, ca, cb, cs, cw)) ThrowFirstInvalid(ratings.Length, ca, cb, cs, cw, start);
            var ex = delta[..len];
            // The per-match w·(s − E) in doubles, vectorized, so that the scatter's dependent chain is only load–add–store.
            if (!strengths.IsEmpty)
            {
                ScoreMinusExpected(strengths, ca, cb, cs, cw, ex);
            }
            else
            {
                GatherDifferences(ratings, ca, cb, ex);
                Logistic(ex, ex);
                var wide = widened[..len];
                TensorPrimitives.ConvertTruncating<float, double>(cs, wide);
                TensorPrimitives.Subtract(wide, ex, ex);
                if (!cw.IsEmpty)
                {
                    TensorPrimitives.ConvertTruncating<float, double>(cw, wide);
                    TensorPrimitives.Multiply(ex, wide, ex);
                }
            }
            if (counting)
            {
                Scatter<WithCounts>(sums, ca, cb, ex);
            }
            else
            {
                Scatter<SumsOnly>(sums, ca, cb, ex);
            }
        }
    }

    /// <summary>Largest |exponent| of a strength: e^±300 keeps q_a + q_b finite and far from subnormal.</summary>
    private const double MaxStrengthExponent = 300;

    /// <summary>Per-node strengths <c>q_i = exp((R_i − mid)·ln10/400)</c>, centred on the rating range's midpoint, so that
    /// <c>E_ab = q_a / (q_a + q_b)</c> needs no exponential per match. False (nothing usable) when the range is wider than
    /// ±<see cref="MaxStrengthExponent"/> in exponent (about 104,000 rating points) or a rating is not finite.</summary>
    private static bool TryStrengths(ReadOnlySpan<double> ratings, Span<double> strengths)
    {
        if (ratings.IsEmpty) return false;
        double lo = TensorPrimitives.Min(ratings), hi = TensorPrimitives.Max(ratings); // NaN if any rating is NaN
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || !((hi - lo) * Ln10Over400 / 2 <= MaxStrengthExponent)) return false;
        double mid = lo + ((hi - lo) / 2);
        TensorPrimitives.Subtract(ratings, mid, strengths);
        TensorPrimitives.Multiply(strengths, Ln10Over400, strengths);
        TensorPrimitives.Exp(strengths, strengths);
        return true;
    }

    /// <summary>w·(s − E) with E = q_a / (q_a + q_b) per match, in one pass: AVX2 gathers four strengths per step when the CPU
    /// has them, scalar otherwise.</summary>
    private static unsafe void ScoreMinusExpected(ReadOnlySpan<double> strengths, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights, Span<double> delta)
    {
        int j = 0;
        bool weighted = !weights.IsEmpty;
        fixed (double* q = strengths)
        fixed (int* pa = a)
        fixed (int* pb = b)
        fixed (float* ps = scores)
        fixed (float* pw = weights)
        fixed (double* pd = delta)
        {
            if (Avx2.IsSupported && !weighted)
            {
                for (; j <= a.Length - 4; j += 4)
                {
                    var qa = Avx2.GatherVector256(q, Sse2.LoadVector128(pa + j), 8);
                    var qb = Avx2.GatherVector256(q, Sse2.LoadVector128(pb + j), 8);
                    (Avx.ConvertToVector256Double(Sse.LoadVector128(ps + j)) - (qa / (qa + qb))).Store(pd + j);
                }
            }
            else if (Avx2.IsSupported)
            {
                for (; j <= a.Length - 4; j += 4)
                {
                    var qa = Avx2.GatherVector256(q, Sse2.LoadVector128(pa + j), 8);
                    var qb = Avx2.GatherVector256(q, Sse2.LoadVector128(pb + j), 8);
                    var d = Avx.ConvertToVector256Double(Sse.LoadVector128(ps + j)) - (qa / (qa + qb));
                    (d * Avx.ConvertToVector256Double(Sse.LoadVector128(pw + j))).Store(pd + j);
                }
            }
            for (; j < a.Length; j++)
            {
                double qa = q[pa[j]];
                double d = ps[j] - (qa / (qa + q[pb[j]]));
                pd[j] = weighted ? d * pw[j] : d;
            }
        }
    }

    /// <summary>E = 1 / (1 + exp(d·ln10/400)) in one vectorized pass (Vector512/Vector256 by hardware, scalar tail).</summary>
    private static void Logistic(ReadOnlySpan<double> d, Span<double> e)
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var c = Vector512.Create(Ln10Over400);
            for (; j <= d.Length - Vector512<double>.Count; j += Vector512<double>.Count)
                (Vector512<double>.One / (Vector512<double>.One + Vector512.Exp(Vector512.Create(d.Slice(j, Vector512<double>.Count)) * c))).CopyTo(e[j..]);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var c = Vector256.Create(Ln10Over400);
            for (; j <= d.Length - Vector256<double>.Count; j += Vector256<double>.Count)
                (Vector256<double>.One / (Vector256<double>.One + Vector256.Exp(Vector256.Create(d.Slice(j, Vector256<double>.Count)) * c))).CopyTo(e[j..]);
        }
        for (; j < d.Length; j++) e[j] = 1.0 / (1.0 + Math.Exp(d[j] * Ln10Over400));
    }

    /// <summary>Adds each precomputed delta to node a's sum and subtracts it from node b's; indices were validated, so no bounds
    /// checks. With <see cref="WithCounts"/>, <paramref name="sums"/> holds (sum, count) pairs (node i's sum at 2i, its match
    /// count at 2i + 1, one cache line) and each match also counts for both nodes. The mode is a type argument, so the JIT
    /// compiles each loop without the other mode's branch.</summary>
    private static unsafe void Scatter<TMode>(Span<double> sums, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<double> delta)
        where TMode : struct, IScatterMode
    {
        int shift = TMode.Counting ? 1 : 0;
        fixed (double* d = sums)
        fixed (int* pa = a)
        fixed (int* pb = b)
        fixed (double* pe = delta)
        {
            int len = a.Length;
            for (int j = 0; j < len; j++)
            {
                double x = pe[j];
                double* na = d + ((nint)pa[j] << shift);
                double* nb = d + ((nint)pb[j] << shift);
                na[0] += x;
                nb[0] -= x;
                if (TMode.Counting)
                {
                    na[1] += 1;
                    nb[1] += 1;
                }
            }
        }
    }

    private interface IScatterMode
    {
        static abstract bool Counting { get; }
    }

    private readonly struct SumsOnly : IScatterMode
    {
        public static bool Counting => false;
    }

    private readonly struct WithCounts : IScatterMode
    {
        public static bool Counting => true;
    }

    /// <summary>The scalar reference of <see cref="ComputeDeltas"/>: one match at a time with <see cref="Math.Exp"/>.</summary>
    /// <param name="ratings">Start-of-batch ratings by node index.</param>
    /// <param name="kFactors">K per node index.</param>
    /// <param name="a">Node index A per match.</param>
    /// <param name="b">Node index B per match.</param>
    /// <param name="scores">A's score per match, in [0, 1].</param>
    /// <param name="deltas">Receives the summed delta per node (cleared first).</param>
    /// <param name="weights">Optional positive weight per match (empty: all 1).</param>
    /// <exception cref="ArgumentException">Lengths differ; nothing is written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range, a self-match, or a score outside [0, 1]; nothing is written.</exception>
    internal static void ComputeDeltasScalar(ReadOnlySpan<double> ratings, ReadOnlySpan<double> kFactors, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<float> scores, Span<double> deltas, ReadOnlySpan<float> weights = default)
    {
        Validate(ratings, kFactors, a, b, scores, deltas, weights);
        deltas.Clear();
        for (int j = 0; j < a.Length; j++)
        {
            int ia = a[j], ib = b[j];
            double delta = (scores[j] - ExpectedScore(ratings[ia], ratings[ib])) * (weights.IsEmpty ? 1.0 : weights[j]);
            deltas[ia] += kFactors[ia] * delta;
            deltas[ib] -= kFactors[ib] * delta;
        }
    }

    private static unsafe void GatherDifferences(ReadOnlySpan<double> ratings, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<double> diff)
    {
        int j = 0;
        fixed (double* r = ratings)
        fixed (int* pa = a)
        fixed (int* pb = b)
        fixed (double* pd = diff)
        {
            if (Avx2.IsSupported)
            {
                for (; j <= a.Length - 4; j += 4)
                {
                    var ga = Avx2.GatherVector256(r, Sse2.LoadVector128(pa + j), 8);
                    var gb = Avx2.GatherVector256(r, Sse2.LoadVector128(pb + j), 8);
                    (gb - ga).Store(pd + j);
                }
            }
            for (; j < a.Length; j++) pd[j] = r[pb[j]] - r[pa[j]];
        }
    }

    /// <summary>Vectorized validity check (8 matches per step); true when every index, score and weight is valid.</summary>
    private static bool AllValid(int nodes, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated && weights.IsEmpty)
        {
            var limit = Vector256.Create((uint)nodes);
            var zero = Vector256<float>.Zero;
            var one = Vector256<float>.One;
            var bad = Vector256<uint>.Zero;
            for (; j <= a.Length - 8; j += 8)
            {
                var va = Vector256.Create(a.Slice(j, 8)).AsUInt32();
                var vb = Vector256.Create(b.Slice(j, 8)).AsUInt32();
                var vs = Vector256.Create(scores.Slice(j, 8));
                var inRange = Vector256.GreaterThanOrEqual(vs, zero) & Vector256.LessThanOrEqual(vs, one); // false for NaN
                bad |= Vector256.GreaterThanOrEqual(va, limit) | Vector256.GreaterThanOrEqual(vb, limit) | Vector256.Equals(va, vb) | ~inRange.AsUInt32();
            }
            if (bad != Vector256<uint>.Zero) return false;
        }
        for (; j < a.Length; j++)
        {
            if ((uint)a[j] >= (uint)nodes || (uint)b[j] >= (uint)nodes || a[j] == b[j]) return false;
            float s = scores[j];
            if (!(s >= 0 && s <= 1)) return false;
            if (!weights.IsEmpty && !(weights[j] > 0 && float.IsFinite(weights[j]))) return false;
        }
        return true;
    }

    private static void ValidateLengths(ReadOnlySpan<double> ratings, ReadOnlySpan<double> kFactors, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<float> scores, Span<double> deltas, ReadOnlySpan<float> weights)
    {
        if (!weights.IsEmpty && weights.Length != a.Length) throw new ArgumentException("One weight per match is required.", nameof(weights));
        if (kFactors.Length != ratings.Length) throw new ArgumentException("One K factor per node is required.", nameof(kFactors));
        if (deltas.Length != ratings.Length) throw new ArgumentException("One delta slot per node is required.", nameof(deltas));
        if (b.Length != a.Length || scores.Length != a.Length) throw new ArgumentException("a, b and scores must have the same length.", nameof(scores));
    }

    private static void Validate(ReadOnlySpan<double> ratings, ReadOnlySpan<double> kFactors, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<float> scores, Span<double> deltas, ReadOnlySpan<float> weights)
    {
        ValidateLengths(ratings, kFactors, a, b, scores, deltas, weights);
        if (!AllValid(ratings.Length, a, b, scores, weights)) ThrowFirstInvalid(ratings.Length, a, b, scores, weights, 0);
    }

    /// <summary>Throws for the first offending match (numbered from <paramref name="offset"/>) with a precise message.</summary>
    private static void ThrowFirstInvalid(int nodes, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights, int offset)
    {
        uint n = (uint)nodes;
        for (int j = 0; j < a.Length; j++)
        {
            int m = offset + j;
            if ((uint)a[j] >= n || (uint)b[j] >= n) throw new ArgumentOutOfRangeException(nameof(a), $"Match {m}: node index out of range.");
            if (a[j] == b[j]) throw new ArgumentOutOfRangeException(nameof(a), $"Match {m}: a node cannot play itself.");
            float s = scores[j];
            if (!float.IsFinite(s) || s is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(scores), s, $"Match {m}: score must be in [0, 1].");
            if (!weights.IsEmpty && (!float.IsFinite(weights[j]) || weights[j] <= 0)) throw new ArgumentOutOfRangeException(nameof(weights), weights[j], $"Match {m}: weight must be positive.");
        }
    }
}
