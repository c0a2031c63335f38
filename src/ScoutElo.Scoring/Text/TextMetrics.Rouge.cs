namespace ScoutElo.Scoring.Text;

public static partial class TextMetrics
{
    /// <summary>ROUGE-N: n-gram overlap between a target (reference) and a prediction, as defined by rouge-score.</summary>
    /// <param name="target">The reference text.</param>
    /// <param name="prediction">The text being scored.</param>
    /// <param name="n">The n-gram order, at least 1.</param>
    /// <param name="useStemmer">Porter-stem tokens longer than 3 characters.</param>
    /// <returns>P = overlap / prediction n-grams, R = overlap / target n-grams (denominators floored at 1), F = harmonic mean.
    /// Overlap is the multiset intersection size. All zeros when either side has no n-gram.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> or <paramref name="prediction"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static PrecisionRecallF RougeN(string target, string prediction, int n, bool useStemmer = false) =>
        RougeN(target, prediction, n, WordTokenizer.Get(WordTokenizerMode.Unicode, useStemmer));

    /// <summary>ROUGE-N with an explicit tokenizer (use <see cref="WordTokenizer.RougeScore"/> for exact rouge-score tokenization).</summary>
    /// <param name="target">The reference text.</param>
    /// <param name="prediction">The text being scored.</param>
    /// <param name="n">The n-gram order, at least 1.</param>
    /// <param name="tokenizer">The tokenizer.</param>
    /// <returns>See <see cref="RougeN(string, string, int, bool)"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static PrecisionRecallF RougeN(string target, string prediction, int n, ITokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(tokenizer);
        CheckN(n);
        var s = TextScratch.Rent();
        try
        {
            var t = Tokenize(s, target, tokenizer);
            var p = Tokenize(s, prediction, tokenizer);
            return RougeNCore(s, t, p, n);
        }
        finally
        {
            TextScratch.Return(s);
        }
    }

    /// <summary>ROUGE-N against several references: the score of the reference with the highest F (first on ties), as rouge-score's <c>score_multi</c>.</summary>
    /// <param name="targets">The references; at least one.</param>
    /// <param name="prediction">The text being scored.</param>
    /// <param name="n">The n-gram order, at least 1.</param>
    /// <param name="useStemmer">Porter-stem tokens longer than 3 characters.</param>
    /// <returns>The best reference's precision, recall and F.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="targets"/> is empty or holds a null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static PrecisionRecallF RougeN(IReadOnlyList<string> targets, string prediction, int n, bool useStemmer = false) =>
        RougeNBest(targets, prediction, n, useStemmer, out _);

    /// <summary>ROUGE-N max over references, also returning the index of the best reference (first on ties).</summary>
    internal static PrecisionRecallF RougeNBest(IReadOnlyList<string> targets, string prediction, int n, bool useStemmer, out int bestIndex)
    {
        CheckTargets(targets, prediction);
        CheckN(n);
        bestIndex = 0;
        var tok = WordTokenizer.Get(WordTokenizerMode.Unicode, useStemmer);
        var s = TextScratch.Rent();
        try
        {
            var p = Tokenize(s, prediction, tok);
            var best = new PrecisionRecallF(0, 0, -1);
            for (int i = 0; i < targets.Count; i++)
            {
                var r = RougeNCore(s, Tokenize(s, targets[i], tok), p, n);
                if (r.F > best.F)
                {
                    best = r;
                    bestIndex = i;
                }
            }
            return best;
        }
        finally
        {
            TextScratch.Return(s);
        }
    }

    private static PrecisionRecallF RougeNCore(TextScratch s, TextScratch.Segment target, TextScratch.Segment prediction, int n)
    {
        int tCount = s.NgramIds(target, n, 0);
        int pCount = s.NgramIds(prediction, n, tCount);
        int overlap = s.Overlap(s.NgramBuffer(0, tCount), s.NgramBuffer(tCount, pCount));
        return PrecisionRecallF.FromCounts(overlap, pCount, tCount);
    }

    /// <summary>ROUGE-L: longest common subsequence of tokens, as defined by rouge-score.</summary>
    /// <param name="target">The reference text.</param>
    /// <param name="prediction">The text being scored.</param>
    /// <param name="useStemmer">Porter-stem tokens longer than 3 characters.</param>
    /// <returns>P = LCS / prediction tokens, R = LCS / target tokens, F = harmonic mean; all zeros when either side has no token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> or <paramref name="prediction"/> is null.</exception>
    public static PrecisionRecallF RougeL(string target, string prediction, bool useStemmer = false) =>
        RougeL(target, prediction, WordTokenizer.Get(WordTokenizerMode.Unicode, useStemmer));

    /// <summary>ROUGE-L with an explicit tokenizer.</summary>
    /// <param name="target">The reference text.</param>
    /// <param name="prediction">The text being scored.</param>
    /// <param name="tokenizer">The tokenizer.</param>
    /// <returns>See <see cref="RougeL(string, string, bool)"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static PrecisionRecallF RougeL(string target, string prediction, ITokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var s = TextScratch.Rent();
        try
        {
            var t = Tokenize(s, target, tokenizer);
            var p = Tokenize(s, prediction, tokenizer);
            return RougeLCore(s, t, p);
        }
        finally
        {
            TextScratch.Return(s);
        }
    }

    /// <summary>ROUGE-L against several references: the reference with the highest F (first on ties).</summary>
    /// <param name="targets">The references; at least one.</param>
    /// <param name="prediction">The text being scored.</param>
    /// <param name="useStemmer">Porter-stem tokens longer than 3 characters.</param>
    /// <returns>The best reference's precision, recall and F.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="targets"/> is empty or holds a null.</exception>
    public static PrecisionRecallF RougeL(IReadOnlyList<string> targets, string prediction, bool useStemmer = false)
    {
        CheckTargets(targets, prediction);
        var tok = WordTokenizer.Get(WordTokenizerMode.Unicode, useStemmer);
        var s = TextScratch.Rent();
        try
        {
            var p = Tokenize(s, prediction, tok);
            var best = new PrecisionRecallF(0, 0, -1);
            for (int i = 0; i < targets.Count; i++)
            {
                var r = RougeLCore(s, Tokenize(s, targets[i], tok), p);
                if (r.F > best.F) best = r;
            }
            return best;
        }
        finally
        {
            TextScratch.Return(s);
        }
    }

    private static PrecisionRecallF RougeLCore(TextScratch s, TextScratch.Segment target, TextScratch.Segment prediction)
    {
        if (target.Length == 0 || prediction.Length == 0) return PrecisionRecallF.Zero;
        // The bit-parallel kernel puts the shorter sequence in the bit masks.
        int lcs = prediction.Length <= target.Length
            ? s.LcsLength(s.Ids(prediction), s.Ids(target))
            : s.LcsLength(s.Ids(target), s.Ids(prediction));
        return PrecisionRecallF.FromCounts(lcs, prediction.Length, target.Length);
    }

    /// <summary>ROUGE-Lsum: summary-level LCS over newline-separated sentences, as defined by rouge-score.</summary>
    /// <param name="target">The reference summary, one sentence per line.</param>
    /// <param name="prediction">The summary being scored, one sentence per line.</param>
    /// <param name="useStemmer">Porter-stem tokens longer than 3 characters.</param>
    /// <returns>For each reference sentence, the union of its LCS token positions with every prediction sentence is counted
    /// (each token at most as often as it occurs on both sides); P = hits / prediction tokens, R = hits / target tokens.
    /// All zeros when either side has no token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> or <paramref name="prediction"/> is null.</exception>
    public static PrecisionRecallF RougeLsum(string target, string prediction, bool useStemmer = false)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(prediction);
        var tok = WordTokenizer.Get(WordTokenizerMode.Unicode, useStemmer);
        var s = TextScratch.Rent();
        try
        {
            var refSents = SentencesByLine(s, target, tok);
            var canSents = SentencesByLine(s, prediction, tok);
            int m = 0, n = 0;
            foreach (var r in refSents) m += r.Length;
            foreach (var c in canSents) n += c.Length;
            if (m == 0 || n == 0) return PrecisionRecallF.Zero;

            var refCounts = new Dictionary<int, int>();
            var canCounts = new Dictionary<int, int>();
            foreach (var r in refSents)
            {
                foreach (int id in s.Ids(r)) refCounts[id] = refCounts.GetValueOrDefault(id) + 1;
            }
            foreach (var c in canSents)
            {
                foreach (int id in s.Ids(c)) canCounts[id] = canCounts.GetValueOrDefault(id) + 1;
            }

            int hits = 0;
            var indices = new List<int>();
            var union = new SortedSet<int>();
            foreach (var r in refSents)
            {
                union.Clear();
                var rIds = s.Ids(r).ToArray();
                foreach (var c in canSents)
                {
                    indices.Clear();
                    Lcs.Indices(rIds, s.Ids(c), indices);
                    union.UnionWith(indices);
                }
                foreach (int i in union)
                {
                    int t = rIds[i];
                    if (canCounts.GetValueOrDefault(t) > 0 && refCounts.GetValueOrDefault(t) > 0)
                    {
                        hits++;
                        canCounts[t]--;
                        refCounts[t]--;
                    }
                }
            }
            return PrecisionRecallF.FromCounts(hits, n, m);
        }
        finally
        {
            TextScratch.Return(s);
        }
    }

    private static List<TextScratch.Segment> SentencesByLine(TextScratch s, string text, ITokenizer tok)
    {
        var list = new List<TextScratch.Segment>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0) continue; // rouge-score drops empty lines
            list.Add(Tokenize(s, line, tok));
        }
        return list;
    }

    private static TextScratch.Segment Tokenize(TextScratch s, string text, ITokenizer tokenizer) =>
        tokenizer is WordTokenizer w ? s.Tokenize(text, w.Mode, w.UseStemmer) : s.Tokenize(text, tokenizer);

    private static void CheckTargets(IReadOnlyList<string> targets, string prediction)
    {
        CheckReferences(targets, nameof(targets));
        if (targets.Count == 0) throw new ArgumentException("At least one target is required.", nameof(targets));
        ArgumentNullException.ThrowIfNull(prediction);
    }
}
