namespace ScoutElo.Scoring.Text;

/// <summary>Internal text features shared by the dimensions, computed over interned token ids.</summary>
internal static class TextFeatures
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "about", "as", "into", "from",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "it", "its", "this", "that",
        "these", "those", "i", "you", "he", "she", "we", "they", "me", "him", "her", "us", "them", "my", "your", "his", "our", "their",
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "not", "no", "so", "than", "too", "very", "can", "will",
        "just", "should", "would", "could", "there", "here", "s", "t", "don", "also", "up", "out", "then", "all", "any", "some", "more",
        "most", "such", "only", "own", "same", "other", "over", "after", "before", "again", "once", "n", "ll", "re", "ve", "d", "m",
    };

    /// <summary>Number of word tokens (Unicode tokenizer), counted without interning or allocation.</summary>
    public static int WordCount(string text)
    {
        var counter = new CountingSink();
        WordTokenizer.ForEachToken(text, WordTokenizerMode.Unicode, false, counter);
        return counter.Count;
    }

    private sealed class CountingSink : ITokenSink
    {
        public int Count;

        public void OnToken(ReadOnlySpan<char> token, bool stem) => Count++;
    }

    /// <summary>Lower-cased content words (stop words removed), as a set.</summary>
    public static HashSet<string> ContentWords(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in WordTokenizer.Unicode.Tokenize(text))
        {
            if (!StopWords.Contains(t)) set.Add(t);
        }
        return set;
    }

    /// <summary>Extractive fragment coverage and density of a summary against its source (Grusky et al., NAACL 2018).</summary>
    /// <remarks>Greedy fragments: for each summary position take the longest shared token run starting there in the
    /// source; coverage = Σ|f| / |S|, density = Σ|f|² / |S|. Returns (0, 0) for an empty summary.</remarks>
    public static (double Coverage, double Density) ExtractiveFragments(string source, string summary)
    {
        var s = TextScratch.Rent();
        try
        {
            var aSeg = s.Tokenize(source, WordTokenizerMode.Unicode, stem: false);
            var sSeg = s.Tokenize(summary, WordTokenizerMode.Unicode, stem: false);
            var a = s.Ids(aSeg);
            var sum = s.Ids(sSeg);
            if (sum.Length == 0) return (0, 0);
            // Occurrence lists as arrays: head[id] = last position of id in the source, next[pos] = previous one.
            var pool = System.Buffers.ArrayPool<int>.Shared;
            int[] head = pool.Rent(s.TokenCount), next = pool.Rent(Math.Max(a.Length, 1));
            try
            {
                head.AsSpan(0, s.TokenCount).Fill(-1);
                for (int j = 0; j < a.Length; j++)
                {
                    next[j] = head[a[j]];
                    head[a[j]] = j;
                }
                long covered = 0, squared = 0;
                int i = 0;
                while (i < sum.Length)
                {
                    int best = 0;
                    for (int j0 = head[sum[i]]; j0 >= 0; j0 = next[j0])
                    {
                        int k = 0;
                        while (i + k < sum.Length && j0 + k < a.Length && sum[i + k] == a[j0 + k]) k++;
                        if (k > best) best = k;
                    }
                    covered += best;
                    squared += (long)best * best;
                    i += Math.Max(best, 1);
                }
                return ((double)covered / sum.Length, (double)squared / sum.Length);
            }
            finally
            {
                pool.Return(head);
                pool.Return(next);
            }
        }
        finally
        {
            TextScratch.Return(s);
        }
    }
}
