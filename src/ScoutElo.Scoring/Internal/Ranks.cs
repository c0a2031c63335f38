using System.Buffers;

namespace ScoutElo.Scoring.Internal;

/// <summary>Rank statistics in O(n) after one radix sort per variable: Spearman's ρ and Kendall's τ-b share the two sorts
/// (issue 25). Inputs are finite; nothing here allocates per item beyond pooled arrays.</summary>
internal static class Ranks
{
    /// <summary>Below this length a comparison sort beats the radix passes.</summary>
    private const int RadixThreshold = 256;

    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = (64 + DigitBits - 1) / DigitBits; // 6

    /// <summary>A variable sorted once: its dense ranks (0 = smallest distinct value), mid-ranks (1-based, ties averaged),
    /// the number of distinct values and the tied pairs Σ t(t−1)/2. The arrays are pooled: <see cref="Release"/> returns them.</summary>
    public readonly struct Sorted
    {
        private readonly int[] _order;
        private readonly int[] _dense;
        private readonly double[] _mid;

        public Sorted(int[] order, int[] dense, double[] mid, int count, int distinct, long tiedPairs)
        {
            _order = order;
            _dense = dense;
            _mid = mid;
            Count = count;
            Distinct = distinct;
            TiedPairs = tiedPairs;
        }

        public int Count { get; }

        /// <summary>Item indices in ascending value order (stable: equal values keep index order).</summary>
        public ReadOnlySpan<int> Order => _order.AsSpan(0, Count);

        public ReadOnlySpan<int> Dense => _dense.AsSpan(0, Count);

        public ReadOnlySpan<double> Mid => _mid.AsSpan(0, Count);

        public int Distinct { get; }

        public long TiedPairs { get; }

        public void Release()
        {
            if (_order is null) return;
            ArrayPool<int>.Shared.Return(_order);
            ArrayPool<int>.Shared.Return(_dense);
            ArrayPool<double>.Shared.Return(_mid);
        }
    }

    /// <summary>Sorts a variable (finite values) and derives its ranks; the caller releases the result.</summary>
    public static Sorted Sort(ReadOnlySpan<double> v)
    {
        int n = v.Length;
        var order = ArrayPool<int>.Shared.Rent(Math.Max(n, 1));
        var keys = ArrayPool<ulong>.Shared.Rent(Math.Max(n, 1));
        try
        {
            for (int i = 0; i < n; i++) keys[i] = OrderedBits(v[i]);
            SortIndices(keys.AsSpan(0, n), order.AsSpan(0, n));
            var dense = ArrayPool<int>.Shared.Rent(Math.Max(n, 1));
            var mid = ArrayPool<double>.Shared.Rent(Math.Max(n, 1));
            int distinct = 0;
            long tied = 0;
            for (int i = 0; i < n;)
            {
                ulong k = keys[i];
                int j = i + 1;
                while (j < n && keys[j] == k) j++;
                double m = ((i + 1) + j) / 2.0; // mean of the 1-based positions i+1..j
                for (int t = i; t < j; t++)
                {
                    dense[order[t]] = distinct;
                    mid[order[t]] = m;
                }
                long size = j - i;
                tied += size * (size - 1) / 2;
                distinct++;
                i = j;
            }
            return new Sorted(order, dense, mid, n, distinct, tied);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
        }
    }

