using System.Runtime.CompilerServices;


namespace ScoutElo.Scoring.Text;

// The n-gram part of the scratch: n-grams interned as (prefix id, last token id) pairs, per order or all orders at once.
internal sealed partial class TextScratch
{
    /// <summary>Interns the n-gram (prefix id at order k−1, last token id); ids share one space across orders.</summary>
    public int InternPair(int order, int prefix, int token)
    {
        long key = ((long)order << 56) | ((long)prefix << 28) | (uint)token;
        int mask = _pairSlots.Length - 1;
        int i = (int)(Mix(key) & (ulong)mask);
        while (true)
        {
            int slot = _pairSlots[i];
            if (slot == 0) break;
            if (_pairKeys[i] == key) return slot - 1;
            i = (i + 1) & mask;
        }
        _pairKeys[i] = key;
        _pairSlots[i] = ++_ngramCount;
        if (_ngramCount > _pairSlotOf.Length) Array.Resize(ref _pairSlotOf, _pairSlotOf.Length * 2);
        _pairSlotOf[_ngramCount - 1] = i;
        if (_ngramCount * 2 > _pairSlots.Length) RehashPairs();
        return _ngramCount - 1;
    }

    private void RehashPairs()
    {
        var oldKeys = _pairKeys;
        var oldSlots = _pairSlots;
        _pairKeys = new long[oldKeys.Length * 2];
        _pairSlots = new int[oldSlots.Length * 2];
        int mask = _pairSlots.Length - 1;
        // In id order, so that no n-gram's probe chain passes through a later one (TextScratch.RollBack relies on it).
        for (int id = 0; id < _ngramCount; id++)
        {
            int j = _pairSlotOf[id];
            int i = (int)(Mix(oldKeys[j]) & (ulong)mask);
            while (_pairSlots[i] != 0) i = (i + 1) & mask;
            _pairKeys[i] = oldKeys[j];
            _pairSlots[i] = oldSlots[j];
            _pairSlotOf[id] = i;
        }
    }

    /// <summary>
    /// Writes the n-gram ids of a token segment into the n-gram buffer at <paramref name="offset"/>; returns the count.
    /// For n = 1 the ids are the token ids. Both id spaces are bounded by <see cref="IdSpace"/>.
    /// </summary>
    public int NgramIds(Segment tokens, int n, int offset)
    {
        int count = Math.Max(tokens.Length - n + 1, 0);
        if (offset + count > _ngramBuf.Length) Array.Resize(ref _ngramBuf, Math.Max(_ngramBuf.Length * 2, offset + count));
        var ids = Ids(tokens);
        var dst = _ngramBuf.AsSpan(offset, count);
        for (int i = 0; i < count; i++)
        {
            int id = ids[i];
            for (int k = 1; k < n; k++) id = InternPair(k + 1, id, ids[i + k]);
            dst[i] = id;
        }
        return count;
    }

    public Span<int> NgramBuffer(int offset, int count) => _ngramBuf.AsSpan(offset, count);

    /// <summary>
    /// Writes the n-gram ids of every order 1..<paramref name="maxOrder"/> of a token segment, order after order, into
    /// <paramref name="destination"/> (resized as needed) starting at <paramref name="offset"/>. Order k starts at
    /// <c>offset + Σ_{j&lt;k} max(len − j + 1, 0)</c>. Each order is derived from the previous one in O(len), so all orders cost
    /// O(len · maxOrder) (the per-order <see cref="NgramIds"/> costs O(len · k) for order k). Ids equal those of <see cref="NgramIds"/>.
    /// </summary>
    public int NgramLevels(Segment tokens, int maxOrder, ref int[] destination, int offset)
    {
        int len = tokens.Length;
        int total = 0;
        for (int k = 1; k <= maxOrder; k++) total += Math.Max(len - k + 1, 0);
        if (destination.Length < offset + total) Array.Resize(ref destination, Math.Max(destination.Length * 2, offset + total));
        var ids = Ids(tokens);
        var dst = destination.AsSpan(offset, total);
        ids.CopyTo(dst);
        int prevStart = 0, prevCount = len, at = len;
        for (int k = 2; k <= maxOrder && prevCount > 1; k++)
        {
            int count = prevCount - 1;
            for (int i = 0; i < count; i++) dst[at + i] = InternPair(k, dst[prevStart + i], ids[i + k - 1]);
            prevStart = at;
            prevCount = count;
            at += count;
        }
        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(long key)
    {
        // SplitMix64's finalizer: every key bit reaches the low bits the mask keeps. (One multiply and a single shift left
        // the order bits, and most of the prefix bits, out of the slot index: long probe chains, issue 25.) The hash only
        // places slots; ids are handed out in first-seen order, so every metric is unchanged.
        ulong z = (ulong)key;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
