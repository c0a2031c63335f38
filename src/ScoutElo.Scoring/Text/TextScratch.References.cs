namespace ScoutElo.Scoring.Text;

// A BLEU reference set kept interned between calls (issue 25): every system's output for one source is scored against the
// same references, so their tokens, n-grams and per-n-gram maximum counts are built once and the scratch rolls back to
// that point for the next hypothesis instead of interning the references again.
internal sealed partial class TextScratch
{
    private string[]? _refKey;
    private int _refTokenizer;
    private Segment[] _refSegments = [];
    private (int Tokens, int Ngrams, int Chars, int Ids) _checkpoint;
    private int[] _maxTokens = new int[1024]; // order 1: largest count in one reference, by token id
    private int[] _maxNgrams = new int[1024]; // orders 2+: by n-gram id (the key holds the order, so orders never share ids)

    /// <summary>The thread's scratch without resetting it (for <see cref="TryResume"/>); hand it back with <see cref="Return"/>.</summary>
    public static TextScratch RentKeeping()
    {
        var s = s_cached ?? new TextScratch();
        s_cached = null;
        return s;
    }

    /// <summary>When the scratch still holds exactly these references (same texts, same tokenizer), rolls back to the point
    /// after them and returns their segments; otherwise resets the scratch and returns false.</summary>
    public bool TryResume(IReadOnlyList<string> references, int tokenizer, out Segment[] segments)
    {
        segments = _refSegments;
        if (_refKey is { } key && _refTokenizer == tokenizer && key.Length == references.Count)
        {
            bool same = true;
            for (int i = 0; i < key.Length && same; i++) same = string.Equals(key[i], references[i], StringComparison.Ordinal);
            if (same)
            {
                RollBack();
                return true;
            }
        }
        Reset();
        return false;
    }

    /// <summary>Marks the current state (the references interned, their maxima accumulated) as the point to resume from.</summary>
    public void KeepReferences(IReadOnlyList<string> references, int tokenizer, Segment[] segments)
    {
        _refKey = [.. references];
        _refTokenizer = tokenizer;
        _refSegments = segments;
        _checkpoint = (_tokenCount, _ngramCount, _charLength, _idLength);
    }

    /// <summary>Raises the kept maxima with one reference's n-gram ids of one order.</summary>
    public void AccumulateMaxima(ReadOnlySpan<int> ids, bool tokens)
    {
        EnsureCounts(IdSpace);
        ref int[] max = ref tokens ? ref _maxTokens : ref _maxNgrams;
        if (max.Length < IdSpace) Array.Resize(ref max, Math.Max(IdSpace, max.Length * 2));
        var counts = _counts;
        foreach (int id in ids) counts[id]++;
        foreach (int id in ids)
        {
            if (counts[id] > max[id]) max[id] = counts[id];
        }
        foreach (int id in ids) counts[id] = 0;
    }

    /// <summary>BLEU's clipped matches of a hypothesis' n-grams of one order against the kept maxima; leaves counts zeroed.</summary>
    public long MatchesAgainstMaxima(ReadOnlySpan<int> ids, bool tokens)
    {
        EnsureCounts(IdSpace);
        var max = tokens ? _maxTokens : _maxNgrams;
        int known = tokens ? _checkpoint.Tokens : _checkpoint.Ngrams; // ids past the references' never occur in them
        var counts = _counts;
        foreach (int id in ids) counts[id]++;
        long matches = 0;
        foreach (int id in ids)
        {
            int c = counts[id];
            if (c == 0) continue;
            if (id < known) matches += Math.Min(c, max[id]);
            counts[id] = 0;
        }
        return matches;
    }

    /// <summary>Forgets everything interned after the checkpoint. Linear probing stays valid: only the most recent entries
    /// go, and no earlier entry's probe chain passes through a later one (both rehashes insert in id order).</summary>
    private void RollBack()
    {
        var (tokens, ngrams, chars, ids) = _checkpoint;
        for (int id = tokens; id < _tokenCount; id++) _slots[_tokSlot[id]] = 0;
        for (int id = ngrams; id < _ngramCount; id++) _pairSlots[_pairSlotOf[id]] = 0;
        for (int c = 0; c < _asciiId.Length; c++)
        {
            if (_asciiId[c] > tokens) _asciiId[c] = 0;
        }
        _tokenCount = tokens;
        _ngramCount = ngrams;
        _charLength = chars;
        _idLength = ids;
    }

    /// <summary>Drops a kept reference set (called by <see cref="Reset"/>): its maxima back to zero.</summary>
    private void ForgetReferences()
    {
        if (_refKey is null) return;
        Array.Clear(_maxTokens, 0, Math.Min(_checkpoint.Tokens, _maxTokens.Length));
        Array.Clear(_maxNgrams, 0, Math.Min(_checkpoint.Ngrams, _maxNgrams.Length));
        _refKey = null;
        _refSegments = [];
    }
}