    /// <summary>Kendall's τ-b from the two sorted variables: (n₀ − n₁ − n₂ + n₃ − 2·S) / √((n₀ − n₁)(n₀ − n₂)), S the
    /// discordant pairs, counted with a Fenwick tree over y's dense ranks visited in (x, y) order; null when undefined.</summary>
    /// <remarks>The same integers as Knight's merge-sort count, so the same value to the last bit.</remarks>
    public static double? KendallTauB(in Sorted x, in Sorted y)
    {
        int n = x.Count;
        if (n < 3) return null;
        var xDense = x.Dense;
        var yDense = y.Dense;
        // Items in (x, y) order: a stable counting sort by x's dense rank of the items taken in y order.
        var start = ArrayPool<int>.Shared.Rent(x.Distinct + 1);
        var byXy = ArrayPool<int>.Shared.Rent(n);
        var tree = ArrayPool<int>.Shared.Rent(y.Distinct + 1);
        try
        {
            Array.Clear(start, 0, x.Distinct + 1);
            foreach (int r in xDense) start[r + 1]++;
            for (int r = 0; r < x.Distinct; r++) start[r + 1] += start[r];
            foreach (int i in y.Order) byXy[start[xDense[i]]++] = i;

            long both = 0, discordant = 0;
            Array.Clear(tree, 0, y.Distinct + 1);
            int run = 1;
            for (int k = 0; k < n; k++)
            {
                int i = byXy[k];
                int ry = yDense[i];
                if (k > 0)
                {
                    int p = byXy[k - 1];
                    if (xDense[p] == xDense[i] && yDense[p] == ry) run++;
                    else { both += (long)run * (run - 1) / 2; run = 1; }
                }
                // Earlier items with a larger y rank: k minus those with rank ≤ ry.
                long notGreater = 0;
                for (int f = ry + 1; f > 0; f -= f & -f) notGreater += tree[f];
                discordant += k - notGreater;
                for (int f = ry + 1; f <= y.Distinct; f += f & -f) tree[f]++;
            }
            both += (long)run * (run - 1) / 2;
            long n0 = (long)n * (n - 1) / 2;
            double denom = Math.Sqrt((double)(n0 - x.TiedPairs) * (n0 - y.TiedPairs));
            if (denom <= 0) return null;
            return Math.Clamp((n0 - x.TiedPairs - y.TiedPairs + both - (2.0 * discordant)) / denom, -1, 1);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(start);
            ArrayPool<int>.Shared.Return(byXy);
            ArrayPool<int>.Shared.Return(tree);
        }
    }

    /// <summary>The IEEE bits of a finite double mapped so that unsigned order is numeric order (−0 folded onto +0, so equal
    /// values share one key).</summary>
    private static ulong OrderedBits(double v)
    {
        if (v == 0) v = 0; // −0.0 == 0.0: one key
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(v);
        return (bits & 0x8000000000000000UL) != 0 ? ~bits : bits | 0x8000000000000000UL;
    }

    /// <summary>Sorts <paramref name="keys"/> ascending and writes the matching original indices into <paramref name="order"/>;
    /// stable. LSD radix (11-bit digits, passes whose digit is the same for every key skipped) above the threshold.</summary>
    private static void SortIndices(Span<ulong> keys, Span<int> order)
    {
        int n = keys.Length;
        for (int i = 0; i < n; i++) order[i] = i;
        if (n < RadixThreshold)
        {
            // Stable comparison sort: (key, index) pairs are distinct, so an unstable sort on them is stable on keys.
            var pairs = new (ulong Key, int Index)[n];
            for (int i = 0; i < n; i++) pairs[i] = (keys[i], i);
            Array.Sort(pairs, static (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Index.CompareTo(b.Index));
            for (int i = 0; i < n; i++) { keys[i] = pairs[i].Key; order[i] = pairs[i].Index; }
            return;
        }
        var counts = ArrayPool<int>.Shared.Rent(Passes * Buckets);
        var keys2 = ArrayPool<ulong>.Shared.Rent(n);
        var order2 = ArrayPool<int>.Shared.Rent(n);
        try
        {
            var hist = counts.AsSpan(0, Passes * Buckets);
            hist.Clear();
            foreach (ulong k in keys)
            {
                for (int p = 0; p < Passes; p++) hist[(p * Buckets) + (int)((k >> (p * DigitBits)) & (Buckets - 1))]++;
            }
            Span<ulong> srcK = keys, dstK = keys2.AsSpan(0, n);
            Span<int> srcI = order, dstI = order2.AsSpan(0, n);
            bool swapped = false;
            for (int p = 0; p < Passes; p++)
            {
                var h = hist.Slice(p * Buckets, Buckets);
                int shift = p * DigitBits;
                if (h[(int)((srcK[0] >> shift) & (Buckets - 1))] == n) continue; // every key has this digit
                int sum = 0;
                for (int b = 0; b < Buckets; b++) { int c = h[b]; h[b] = sum; sum += c; }
                for (int i = 0; i < n; i++)
                {
                    ulong k = srcK[i];
                    int at = h[(int)((k >> shift) & (Buckets - 1))]++;
                    dstK[at] = k;
                    dstI[at] = srcI[i];
                }
                var tk = srcK; srcK = dstK; dstK = tk;
                var ti = srcI; srcI = dstI; dstI = ti;
                swapped = !swapped;
            }
            if (swapped)
            {
                srcK.CopyTo(keys);
                srcI.CopyTo(order);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<ulong>.Shared.Return(keys2);
            ArrayPool<int>.Shared.Return(order2);
        }
    }
}
