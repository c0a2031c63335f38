using System.Runtime.CompilerServices;

namespace ScoutElo.Scoring.Text;

/// <summary>
/// Per-thread scratch space for the text metrics: interns tokens and n-grams to dense integer ids so that counting,
/// overlap and LCS run over int arrays with no per-call allocation once the buffers have grown to the workload.
/// </summary>
/// <remarks>Token ids are exact (token text is compared, not only hashed). An n-gram of order k is interned as the pair
/// (id of its (k−1)-prefix, id of its last token), so n-gram ids are exact too. Not thread-safe: one instance per thread
/// via <see cref="Rent"/>; a nested rent on the same thread gets a fresh instance.</remarks>
internal sealed partial class TextScratch : ITokenSink
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
        ForgetReferences();
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

    public int IdSpace => Math.Max(_tokenCount, _ngramCount);

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

    internal readonly record struct Segment(int Start, int Length);
}
