using System.Runtime.CompilerServices;

namespace ScoutElo.Scoring.Text;

/// <summary>
/// Per-thread scratch space for the text metrics: interns tokens and n-grams to dense integer ids so that counting,
/// overlap and LCS run over int arrays with no per-call allocation once the buffers have grown to the workload.
/// </summary>
/// <remarks>Token ids are exact (token text is compared, not only hashed). An n-gram of order k is interned as the pair
/// (id of its (k−1)-prefix, id of its last token), so n-gram ids are exact too. Not thread-safe: one instance per thread
/// via <see cref="Rent"/>; a nested rent on the same thread gets a fresh instance.</remarks>
internal sealed class TextScratch : ITokenSink
{
    [ThreadStatic] private static TextScratch? s_cached;

    // Token interning.
    private char[] _chars = new char[4096];
    private int _charLength;
    private int[] _tokStart = new int[1024];
    private int[] _tokLen = new int[1024];
    private int[] _tokHash = new int[1024];
    private int[] _slots = new int[2048]; // token id + 1, 0 = empty
    private int[] _stemOf = new int[1024]; // token id -> id of its stem, -1 when not computed yet
    private int[] _tokSlot = new int[1024]; // token id -> its index in _slots, so Reset clears only the used slots
    private int _tokenCount;
    private readonly int[] _asciiId = new int[128]; // ASCII char -> token id + 1 of that one-char token, 0 = not interned yet
    private char[] _stemBuffer = new char[64];

    // N-gram (pair) interning.
    private long[] _pairKeys = new long[2048];
    private int[] _pairSlots = new int[2048]; // ngram id + 1
    private int[] _pairSlotOf = new int[1024]; // ngram id -> its index in _pairSlots
    private int _ngramCount;

    // Sequences of token ids.
    private int[] _ids = new int[2048];
    private int _idLength;

    // Scratch counts indexed by id, always returned to zero.
    private int[] _counts = new int[1024];
    private int[] _ngramBuf = new int[2048];
    private ulong[] _masks = new ulong[1024];

    /// <summary>Reusable n-gram level buffers (see <see cref="NgramLevels"/>); grown in place, never pooled.</summary>
    internal int[] HypLevels = new int[512];

    /// <summary>Second reusable n-gram level buffer.</summary>
    internal int[] RefLevels = new int[512];

    public static TextScratch Rent()
    {
        var s = s_cached ?? new TextScratch();
        s_cached = null;
        s.Reset();
        return s;
    }

    public static void Return(TextScratch scratch) => s_cached = scratch;

    public int TokenCount => _tokenCount;

    public void Reset()
    {
        // Clear only the slots in use: the tables keep their grown size across calls, and clearing all of them on every
        // rent cost more than the metrics themselves on short texts.
        ClearUsed(_slots, _tokSlot, _tokenCount);
        ClearUsed(_pairSlots, _pairSlotOf, _ngramCount);
        if (_tokenCount > 0) Array.Clear(_asciiId);
        _tokenCount = 0;
        _ngramCount = 0;
        _charLength = 0;
        _idLength = 0;
    }

    private static void ClearUsed(int[] slots, int[] slotOf, int used)
    {
        if (used * 4 >= slots.Length)
        {
            Array.Clear(slots);
            return;
        }
        for (int id = 0; id < used; id++) slots[slotOf[id]] = 0;
    }

    /// <summary>Tokenizes a text, appending its ids; returns the segment (start, length) in <see cref="Ids"/>.</summary>
    public Segment Tokenize(string text, WordTokenizerMode mode, bool stem)
    {
        int start = _idLength;
        WordTokenizer.ForEachToken(text, mode, stem, this);
        return new Segment(start, _idLength - start);
    }

    /// <summary>Appends tokens produced by an external tokenizer.</summary>
    public Segment Tokenize(string text, ITokenizer tokenizer)
    {
        int start = _idLength;
        foreach (var t in tokenizer.Tokenize(text)) OnToken(t);
        return new Segment(start, _idLength - start);
    }

    /// <summary>The characters of an interned token.</summary>
    public ReadOnlySpan<char> TokenText(int id) => _chars.AsSpan(_tokStart[id], _tokLen[id]);

    public ReadOnlySpan<int> Ids(Segment s) => _ids.AsSpan(s.Start, s.Length);

    /// <summary>Appends an explicit id (used by callers that build their own sequences).</summary>
    public void AppendId(int id)
    {
        if (_idLength == _ids.Length) Array.Resize(ref _ids, _ids.Length * 2);
        _ids[_idLength++] = id;
    }

    public int IdLength => _idLength;

    public void OnToken(ReadOnlySpan<char> token) => AppendId(InternToken(token));

    /// <summary>Appends a token; a stemmable token is stemmed once per distinct surface form and call (stems are cached by id).</summary>
    public void OnToken(ReadOnlySpan<char> token, bool stem)
    {
        int id = InternToken(token);
        if (stem)
        {
            int s = _stemOf[id];
            if (s < 0)
            {
                if (_stemBuffer.Length < token.Length) _stemBuffer = new char[token.Length * 2];
                token.CopyTo(_stemBuffer);
                int len = PorterStemmer.Stem(_stemBuffer, token.Length);
                s = InternToken(_stemBuffer.AsSpan(0, len));
                _stemOf[id] = s;
            }
            id = s;
        }
        AppendId(id);
    }

