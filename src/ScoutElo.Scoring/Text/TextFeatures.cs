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

    /// <summary>Content precision of a response against its source: the mean of the unigram and bigram precision of the
    /// response's Porter-stemmed Unicode tokens against the source's (clipped counts, as ROUGE-n precision with the source as
    /// the reference). A response with a single token is judged on unigrams alone. Returns 0 for an empty response.</summary>
    public static double SourcePrecision(string source, string response, string? extraSource = null)
    {
        var s = TextScratch.Rent();
        try
        {
            var first = s.Tokenize(source, WordTokenizerMode.Unicode, stem: true);
            // The extra source (the query) directly follows in the id buffer, so one segment covers both without concatenating
            // strings; the single bigram across the seam is harmless.
            var src = extraSource is null ? first : new TextScratch.Segment(first.Start, first.Length + s.Tokenize(extraSource, WordTokenizerMode.Unicode, stem: true).Length);
            var res = s.Tokenize(response, WordTokenizerMode.Unicode, stem: true);
            if (res.Length == 0) return 0;
            double p1 = (double)s.Overlap(s.Ids(src), s.Ids(res)) / res.Length;
            if (res.Length < 2) return p1;
            int srcCount = s.NgramIds(src, 2, 0);
            int resCount = s.NgramIds(res, 2, srcCount);
            double p2 = (double)s.Overlap(s.NgramBuffer(0, srcCount), s.NgramBuffer(srcCount, resCount)) / resCount;
            return (p1 + p2) / 2;
        }
        finally
        {
            TextScratch.Return(s);
        }
    }

    /// <summary>Salient-content recall of a response against its source.</summary>
    /// <remarks>Each distinct content word of the source (Porter-stemmed; stop words and tokens without a letter or digit
    /// left out) gets the salience <c>Σ over its occurrences at token position i of 1/√(1 + i/20)</c>: frequent words and
    /// words near the start weigh more (news leads, grounding facts stated first). The result is the salience share of the
    /// <paramref name="topK"/> most salient words (ties by first occurrence) that the response mentions. Returns null when
    /// the source has no content word.</remarks>
    public static double? SalientRecall(string source, string response, int topK)
    {
        var s = TextScratch.Rent();
        var doublePool = System.Buffers.ArrayPool<double>.Shared;
        var intPool = System.Buffers.ArrayPool<int>.Shared;
        var bytePool = System.Buffers.ArrayPool<byte>.Shared;
        double[]? weight = null;
        int[]? first = null, distinct = null;
        byte[]? state = null;
        try
        {
            // One stemmed pass; the content-word test runs once per distinct token (0 = unknown, 1 = content, 2 = not),
            // against the stop words in both surface and stemmed form.
            var stemmed = s.Tokenize(source, WordTokenizerMode.Unicode, stem: true);
            var res = s.Tokenize(response, WordTokenizerMode.Unicode, stem: true);
            int space = s.TokenCount;
            weight = doublePool.Rent(space);
            first = intPool.Rent(space);
            state = bytePool.Rent(space);
            distinct = intPool.Rent(Math.Max(stemmed.Length, 1));
            weight.AsSpan(0, space).Clear();
            state.AsSpan(0, space).Clear();
            int count = 0;
            var ids = s.Ids(stemmed);
            for (int i = 0; i < ids.Length; i++)
            {
                int id = ids[i];
                if (state[id] == 0) state[id] = IsContentWord(s.TokenText(id)) ? (byte)1 : (byte)2;
                if (state[id] != 1) continue;
                if (weight[id] == 0)
                {
                    first[id] = i;
                    distinct[count++] = id;
                }
                weight[id] += 1.0 / Math.Sqrt(1 + (i / 20.0));
            }
            if (count == 0) return null;
            foreach (int id in s.Ids(res)) state[id] = 3; // 3 = mentioned by the response
            // Top K by salience (ties by first occurrence): K is small, so a partial selection beats a full sort.
            int k = Math.Min(topK, count);
            double total = 0, hit = 0;
            for (int r = 0; r < k; r++)
            {
                int best = r;
                for (int j = r + 1; j < count; j++)
                {
                    int x = distinct[j], y = distinct[best];
                    if (weight[x] > weight[y] || (weight[x] == weight[y] && first[x] < first[y])) best = j;
                }
                (distinct[r], distinct[best]) = (distinct[best], distinct[r]);
                int id = distinct[r];
                total += weight[id];
                if (state[id] == 3) hit += weight[id];
            }
            return hit / total;
        }
        finally
        {
            if (weight is not null) doublePool.Return(weight);
            if (first is not null) intPool.Return(first);
            if (distinct is not null) intPool.Return(distinct);
            if (state is not null) bytePool.Return(state);
            TextScratch.Return(s);
        }
    }


    /// <summary>The stop words after Porter stemming ("this" → "thi"), so a stemmed token can be tested directly.</summary>
    private static readonly HashSet<string> StemmedStopWords = new(StopWords.Select(PorterStemmer.Stem).Concat(StopWords), StringComparer.Ordinal);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StemmedStopWordLookup = StemmedStopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool IsContentWord(ReadOnlySpan<char> token)
    {
        if (StemmedStopWordLookup.Contains(token)) return false;
        foreach (char c in token)
        {
            if (char.IsLetterOrDigit(c)) return true;
        }
        return false;
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
