using System.Text;

namespace ScoutElo.Scoring.Text;

/// <summary>The built-in word tokenizers used by the text metrics.</summary>
/// <remarks>
/// <para><see cref="Unicode"/> (the default everywhere): lower-cases (invariant culture) and keeps maximal runs of letters,
/// digits and combining marks of any script; every other character separates tokens. Ideographic and kana characters
/// (CJK scripts, which do not separate words with spaces) are tokens of one character each. On ASCII text it is identical to
/// <see cref="RougeScore"/>; on other scripts it still finds tokens, so non-English text never scores a silent zero.</para>
/// <para><see cref="RougeScore"/> reproduces the tokenizer of Google's <c>rouge-score</c> package exactly: lower-case, replace
/// every run of characters outside <c>[a-z0-9]</c> with a space, split. Non-ASCII letters are separators there.</para>
/// <para>Optional stemming (<see cref="PorterStemmer"/>) applies, as in rouge-score, only to tokens longer than 3 characters,
/// and only to tokens made of ASCII letters. Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class WordTokenizer : ITokenizer
{
    private WordTokenizer(WordTokenizerMode mode, bool stem)
    {
        Mode = mode;
        UseStemmer = stem;
    }

    /// <summary>Unicode-aware tokenizer without stemming (the default).</summary>
    public static WordTokenizer Unicode { get; } = new(WordTokenizerMode.Unicode, false);

    /// <summary>rouge-score-compatible tokenizer without stemming.</summary>
    public static WordTokenizer RougeScore { get; } = new(WordTokenizerMode.RougeScore, false);

    /// <summary>Gets a tokenizer for a mode and stemming choice.</summary>
    /// <param name="mode">The tokenization mode.</param>
    /// <param name="useStemmer">Whether to Porter-stem tokens longer than 3 characters.</param>
    /// <returns>The tokenizer (a shared instance).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not defined.</exception>
    public static WordTokenizer Get(WordTokenizerMode mode, bool useStemmer) => (mode, useStemmer) switch
    {
        (WordTokenizerMode.Unicode, false) => Unicode,
        (WordTokenizerMode.Unicode, true) => UnicodeStemmed,
        (WordTokenizerMode.RougeScore, false) => RougeScore,
        (WordTokenizerMode.RougeScore, true) => RougeScoreStemmed,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown tokenizer mode."),
    };

    private static readonly WordTokenizer UnicodeStemmed = new(WordTokenizerMode.Unicode, true);
    private static readonly WordTokenizer RougeScoreStemmed = new(WordTokenizerMode.RougeScore, true);

    /// <summary>The tokenization mode.</summary>
    public WordTokenizerMode Mode { get; }

    /// <summary>Whether tokens longer than 3 characters are Porter-stemmed.</summary>
    public bool UseStemmer { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sink = new ListSink();
        ForEachToken(text, Mode, UseStemmer, sink);
        return sink.Tokens;
    }

    private sealed class ListSink : ITokenSink
    {
        public List<string> Tokens { get; } = [];

        public void OnToken(ReadOnlySpan<char> token, bool stem)
        {
            if (!stem)
            {
                Tokens.Add(token.ToString());
                return;
            }
            Span<char> buffer = token.Length <= 256 ? stackalloc char[token.Length] : new char[token.Length];
            token.CopyTo(buffer);
            Tokens.Add(new string(buffer[..PorterStemmer.Stem(buffer, buffer.Length)]));
        }
    }

    /// <summary>Calls <paramref name="onToken"/> for every (lower-cased, optionally stemmed) token of <paramref name="text"/>.</summary>
    internal static void ForEachToken<TSink>(string text, WordTokenizerMode mode, bool stem, TSink onToken)
        where TSink : ITokenSink
    {
        var buf = new TokenBuffer(stackalloc char[128]);
        try
        {
            if (mode == WordTokenizerMode.RougeScore) ScanRouge(text, stem, ref buf, onToken);
            else ScanUnicode(text, stem, ref buf, onToken);
        }
        finally
        {
            buf.Dispose();
        }
    }

    private static void ScanRouge<TSink>(string text, bool stem, ref TokenBuffer buf, TSink onToken)
        where TSink : ITokenSink
    {
        foreach (char c0 in text)
        {
            char c = c0 < 128 ? (c0 is >= 'A' and <= 'Z' ? (char)(c0 + 32) : c0) : char.ToLowerInvariant(c0);
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9')) buf.Append(c);
            else Flush(ref buf, stem, onToken);
        }
        Flush(ref buf, stem, onToken);
    }

    private static void ScanUnicode<TSink>(string text, bool stem, ref TokenBuffer buf, TSink onToken)
        where TSink : ITokenSink
    {
        int i = 0;
        Span<char> pair = stackalloc char[2];
        while (i < text.Length)
        {
            char c0 = text[i];
            if (c0 < 128)
            {
                i++;
                if (c0 is (>= 'a' and <= 'z') or (>= '0' and <= '9')) buf.Append(c0);
                else if (c0 is >= 'A' and <= 'Z') buf.Append((char)(c0 + 32));
                else Flush(ref buf, stem, onToken);
                continue;
            }
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                i += Math.Max(consumed, 1);
                Flush(ref buf, stem, onToken); // invalid UTF-16 (lone surrogate) separates tokens
                continue;
            }
            i += consumed;
            if (IsSingleCharScript(rune.Value))
            {
                Flush(ref buf, stem, onToken);
                int n = Rune.ToLowerInvariant(rune).EncodeToUtf16(pair);
                onToken.OnToken(pair[..n], false);
                continue;
            }
            var cat = Rune.GetUnicodeCategory(rune);
            bool word = Rune.IsLetterOrDigit(rune)
                || (buf.Length > 0 && cat is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark);
            if (!word)
            {
                Flush(ref buf, stem, onToken);
                continue;
            }
            int w = Rune.ToLowerInvariant(rune).EncodeToUtf16(pair);
            for (int k = 0; k < w; k++) buf.Append(pair[k]);
        }
        Flush(ref buf, stem, onToken);
    }

    private static bool IsSingleCharScript(int cp) =>
        cp is (>= 0x3040 and <= 0x30FF)      // Hiragana, Katakana
            or (>= 0x3400 and <= 0x4DBF)     // CJK Extension A
            or (>= 0x4E00 and <= 0x9FFF)     // CJK Unified Ideographs
            or (>= 0xF900 and <= 0xFAFF)     // CJK Compatibility Ideographs
            or (>= 0x20000 and <= 0x3134F);  // CJK Extensions B–G

    private static void Flush<TSink>(ref TokenBuffer buf, bool stem, TSink onToken)
        where TSink : ITokenSink
    {
        if (buf.Length == 0) return;
        int len = buf.Length;
        onToken.OnToken(buf.Span[..len], stem && len > 3 && IsAsciiLetters(buf.Span[..len]));
        buf.Length = 0;
    }

    private static bool IsAsciiLetters(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (c is < 'a' or > 'z') return false;
        }
        return true;
    }
}

/// <summary>A growable char buffer that starts on the stack and rents from the shared pool beyond it.</summary>
internal ref struct TokenBuffer
{
    private Span<char> _span;
    private char[]? _rented;

    public TokenBuffer(Span<char> initial)
    {
        _span = initial;
        _rented = null;
        Length = 0;
    }

    public int Length;

    public readonly Span<char> Span => _span;

    public void Append(char c)
    {
        if (Length == _span.Length) Grow();
        _span[Length++] = c;
    }

    private void Grow()
    {
        var next = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(_span.Length * 2, 256));
        _span[..Length].CopyTo(next);
        if (_rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(_rented);
        _rented = next;
        _span = next;
    }

    public void Dispose()
    {
        if (_rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(_rented);
        _rented = null;
    }
}
