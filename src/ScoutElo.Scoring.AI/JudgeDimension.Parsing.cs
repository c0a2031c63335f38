using System.Globalization;
using System.Text.RegularExpressions;


namespace ScoutElo.Scoring.AI;

// The parsing part of the judge: score and verdict tags, refusals.
public sealed partial class JudgeDimension
{
    private (double?, string) ParseScore(string text)
    {
        var matches = ScoreTag().Matches(text);
        if (matches.Count == 0) return (null, Refusal().IsMatch(text) ? "refusal" : "unparsable output (no <score> tag)");
        if (matches.Count > 1) return (null, "unparsable output (several <score> tags)");
        if (!int.TryParse(matches[0].Groups[1].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n))
            return (null, "unparsable output (score is not an integer)");
        if (n < _options.ScaleMin || n > _options.ScaleMax) return (null, $"score {n} outside {_options.ScaleMin}-{_options.ScaleMax}");
        return (n, "");
    }

    private static (double?, string) ParseVerdict(string text)
    {
        var matches = VerdictTag().Matches(text);
        if (matches.Count == 0) return (null, Refusal().IsMatch(text) ? "refusal" : "unparsable output (no <verdict> tag)");
        if (matches.Count > 1) return (null, "unparsable output (several <verdict> tags)");
        return matches[0].Groups[1].Value.ToUpperInvariant() switch
        {
            "A" => (1.0, ""),
            "B" => (0.0, ""),
            _ => (0.5, ""),
        };
    }

    [GeneratedRegex(@"<score>\s*([+-]?\d+)\s*</score>", RegexOptions.CultureInvariant)]
    private static partial Regex ScoreTag();

    [GeneratedRegex(@"<verdict>\s*(A|B|tie)\s*</verdict>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex VerdictTag();

    [GeneratedRegex(@"</?\s*(score|verdict)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AnswerTag();

    [GeneratedRegex(@"\b(I can(no|')t|I am unable|I'm unable|I won't|I will not|as an AI)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Refusal();
}
