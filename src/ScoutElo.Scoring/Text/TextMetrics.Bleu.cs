
namespace ScoutElo.Scoring.Text;

public static partial class TextMetrics
{
    private const int BleuMaxOrder = 4;

    /// <summary>Corpus BLEU with sacreBLEU's defaults: 13a tokenizer, 4-grams, exponential smoothing, case-sensitive; 0..100.</summary>
    /// <param name="hypotheses">The system outputs, one per segment.</param>
    /// <param name="referenceStreams">Reference streams; each holds one reference per segment (same length as the hypotheses).</param>
    /// <returns>BLEU in [0, 100]: brevity penalty × geometric mean of clipped n-gram precisions. 0 when the corpus has no hypothesis token.</returns>
    /// <exception cref="ArgumentNullException">An argument or element is null.</exception>
    /// <exception cref="ArgumentException">No reference stream, or a stream's length differs from the hypotheses'.</exception>
    public static double CorpusBleu(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> referenceStreams) =>
        CorpusBleu(hypotheses, referenceStreams, BleuTokenizer.Tokenizer13a);

    /// <summary>Corpus BLEU with an explicit tokenizer (otherwise sacreBLEU defaults).</summary>
    /// <param name="hypotheses">The system outputs.</param>
    /// <param name="referenceStreams">Reference streams, each aligned with the hypotheses.</param>
    /// <param name="tokenizer">The tokenizer.</param>
    /// <returns>BLEU in [0, 100].</returns>
    /// <exception cref="ArgumentNullException">An argument or element is null.</exception>
    /// <exception cref="ArgumentException">No reference stream, or a stream's length differs from the hypotheses'.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokenizer"/> is not defined.</exception>
    public static double CorpusBleu(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> referenceStreams, BleuTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(referenceStreams);
        CheckBleuTokenizer(tokenizer);
        if (referenceStreams.Count == 0) throw new ArgumentException("At least one reference stream is required.", nameof(referenceStreams));
        for (int k = 0; k < referenceStreams.Count; k++)
        {
            var stream = referenceStreams[k] ?? throw new ArgumentNullException(nameof(referenceStreams), $"Reference stream {k} is null.");
            if (stream.Count != hypotheses.Count)
                throw new ArgumentException($"Reference stream {k} has {stream.Count} segments; the hypotheses have {hypotheses.Count}.", nameof(referenceStreams));
            CheckReferences(stream, nameof(referenceStreams));
        }
        CheckReferences(hypotheses, nameof(hypotheses));

        var stats = new BleuStats();
        var refs = new string[referenceStreams.Count];
        for (int i = 0; i < hypotheses.Count; i++)
        {
            for (int k = 0; k < refs.Length; k++) refs[k] = referenceStreams[k][i];
            AccumulateBleu(hypotheses[i], refs, tokenizer, ref stats);
        }
        return ComputeBleu(stats, effectiveOrder: false);
    }

    /// <summary>Sentence BLEU with sacreBLEU's sentence defaults: 13a tokenizer, exponential smoothing, effective order; 0..100.</summary>
    /// <param name="hypothesis">The system output.</param>
    /// <param name="references">One or more references.</param>
    /// <returns>BLEU in [0, 100]. With effective order, only n-gram orders the hypothesis has are averaged.</returns>
    /// <exception cref="ArgumentNullException">An argument or element is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="references"/> is empty.</exception>
    public static double SentenceBleu(string hypothesis, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        CheckReferences(references, nameof(references));
        if (references.Count == 0) throw new ArgumentException("At least one reference is required.", nameof(references));
        var stats = new BleuStats();
        AccumulateBleu(hypothesis, references, BleuTokenizer.Tokenizer13a, ref stats);
        return ComputeBleu(stats, effectiveOrder: true);
    }

    private static void CheckBleuTokenizer(BleuTokenizer tokenizer)
    {
        if (!Enum.IsDefined(tokenizer)) throw new ArgumentOutOfRangeException(nameof(tokenizer), tokenizer, "Unknown BLEU tokenizer.");
    }

    private struct BleuStats
    {
        public long SysLen;
        public long RefLen;
        public Counts4 Correct;
        public Counts4 Total;
    }

    [System.Runtime.CompilerServices.InlineArray(BleuMaxOrder)]
    private struct Counts4
    {
        private long _e0;
    }

