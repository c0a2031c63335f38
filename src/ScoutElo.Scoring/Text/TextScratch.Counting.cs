
namespace ScoutElo.Scoring.Text;

// The counting part of the scratch: multiset overlap, distinct counts and the bit-parallel LCS over id sequences.
internal sealed partial class TextScratch
{
    /// <summary>Multiset intersection size of two id lists: Σ min(count_a, count_b). Leaves the count buffer zeroed.</summary>
    public int Overlap(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        EnsureCounts(IdSpace);
        var counts = _counts;
        foreach (int id in a) counts[id]++;
        int overlap = 0;
        foreach (int id in b)
        {
            if (counts[id] > 0)
            {
                counts[id]--;
                overlap++;
            }
        }
        foreach (int id in a) counts[id] = 0;
        return overlap;
    }

    /// <summary>Number of distinct ids in a list. Leaves the count buffer zeroed.</summary>
    public int Distinct(ReadOnlySpan<int> ids)
    {
        EnsureCounts(IdSpace);
        var counts = _counts;
        int distinct = 0;
        foreach (int id in ids)
        {
            if (counts[id]++ == 0) distinct++;
        }
        foreach (int id in ids) counts[id] = 0;
        return distinct;
    }

    private void EnsureCounts(int size)
    {
        if (_counts.Length < size) _counts = new int[Math.Max(size, _counts.Length * 2)];
    }

    /// <summary>
    /// Length of the longest common subsequence by the bit-parallel algorithm of Allison–Dix / Hyyrö (2004):
    /// O(|b|·⌈|a|/64⌉) word operations. Equal to the dynamic-programming reference (<see cref="Lcs.Length"/>).
    /// </summary>
    public int LcsLength(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        int words = (a.Length + 63) >> 6;
        int space = IdSpace;
        long need = (long)space * words;
        if (need > _masks.Length) _masks = new ulong[Math.Max(need, _masks.Length * 2)];
        var masks = _masks;
        for (int i = 0; i < a.Length; i++) masks[(a[i] * words) + (i >> 6)] |= 1UL << (i & 63);

        Span<ulong> v = words <= 64 ? stackalloc ulong[words] : new ulong[words];
        v.Fill(ulong.MaxValue);
        foreach (int t in b)
        {
            int baseIndex = t * words;
            ulong carry = 0;
            for (int w = 0; w < words; w++)
            {
                ulong m = masks[baseIndex + w];
                ulong vw = v[w];
                ulong u = vw & m;
                ulong sum = vw + u;
                ulong c1 = sum < vw ? 1UL : 0UL;
                ulong sum2 = sum + carry;
                ulong c2 = sum2 < sum ? 1UL : 0UL;
                carry = c1 | c2;
                v[w] = sum2 | (vw & ~m);
            }
        }
        int lcs = 0;
        for (int w = 0; w < words; w++)
        {
            ulong valid = w == words - 1 && (a.Length & 63) != 0 ? (1UL << (a.Length & 63)) - 1 : ulong.MaxValue;
            lcs += System.Numerics.BitOperations.PopCount(~v[w] & valid);
        }
        for (int i = 0; i < a.Length; i++) masks[(a[i] * words) + (i >> 6)] = 0;
        return lcs;
    }
}
