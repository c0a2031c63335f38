using System.Text;
using System.Text.Json;
using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Dimensions;

/// <summary>The <c>structure</c> dimension: presentation and degeneration of the response, independent of its content.</summary>
/// <remarks>
/// <para><c>structure = length · repetition · degeneration · truncation · control · format</c>, each factor in [0, 1]:</para>
/// <list type="bullet">
/// <item><description><b>length</b>: 1 inside the band; <c>words/min</c> below it, <c>max/words</c> above it (a response twice too
/// long or half too short keeps half).</description></item>
/// <item><description><b>repetition</b>: distinct-3 of the words when the response has at least 6 words (1 − rep-3), else 1.</description></item>
/// <item><description><b>degeneration</b>: <c>min(1, 3 / compression ratio)</c> for responses of at least 200 UTF-8 bytes (natural prose
/// deflates about 1.5–2.5×, loops far more), else 1.</description></item>
/// <item><description><b>truncation</b>: 0.8 when a summary, dialogue turn or open answer of at least 10 words does not end with
/// sentence-final punctuation, a closing quote/bracket or a code fence; else 1.</description></item>
/// <item><description><b>control</b>: 0.5 when the response holds control characters (other than tab/newline/carriage return)
/// or U+FFFD replacement characters; else 1.</description></item>
/// <item><description><b>format</b>: when the query asks for JSON, 0.3 unless the response (or its fenced block, or its outermost
/// braces) parses as JSON; 0.7 for an unclosed code fence; else 1.</description></item>
/// </list>
/// <para>An empty or whitespace-only response scores 0 ("empty response"); the dimension is always applicable.
/// The factors and constants are ScoutElo's own design (the source papers publish none): a product makes every defect
/// cost a fixed share whatever else is wrong, and each constant is a round "clearly broken" threshold, not fitted to data.
/// The band is derived from references when present because the expected length is task data, not a universal constant.
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class StructureDimension : IQualityDimension
{
    /// <summary>The dimension name, <c>structure</c>.</summary>
    public const string DimensionName = "structure";

    private readonly StructureOptions _options;

    /// <summary>Creates the dimension.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A band has <c>MinWords &lt; 1</c> or <c>MaxWords &lt; MinWords</c>.</exception>
    public StructureDimension(StructureOptions? options = null)
    {
        _options = options ?? new StructureOptions();
        foreach (var b in new[] { _options.Qa, _options.Summarization, _options.Dialogue, _options.Open })
        {
            if (b is null || b.MinWords < 1 || b.MaxWords < b.MinWords)
                throw new ArgumentOutOfRangeException(nameof(options), b, "Length bands need 1 ≤ MinWords ≤ MaxWords.");
        }
    }

    /// <inheritdoc/>
    public string Name => DimensionName;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public DimensionScore Score(ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string r = input.Response;
        if (string.IsNullOrWhiteSpace(r)) return DimensionScore.Of(0, "empty response");

        var reasons = new List<string>(2);
        int words = Length(r);
        var band = Band(input);
        double length = words < band.MinWords ? (double)words / band.MinWords
            : words > band.MaxWords ? (double)band.MaxWords / words : 1.0;
        if (length < 1) reasons.Add($"{words} words outside {band.MinWords}-{band.MaxWords}");

        double repetition = words >= 6 ? TextMetrics.DistinctN(r, 3) : 1.0;
        if (repetition < 0.9) reasons.Add($"rep-3 {1 - repetition:0.00}");

        double degeneration = 1.0;
        if (Encoding.UTF8.GetByteCount(r) >= 200)
        {
            double cr = TextMetrics.CompressionRatio(r);
            degeneration = Math.Min(1.0, 3.0 / cr);
            if (degeneration < 1) reasons.Add($"compression {cr:0.0}");
        }

        double truncation = 1.0;
        if (input.Task != TaskKind.Qa && words >= 10 && !EndsCleanly(r))
        {
            truncation = 0.8;
            reasons.Add("truncated");
        }

        double control = HasControlCharacters(r) ? 0.5 : 1.0;
        if (control < 1) reasons.Add("control characters");

        double format = 1.0;
        if (AsksForJson(input.Query) && !ContainsValidJson(r))
        {
            format = 0.3;
            reasons.Add("invalid JSON");
        }
        else if (CountOccurrences(r, "```") % 2 == 1)
        {
            format = 0.7;
            reasons.Add("unclosed code fence");
        }

        double value = length * repetition * degeneration * truncation * control * format;
        return DimensionScore.Of(Math.Clamp(value, 0, 1), string.Join("; ", reasons));
    }

    /// <summary>The length of a text by the configured counter (words by default); a counter's negative result is an error.</summary>
    private int Length(string text)
    {
        if (_options.LengthCounter is not { } count) return TextFeatures.WordCount(text);
        int n = count(text);
        return n >= 0 ? n : throw new InvalidOperationException($"StructureOptions.LengthCounter returned {n}; lengths must be non-negative.");
    }

    private LengthBand Band(ScoringInput input)
    {
        if (_options.BandFromReferences && input.Task != TaskKind.Qa && input.References.Count > 0)
        {
            int min = int.MaxValue, max = 0;
            foreach (var reference in input.References)
            {
                int w = Length(reference);
                if (w == 0) continue;
                min = Math.Min(min, w);
                max = Math.Max(max, w);
            }
            if (max > 0) return new LengthBand(Math.Max(1, min / 2), Math.Max(Math.Max(1, min / 2), (int)Math.Ceiling(max * 1.5)));
        }
        return _options.For(input.Task);
    }

    private static bool EndsCleanly(string r)
    {
        var t = r.AsSpan().TrimEnd();
        if (t.EndsWith("```", StringComparison.Ordinal)) return true;
        char c = t[^1];
        return c is '.' or '!' or '?' or '…' or '"' or '\'' or ')' or ']' or '}' or '>' or '*' or '`' or '”' or '’' or '»' or '。' or '！' or '？' or ':' or ';';
    }

    private static bool HasControlCharacters(string r)
    {
        foreach (char c in r)
        {
            if ((char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c == '\uFFFD') return true;
        }
        return false;
    }

    private static bool AsksForJson(string query) =>
        query.Contains("json", StringComparison.OrdinalIgnoreCase)
        && WordTokenizer.Unicode.Tokenize(query).Contains("json", StringComparer.Ordinal);

    private static bool ContainsValidJson(string r)
    {
        if (IsJson(r)) return true;
        int fence = r.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            int start = r.IndexOf('\n', fence);
            int end = start < 0 ? -1 : r.IndexOf("```", start, StringComparison.Ordinal);
            if (start >= 0 && end > start && IsJson(r[(start + 1)..end])) return true;
        }
        int open = r.IndexOfAny(['{', '[']);
        int close = r.LastIndexOfAny(['}', ']']);
        return open >= 0 && close > open && IsJson(r[open..(close + 1)]);
    }

    private static bool IsJson(string s)
    {
        if (string.IsNullOrWhiteSpace(s)) return false;
        try
        {
            using var _ = JsonDocument.Parse(s);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int CountOccurrences(string s, string pattern)
    {
        int count = 0, i = 0;
        while ((i = s.IndexOf(pattern, i, StringComparison.Ordinal)) >= 0)
        {
            count++;
            i += pattern.Length;
        }
        return count;
    }
}
