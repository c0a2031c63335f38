namespace ScoutElo.Scoring.Text;

public static partial class TextMetrics
{
    /// <summary>SQuAD v1.1 exact match: the normalized prediction equals the normalized gold answer.</summary>
    /// <param name="prediction">The predicted answer.</param>
    /// <param name="gold">The gold answer.</param>
    /// <returns><see langword="true"/> when the normalized token sequences are equal.</returns>
    /// <remarks>Normalization as the official script: lower-case, drop ASCII punctuation, drop the articles a/an/the
    /// (as whole words), collapse whitespace.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static bool SquadExactMatch(string prediction, string gold)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(gold);
        var s = TextScratch.Rent();
        try
        {
            var p = SquadTokens(s, prediction);
            var g = SquadTokens(s, gold);
            return s.Ids(p).SequenceEqual(s.Ids(g));
        }
        finally
        {
            TextScratch.Return(s);
        }
    }

    /// <summary>SQuAD exact match against several gold answers: true when any matches.</summary>
    /// <param name="prediction">The predicted answer.</param>
    /// <param name="golds">The gold answers; at least one.</param>
    /// <returns><see langword="true"/> when the prediction matches some gold answer.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="golds"/> is empty or holds a null.</exception>
    public static bool SquadExactMatch(string prediction, IReadOnlyList<string> golds)
    {
        CheckGolds(prediction, golds);
        foreach (var g in golds)
        {
            if (SquadExactMatch(prediction, g)) return true;
        }
        return false;
    }

    /// <summary>SQuAD token F1 between a prediction and a gold answer, in [0, 1].</summary>
    /// <param name="prediction">The predicted answer.</param>
    /// <param name="gold">The gold answer.</param>
    /// <returns>Harmonic mean of precision and recall over the bags of normalized tokens; 0 when nothing overlaps. When
    /// either side normalizes to no token, 1 if both do and 0 otherwise (the SQuAD v2.0 rule; v1.1 divides by zero there).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static double SquadF1(string prediction, string gold)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(gold);
        var s = TextScratch.Rent();
        try
        {
            var p = SquadTokens(s, prediction);
            var g = SquadTokens(s, gold);
            return SquadF1Core(s, p, g);
        }
        finally
        {
            TextScratch.Return(s);
        }
    }

    /// <summary>SQuAD token F1 against several gold answers: the maximum over them.</summary>
    /// <param name="prediction">The predicted answer.</param>
    /// <param name="golds">The gold answers; at least one.</param>
    /// <returns>The best F1 in [0, 1].</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="golds"/> is empty or holds a null.</exception>
    public static double SquadF1(string prediction, IReadOnlyList<string> golds)
    {
        CheckGolds(prediction, golds);
        var s = TextScratch.Rent();
        try
        {
            var p = SquadTokens(s, prediction);
            double best = 0;
            for (int i = 0; i < golds.Count; i++) best = Math.Max(best, SquadF1Core(s, p, SquadTokens(s, golds[i])));
            return best;
        }
        finally
        {
            TextScratch.Return(s);
        }
    }

    /// <summary>Answer containment: the normalized gold answer occurs as a contiguous token run inside the normalized prediction.</summary>
    /// <param name="prediction">The response.</param>
    /// <param name="gold">The gold answer.</param>
    /// <returns><see langword="true"/> when the gold tokens appear in order and adjacent in the prediction; <see langword="false"/>
    /// when the gold answer normalizes to no token.</returns>
    /// <remarks>Uses the SQuAD normalization, so "The first prize went to Wilhelm Röntgen." contains "Wilhelm Röntgen".</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static bool SquadContains(string prediction, string gold)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(gold);
        var s = TextScratch.Rent();
        try
        {
            var p = s.Ids(SquadTokens(s, prediction));
            var g = s.Ids(SquadTokens(s, gold));
            return g.Length > 0 && p.IndexOf(g) >= 0;
        }
        finally
        {
            TextScratch.Return(s);
        }
    }

    private static double SquadF1Core(TextScratch s, TextScratch.Segment p, TextScratch.Segment g)
    {
        if (p.Length == 0 || g.Length == 0) return p.Length == g.Length ? 1.0 : 0.0;
        int same = s.Overlap(s.Ids(g), s.Ids(p));
        if (same == 0) return 0.0;
        double precision = (double)same / p.Length;
        double recall = (double)same / g.Length;
        return 2 * precision * recall / (precision + recall);
    }

    private static void CheckGolds(string prediction, IReadOnlyList<string> golds)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        CheckReferences(golds, nameof(golds));
        if (golds.Count == 0) throw new ArgumentException("At least one gold answer is required.", nameof(golds));
    }

    /// <summary>SQuAD normalization into interned tokens: lower, drop ASCII punctuation, drop whole-word articles, split on whitespace.</summary>
    private static TextScratch.Segment SquadTokens(TextScratch s, string text)
    {
        int start = s.IdLength;
        var norm = new TokenBuffer(stackalloc char[256]);
        try
        {
            foreach (char c in text)
            {
                if (c < 128 && IsAsciiPunctuation(c)) continue;
                norm.Append(char.ToLowerInvariant(c));
            }
            var span = norm.Span[..norm.Length];
            int i = 0;
            int pieceStart = -1;
            while (i < span.Length)
            {
                char c = span[i];
                if (IsPythonWhitespace(c)) // Python str.split(), as the official script splits
                {
                    EmitPiece(s, span, ref pieceStart, i);
                    i++;
                    continue;
                }
                if (IsWordChar(c))
                {
                    int j = i;
                    while (j < span.Length && IsWordChar(span[j])) j++;
                    var word = span[i..j];
                    if (word is "a" or "an" or "the")
                    {
                        EmitPiece(s, span, ref pieceStart, i); // the article becomes a space
                    }
                    else if (pieceStart < 0)
                    {
                        pieceStart = i;
                    }
                    i = j;
                    continue;
                }
                if (pieceStart < 0) pieceStart = i;
                i++;
            }
            EmitPiece(s, span, ref pieceStart, span.Length);
        }
        finally
        {
            norm.Dispose();
        }
        return new TextScratch.Segment(start, s.IdLength - start);
    }

    private static void EmitPiece(TextScratch s, ReadOnlySpan<char> span, ref int pieceStart, int end)
    {
        if (pieceStart >= 0 && end > pieceStart) s.OnToken(span[pieceStart..end]);
        pieceStart = -1;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsAsciiPunctuation(char c) => c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');
}

public static partial class TextMetrics
{
    /// <summary>SQuAD-normalized token recall of a gold answer inside a prediction, max over gold answers, in [0, 1].</summary>
    /// <param name="prediction">The response.</param>
    /// <param name="golds">The gold answers; at least one.</param>
    /// <returns>max over golds of |gold ∩ prediction| / |gold| (multiset); containment of a gold answer gives 1. Golds that
    /// normalize to no token are skipped; 0 when none is left.</returns>
    /// <remarks>This is the "answer recall" used for long-form answers: a correct sentence that contains the short gold
    /// answer scores 1, where token F1 would punish its length.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="golds"/> is empty or holds a null.</exception>
    public static double SquadRecall(string prediction, IReadOnlyList<string> golds)
    {
        CheckGolds(prediction, golds);
        var s = TextScratch.Rent();
        try
        {
            var p = SquadTokens(s, prediction);
            double best = 0;
            for (int i = 0; i < golds.Count; i++)
            {
                var g = SquadTokens(s, golds[i]);
                if (g.Length == 0) continue;
                best = Math.Max(best, (double)s.Overlap(s.Ids(g), s.Ids(p)) / g.Length);
            }
            return best;
        }
        finally
        {
            TextScratch.Return(s);
        }
    }
}
