namespace ScoutElo.Scoring.Text;

/// <summary>Splits text into sentences with simple, documented rules (no language model).</summary>
/// <remarks>
/// <para>A sentence ends at a newline, or at <c>.</c>, <c>!</c>, <c>?</c>, <c>…</c> or an ideographic full stop <c>。！？</c>
/// (optionally followed by closing quotes or brackets) when whitespace or the end of text follows — except after a
/// single capital letter (initials) or a common English abbreviation (Mr, Mrs, Dr, St, vs, etc, e.g, i.e, U.S), or when the
/// next word on the line starts in lower case (<c>"Was it raining?" she asked.</c> is one sentence).
/// Ideographic terminators end a sentence without needing whitespace. Sentences are trimmed; empty ones are dropped.</para>
/// <para>This splitter is ScoutElo's own rule set, good enough for length bands and summary-level ROUGE on model output;
/// it is not NLTK's Punkt. Thread-safe (stateless).</para>
/// </remarks>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "inc", "ltd", "co", "no", "fig", "al",
    };

    /// <summary>Splits <paramref name="text"/> into sentences.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The trimmed, non-empty sentences in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n')
            {
                Add(result, text, start, i);
                start = i + 1;
                continue;
            }
            bool ideographic = c is '。' or '！' or '？';
            if (!ideographic && c is not ('.' or '!' or '?' or '…')) continue;
            int end = i + 1;
            while (end < text.Length && text[end] is '"' or '\'' or ')' or ']' or '”' or '’' or '»' or '.' or '!' or '?') end++;
            bool boundary = ideographic || end == text.Length || char.IsWhiteSpace(text[end]);
            if (!boundary) continue;
            if (c == '.' && IsAbbreviation(text, start, i)) continue;
            if (!ideographic && NextStartsLowercase(text, end)) continue; // "?" she asked. — the sentence goes on
            Add(result, text, start, end);
            start = end;
            i = end - 1;
        }
        Add(result, text, start, text.Length);
        return result;
    }

    private static bool NextStartsLowercase(string text, int from)
    {
        int k = from;
        while (k < text.Length && text[k] is ' ' or '\t') k++;
        return k < text.Length && char.IsLower(text[k]);
    }

    private static bool IsAbbreviation(string text, int start, int dot)
    {
        int j = dot;
        while (j > start && !char.IsWhiteSpace(text[j - 1])) j--;
        var word = text.AsSpan(j, dot - j).TrimStart("\"'([“‘");
        if (word.Length == 1 && char.IsUpper(word[0])) return true;
        return word.Length > 0 && Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
    }

    private static void Add(List<string> result, string text, int start, int end)
    {
        var s = text.AsSpan(start, end - start).Trim();
        if (s.Length > 0) result.Add(s.ToString());
    }
}