    private static void AccumulateBleu(string hypothesis, IReadOnlyList<string> references, BleuTokenizer tokenizer, ref BleuStats stats)
    {
        // The references first: when the thread's scratch still holds this very set (the previous hypothesis had the same
        // references), their tokens, n-grams and per-n-gram maxima are reused as they are (issue 25).
        var s = TextScratch.RentKeeping();
        try
        {
            if (!s.TryResume(references, (int)tokenizer, out var refSegs))
            {
                refSegs = new TextScratch.Segment[references.Count];
                for (int r = 0; r < refSegs.Length; r++) refSegs[r] = BleuTokens(s, references[r], tokenizer, reference: true);
                foreach (var seg in refSegs)
                {
                    int levels = s.NgramLevels(seg, BleuMaxOrder, ref s.RefLevels, 0);
                    int at = 0;
                    for (int n = 1; n <= BleuMaxOrder && at < levels; n++)
                    {
                        int count = Math.Max(seg.Length - n + 1, 0);
                        s.AccumulateMaxima(s.RefLevels.AsSpan(at, count), tokens: n == 1);
                        at += count;
                    }
                }
                s.KeepReferences(references, (int)tokenizer, refSegs);
            }
            var hyp = BleuTokens(s, hypothesis, tokenizer);
            int hypLen = hyp.Length;
            int closestDiff = int.MaxValue, closestLen = int.MaxValue;
            foreach (var seg in refSegs)
            {
                int diff = Math.Abs(hypLen - seg.Length);
                if (diff < closestDiff || (diff == closestDiff && seg.Length < closestLen))
                {
                    closestDiff = diff;
                    closestLen = seg.Length;
                }
            }
            stats.SysLen += hypLen;
            stats.RefLen += closestLen;
            s.NgramLevels(hyp, BleuMaxOrder, ref s.HypLevels, 0);
            int hypStart = 0;
            for (int n = 1; n <= BleuMaxOrder; n++)
            {
                int hc = Math.Max(hypLen - n + 1, 0);
                stats.Correct[n - 1] += s.MatchesAgainstMaxima(s.HypLevels.AsSpan(hypStart, hc), tokens: n == 1);
                stats.Total[n - 1] += hc;
                hypStart += hc;
            }
        }
        finally
        {
            TextScratch.Return(s);
        }
    }

    private static double ComputeBleu(in BleuStats stats, bool effectiveOrder)
    {
        Span<double> precisions = stackalloc double[BleuMaxOrder];
        double smoothMteval = 1.0;
        int effOrder = BleuMaxOrder;
        for (int n = 1; n <= BleuMaxOrder; n++)
        {
            if (stats.Total[n - 1] == 0) break;
            if (effectiveOrder) effOrder = n;
            if (stats.Correct[n - 1] == 0)
            {
                smoothMteval *= 2;
                precisions[n - 1] = 100.0 / (smoothMteval * stats.Total[n - 1]);
            }
            else
            {
                precisions[n - 1] = 100.0 * stats.Correct[n - 1] / stats.Total[n - 1];
            }
        }
        if (stats.SysLen == 0) return 0.0;
        double bp = stats.SysLen >= stats.RefLen ? 1.0 : Math.Exp(1.0 - ((double)stats.RefLen / stats.SysLen));
        double logSum = 0;
        for (int i = 0; i < effOrder; i++)
        {
            if (precisions[i] == 0) return 0.0; // sacreBLEU's log(0) = -9999999999 drives the score to exactly 0 here
            logSum += Math.Log(precisions[i]);
        }
        return Math.Min(100.0, bp * Math.Exp(logSum / effOrder)); // exp(log 100) can round to 100.00000000000004
    }