    /// <summary>Interns a one-character token; ASCII characters skip the hash table (chrF interns every character).</summary>
    public int InternChar(char c)
    {
        if (c >= 128) return InternToken(new ReadOnlySpan<char>(in c));
        int id = _asciiId[c] - 1;
        if (id < 0)
        {
            id = InternToken(new ReadOnlySpan<char>(in c));
            _asciiId[c] = id + 1;
        }
        return id;
    }

    public int InternToken(ReadOnlySpan<char> token)
    {
        int hash = Hash(token);
        int mask = _slots.Length - 1;
        int i = hash & mask;
        while (true)
        {
            int slot = _slots[i];
            if (slot == 0) break;
            int id = slot - 1;
            if (_tokHash[id] == hash && _chars.AsSpan(_tokStart[id], _tokLen[id]).SequenceEqual(token)) return id;
            i = (i + 1) & mask;
        }
        int newId = _tokenCount++;
        if (newId == _tokStart.Length)
        {
            Array.Resize(ref _tokStart, newId * 2);
            Array.Resize(ref _tokLen, newId * 2);
            Array.Resize(ref _tokHash, newId * 2);
            Array.Resize(ref _stemOf, newId * 2);
            Array.Resize(ref _tokSlot, newId * 2);
        }
        _stemOf[newId] = -1;
        if (_charLength + token.Length > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charLength + token.Length));
        token.CopyTo(_chars.AsSpan(_charLength));
        _tokStart[newId] = _charLength;
        _tokLen[newId] = token.Length;
        _tokHash[newId] = hash;
        _charLength += token.Length;
        _slots[i] = newId + 1;
        _tokSlot[newId] = i;
        if (_tokenCount * 2 > _slots.Length) RehashTokens();
        return newId;
    }

    private void RehashTokens()
    {
        _slots = new int[_slots.Length * 2];
        int mask = _slots.Length - 1;
        for (int id = 0; id < _tokenCount; id++)
        {
            int i = _tokHash[id] & mask;
            while (_slots[i] != 0) i = (i + 1) & mask;
            _slots[i] = id + 1;
            _tokSlot[id] = i;
        }
    }

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
        for (int j = 0; j < oldSlots.Length; j++)
        {
            if (oldSlots[j] == 0) continue;
            int i = (int)(Mix(oldKeys[j]) & (ulong)mask);
            while (_pairSlots[i] != 0) i = (i + 1) & mask;
            _pairKeys[i] = oldKeys[j];
            _pairSlots[i] = oldSlots[j];
            _pairSlotOf[oldSlots[j] - 1] = i;
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

    public int IdSpace => Math.Max(_tokenCount, _ngramCount);

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<char> s)
    {
        // FNV-1a over UTF-16 code units, finalized; deterministic across processes (unlike string.GetHashCode).
        uint h = 2166136261;
        foreach (char c in s) h = (h ^ c) * 16777619;
        h ^= h >> 15;
        h *= 0x2c1b3c6d;
        h ^= h >> 12;
        return (int)(h & 0x7FFFFFFF);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(long key)
    {
        ulong z = (ulong)key * 0x9E3779B97F4A7C15UL;
        return z ^ (z >> 29);
    }

    internal readonly record struct Segment(int Start, int Length);
}

/// <summary>Longest-common-subsequence references (dynamic programming) and the LCS index backtrack of rouge-score.</summary>
internal static class Lcs
{
    /// <summary>Reference LCS length by the classic O(m·n) table (two rows).</summary>
    public static int Length(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
                cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : Math.Max(prev[j], cur[j - 1]);
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    /// <summary>Indices into <paramref name="reference"/> of the LCS chosen by rouge-score's backtrack (ties: move in the reference).</summary>
    public static void Indices(ReadOnlySpan<int> reference, ReadOnlySpan<int> candidate, List<int> into)
    {
        int m = reference.Length, n = candidate.Length;
        var t = new int[(m + 1) * (n + 1)];
        int w = n + 1;
        for (int i = 1; i <= m; i++)
        {
            for (int j = 1; j <= n; j++)
                t[(i * w) + j] = reference[i - 1] == candidate[j - 1] ? t[((i - 1) * w) + j - 1] + 1 : Math.Max(t[((i - 1) * w) + j], t[(i * w) + j - 1]);
        }
        int start = into.Count;
        int a = m, b = n;
        while (a > 0 && b > 0)
        {
            if (reference[a - 1] == candidate[b - 1])
            {
                into.Add(a - 1);
                a--;
                b--;
            }
            else if (t[(a * w) + b - 1] > t[((a - 1) * w) + b])
            {
                b--;
            }
            else
            {
                a--;
            }
        }
        into.Reverse(start, into.Count - start);
    }
}
