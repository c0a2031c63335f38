using System.Text;

namespace ScoutElo.Scoring.Text;

public static partial class TextMetrics
{
    /// <summary>chrF / chrF++ as sacreBLEU computes it for one segment; 0..100.</summary>
    /// <param name="hypothesis">The system output.</param>
    /// <param name="references">One or more references; the one with the best F-score is used (first on ties).</param>
    /// <param name="charOrder">Character n-gram order (sacreBLEU default 6), at least 1.</param>
    /// <param name="wordOrder">Word n-gram order: 0 for chrF, 2 for chrF++; non-negative.</param>
    /// <param name="beta">Recall weight β (default 2); finite and positive.</param>
    /// <param name="epsSmoothing">sacreBLEU's <c>eps_smoothing</c>: average the per-order F-scores over all orders (with ε for empty
    /// orders) instead of the default effective-order average of precision and recall.</param>
    /// <returns>The chrF score in [0, 100]. Character n-grams are taken over Unicode code points with all whitespace removed;
    /// words are whitespace tokens with one leading or trailing ASCII punctuation mark split off, as sacreBLEU does.</returns>
    /// <exception cref="ArgumentNullException">An argument or element is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="references"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An order or <paramref name="beta"/> is out of range.</exception>
    public static double ChrF(string hypothesis, IReadOnlyList<string> references, int charOrder = 6, int wordOrder = 0, double beta = 2, bool epsSmoothing = false)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        CheckReferences(references, nameof(references));
        if (references.Count == 0) throw new ArgumentException("At least one reference is required.", nameof(references));
        CheckN(charOrder, nameof(charOrder));
        if (wordOrder < 0) throw new ArgumentOutOfRangeException(nameof(wordOrder), wordOrder, "Must be non-negative.");
        if (!double.IsFinite(beta) || beta <= 0) throw new ArgumentOutOfRangeException(nameof(beta), beta, "Must be finite and positive.");

        int orders = charOrder + wordOrder;
        var s = TextScratch.Rent();
        try
        {
            // The hypothesis' n-grams of every order are computed once and reused for each reference.
            var hypChars = CharIds(s, hypothesis);
            int hypCharTotal = s.NgramLevels(hypChars, charOrder, ref s.HypLevels, 0);
            int hypWordTotal = 0;
            var hypWords = default(TextScratch.Segment);
            if (wordOrder > 0)
            {
                hypWords = ChrFWords(s, hypothesis);
                hypWordTotal = s.NgramLevels(hypWords, wordOrder, ref s.HypLevels, hypCharTotal);
            }
            Span<long> stats = stackalloc long[3 * orders];
            double best = -1;
            for (int r = 0; r < references.Count; r++)
            {
                stats.Clear();
                var refChars = CharIds(s, references[r]);
                int refCharTotal = s.NgramLevels(refChars, charOrder, ref s.RefLevels, 0);
                LevelStats(s, s.HypLevels.AsSpan(0, hypCharTotal), hypChars.Length, s.RefLevels.AsSpan(0, refCharTotal), refChars.Length, charOrder, stats);
                if (wordOrder > 0)
                {
                    var refWords = ChrFWords(s, references[r]);
                    int refWordTotal = s.NgramLevels(refWords, wordOrder, ref s.RefLevels, refCharTotal);
                    LevelStats(s, s.HypLevels.AsSpan(hypCharTotal, hypWordTotal), hypWords.Length, s.RefLevels.AsSpan(refCharTotal, refWordTotal), refWords.Length, wordOrder, stats[(3 * charOrder)..]);
                }
                double f = ChrFScore(stats, orders, beta, epsSmoothing);
                if (f > best) best = f;
            }
            return best;
        }
        finally
        {
            TextScratch.Return(s);
        }
    }

    /// <summary>Per-order (hypothesis count, reference count, matches) from n-gram levels laid out by <see cref="TextScratch.NgramLevels"/>.</summary>
    private static void LevelStats(TextScratch s, ReadOnlySpan<int> hyp, int hypLen, ReadOnlySpan<int> reference, int refLen, int order, Span<long> stats)
    {
        int hAt = 0, rAt = 0;
        for (int n = 1; n <= order; n++)
        {
            int hc = Math.Max(hypLen - n + 1, 0), rc = Math.Max(refLen - n + 1, 0);
            int match = hc == 0 || rc == 0 ? 0 : s.Overlap(reference.Slice(rAt, rc), hyp.Slice(hAt, hc));
            stats[3 * (n - 1)] = hc;
            stats[(3 * (n - 1)) + 1] = rc;
            stats[(3 * (n - 1)) + 2] = match;
            hAt += hc;
            rAt += rc;
        }
    }

    private static double ChrFScore(ReadOnlySpan<long> stats, int orders, double beta, bool epsSmoothing)
    {
        const double Eps = 1e-16;
        double factor = beta * beta;
        double score = 0, avgPrec = 0, avgRec = 0;
        int effective = 0;
        for (int i = 0; i < orders; i++)
        {
            long nHyp = stats[3 * i], nRef = stats[(3 * i) + 1], nMatch = stats[(3 * i) + 2];
            double prec = nHyp > 0 ? (double)nMatch / nHyp : Eps;
            double rec = nRef > 0 ? (double)nMatch / nRef : Eps;
            double denom = (factor * prec) + rec;
            score += denom > 0 ? (1 + factor) * prec * rec / denom : Eps;
            if (nHyp > 0 && nRef > 0)
            {
                avgPrec += prec;
                avgRec += rec;
                effective++;
            }
        }
        if (epsSmoothing) return 100 * score / orders;
        if (effective == 0) return 0.0;
        avgPrec /= effective;
        avgRec /= effective;
        if (avgPrec + avgRec == 0) return 0.0;
        return 100 * (1 + factor) * avgPrec * avgRec / ((factor * avgPrec) + avgRec);
    }

    private static TextScratch.Segment CharIds(TextScratch s, string text)
    {
        int start = s.IdLength;
        Span<char> buf = stackalloc char[2];
        int i = 0;
        while (i < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out Rune r, out int consumed);
            i += Math.Max(consumed, 1);
            if (r.IsBmp && IsPythonWhitespace((char)r.Value)) continue; // sacreBLEU removes what Python's str.split() splits on
            if (r.IsBmp)
            {
                s.AppendId(s.InternChar((char)r.Value));
                continue;
            }
            int w = r.EncodeToUtf16(buf);
            s.OnToken(buf[..w]);
        }
        return new TextScratch.Segment(start, s.IdLength - start);
    }

    /// <summary>Python's <c>str.isspace</c>: .NET's white space plus the information separators U+001C..U+001F.</summary>
    private static bool IsPythonWhitespace(char c) =>
        c < 128 ? c is ' ' or (>= '\t' and <= '\r') or (>= '\x1c' and <= '\x1f') : PythonSpaces.Contains(c);

    private static TextScratch.Segment ChrFWords(TextScratch s, string text)
    {
        int start = s.IdLength;
        for (int pos = 0; NextWord(text, ref pos, out var range);)
        {
            var w = text.AsSpan(range);
            if (w.Length == 1) s.OnToken(w);
            else if (w[^1] < 128 && IsAsciiPunctuation(w[^1]))
            {
                s.OnToken(w[..^1]);
                s.OnToken(w[^1..]);
            }
            else if (w[0] < 128 && IsAsciiPunctuation(w[0]))
            {
                s.OnToken(w[..1]);
                s.OnToken(w[1..]);
            }
            else s.OnToken(w);
        }
        return new TextScratch.Segment(start, s.IdLength - start);
    }
}