    private static TextScratch.Segment BleuTokens(TextScratch s, string text, BleuTokenizer tokenizer, bool reference = false)
    {
        int start = s.IdLength;
        if (tokenizer != BleuTokenizer.Tokenizer13a)
        {
            for (int pos = 0; NextWord(text, ref pos, out var word);) s.OnToken(text.AsSpan(word));
            return new TextScratch.Segment(start, s.IdLength - start);
        }
        if (reference)
        {
            // References repeat across hypotheses (every system's output for one source is scored against the same ones),
            // so their 13a text is kept per thread, keyed by content: a hash and a comparison instead of four passes.
            var cache = s_referenceTokens ??= new Dictionary<string, string>(StringComparer.Ordinal);
            if (!cache.TryGetValue(text, out var cached))
            {
                cached = Tokenize13a(text);
                if (cache.Count >= ReferenceCacheSize) cache.Clear();
                cache[text] = cached;
            }
            for (int pos = 0; NextWord(cached, ref pos, out var word);) s.OnToken(cached.AsSpan(word));
            return new TextScratch.Segment(start, s.IdLength - start);
        }
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent((24 * text.Length) + 48);
        try
        {
            var tokenized = buffer.AsSpan(0, Tokenize13a(text, buffer));
            for (int pos = 0; NextWord(tokenized, ref pos, out var word);) s.OnToken(tokenized[word]);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
        return new TextScratch.Segment(start, s.IdLength - start);
    }

    /// <summary>References whose 13a text a thread keeps (cleared when full): 256 texts, tens of kilobytes per thread.</summary>
    private const int ReferenceCacheSize = 256;

    [ThreadStatic]
    private static Dictionary<string, string>? s_referenceTokens;

    /// <summary>The 13a text of a reference as a string (for the per-thread cache).</summary>
    private static string Tokenize13a(string text)
    {
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent((24 * text.Length) + 48);
        try
        {
            return new string(buffer, 0, Tokenize13a(text, buffer));
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static readonly char[] PythonWhitespace = [' ', '\t', '\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\xa0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];

    /// <summary>The same characters as a set for the non-ASCII test. (<c>SplitAny</c> with 29 separators rebuilt a lookup map
    /// at every token: most of a sentence BLEU's time before issue 25.)</summary>
    private static readonly System.Buffers.SearchValues<char> PythonSpaces = System.Buffers.SearchValues.Create(PythonWhitespace);

    /// <summary>The next maximal run of non-whitespace at or after <paramref name="pos"/> (Python's <c>str.split()</c>);
    /// false when none is left.</summary>
    private static bool NextWord(ReadOnlySpan<char> text, ref int pos, out Range word)
    {
        int i = pos;
        while (i < text.Length && IsPythonWhitespace(text[i])) i++;
        if (i == text.Length)
        {
            pos = i;
            word = default;
            return false;
        }
        int start = i;
        while (i < text.Length && !IsPythonWhitespace(text[i])) i++;
        word = start..i;
        pos = i;
        return true;
    }

    /// <summary>sacreBLEU's 13a tokenizer (mteval-v13a normalization followed by its regexp tokenizer) into
    /// <paramref name="output"/> (at least 24 × the input length + 48 characters); returns the length written.</summary>
    /// <remarks>
    /// The four substitutions of sacreBLEU's <c>TokenizerRegexp</c>, in order, each a left-to-right scan with the same
    /// leftmost, non-overlapping matching as the regex engine (issue 25: four compiled regexes and their strings cost most of
    /// a sentence BLEU): (1) each symbol of <c>[{-~[-` -&amp;(-+:-@/]</c> becomes " c "; (2) a period or comma after a
    /// non-digit, <c>([^0-9])([.,])</c>, becomes "a . "; (3) a period or comma before a non-digit, <c>([.,])([^0-9])</c>,
    /// becomes " . b"; (4) a dash after a digit, <c>([0-9])(-)</c>, becomes "9 - ". Each pass at most triples (1) or doubles
    /// (2–4) the length. A property test holds it equal to the regex version on arbitrary text.
    /// </remarks>
    internal static int Tokenize13a(string line, char[] output)
    {
        line = line.Replace("<skipped>", "", StringComparison.Ordinal)
            .Replace("-\n", "", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);
        if (line.Contains('&', StringComparison.Ordinal))
        {
            line = line.Replace("&quot;", "\"", StringComparison.Ordinal)
                .Replace("&amp;", "&", StringComparison.Ordinal)
                .Replace("&lt;", "<", StringComparison.Ordinal)
                .Replace("&gt;", ">", StringComparison.Ordinal);
        }
        // The passes alternate between a scratch buffer and the output, each pass at most doubling (pass 1: tripling) the text.
        int len = line.Length;
        var scratch = System.Buffers.ArrayPool<char>.Shared.Rent((12 * len) + 24);
        try
        {
            var a = scratch.AsSpan();
            var b = output.AsSpan();
            int n = 0;
            a[n++] = ' ';
            a[n++] = ' '; // " " + line: the added space is itself a symbol of pass 1
            a[n++] = ' ';
            foreach (char c in line)
            {
                if (IsSymbol13a(c)) { a[n++] = ' '; a[n++] = c; a[n++] = ' '; }
                else a[n++] = c;
            }
            a[n++] = ' ';
            a[n++] = ' '; // + " ": the same
            a[n++] = ' ';
            int m = 0;
            for (int i = 0; i < n; i++)
            {
                if (i + 1 < n && !char.IsAsciiDigit(a[i]) && a[i + 1] is '.' or ',') { b[m++] = a[i]; b[m++] = ' '; b[m++] = a[i + 1]; b[m++] = ' '; i++; }
                else b[m++] = a[i];
            }
            n = 0;
            for (int i = 0; i < m; i++)
            {
                if (i + 1 < m && b[i] is '.' or ',' && !char.IsAsciiDigit(b[i + 1])) { a[n++] = ' '; a[n++] = b[i]; a[n++] = ' '; a[n++] = b[i + 1]; i++; }
                else a[n++] = b[i];
            }
            m = 0;
            for (int i = 0; i < n; i++)
            {
                if (i + 1 < n && char.IsAsciiDigit(a[i]) && a[i + 1] == '-') { b[m++] = a[i]; b[m++] = ' '; b[m++] = '-'; b[m++] = ' '; i++; }
                else b[m++] = a[i];
            }
            return m;
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(scratch);
        }
    }

    /// <summary>Pass 1's class <c>[{-~[-` -&amp;(-+:-@/]</c>: space through &amp;, ( through +, /, : through @, [ through `, { through ~.</summary>
    private static bool IsSymbol13a(char c) =>
        c is (>= ' ' and <= '&') or (>= '(' and <= '+') or '/' or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');
}
