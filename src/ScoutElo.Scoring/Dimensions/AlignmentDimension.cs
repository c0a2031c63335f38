using System.Text.RegularExpressions;
using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Dimensions;

/// <summary>The <c>alignment</c> dimension: does the response answer <em>this</em> query and stay faithful to <em>this</em> context.</summary>
/// <remarks>
/// <para>By task:</para>
/// <list type="bullet">
/// <item><description><b>QA</b>: mean of (a) <b>answer type</b>, when the question announces one — who/whom/whose/where →
/// a capitalized name, when/what year → a year, date or month, how many/much/long/old, what percentage → a number — 1 when
/// found and 0 otherwise; and (b) <b>non-refusal</b>: 0 when the response declines or hedges ("I don't know", "I'm sorry",
/// "as an AI", "cannot answer", ...), else 1.</description></item>
/// <item><description><b>Summarization</b> (needs the source as context): extractive fragment <b>coverage</b> of Grusky et al.
/// (NAACL 2018): the share of summary tokens inside greedy longest fragments shared with the source. Unsupported, hallucinated
/// words lower it. Not applicable without a source.</description></item>
/// <item><description><b>Dialogue</b>: the share of the response's content words (stop words removed) that occur in the
/// dialogue history or the knowledge context — staying on topic and grounded. 0 when the response has no content word.</description></item>
/// <item><description><b>Open</b>: the share of the query's content words that the response covers; not applicable when the
/// query has none.</description></item>
/// </list>
/// <para>These rules are ScoutElo's own design (the source papers publish none); they are cheap surface proxies for what an
/// NLI or judge model would check, and calibration decides per task how much they count. Immutable and thread-safe.</para>
/// </remarks>
public sealed partial class AlignmentDimension : IQualityDimension
{
    /// <summary>The dimension name, <c>alignment</c>.</summary>
    public const string DimensionName = "alignment";

    /// <inheritdoc/>
    public string Name => DimensionName;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public DimensionScore Score(ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(input.Response)) return DimensionScore.Of(0, "empty response");
        switch (input.Task)
        {
            case TaskKind.Qa:
                return ScoreQa(input.Query, input.Response);
            case TaskKind.Summarization:
                if (string.IsNullOrWhiteSpace(input.Context)) return DimensionScore.NotApplicable("no source document");
                var (coverage, density) = TextFeatures.ExtractiveFragments(input.Context, input.Response);
                return DimensionScore.Of(Math.Clamp(coverage, 0, 1), $"coverage {coverage:0.00}, density {density:0.0}");
            case TaskKind.Dialogue:
            {
                var words = TextFeatures.ContentWords(input.Response);
                if (words.Count == 0) return DimensionScore.Of(0, "no content words");
                var grounding = TextFeatures.ContentWords(input.Query + "\n" + (input.Context ?? ""));
                int hit = words.Count(grounding.Contains);
                return DimensionScore.Of((double)hit / words.Count, "grounded content words");
            }
            default:
            {
                var query = TextFeatures.ContentWords(input.Query);
                if (query.Count == 0) return DimensionScore.NotApplicable("query has no content words");
                var response = TextFeatures.ContentWords(input.Response);
                int hit = query.Count(response.Contains);
                return DimensionScore.Of((double)hit / query.Count, "query-term coverage");
            }
        }
    }

    private static DimensionScore ScoreQa(string query, string response)
    {
        double refusal = Refusal().IsMatch(response) ? 0.0 : 1.0;
        var type = ExpectedType(query);
        if (type == AnswerType.Unknown) return DimensionScore.Of(refusal, refusal == 0 ? "refusal" : "answers");
        bool found = type switch
        {
            AnswerType.Name => NameToken().IsMatch(response),
            AnswerType.Time => Year().IsMatch(response) || Month().IsMatch(response) || Digit().IsMatch(response),
            _ => Digit().IsMatch(response) || NumberWord().IsMatch(response),
        };
        double typeScore = found ? 1.0 : 0.0;
        return DimensionScore.Of((typeScore + refusal) / 2, $"{type} {(found ? "found" : "missing")}{(refusal == 0 ? ", refusal" : "")}");
    }

    private enum AnswerType { Unknown, Name, Time, Number }

    private static AnswerType ExpectedType(string query)
    {
        var q = query.TrimStart().ToLowerInvariant();
        if (HowMany().IsMatch(q)) return AnswerType.Number;
        if (When().IsMatch(q)) return AnswerType.Time;
        if (Who().IsMatch(q)) return AnswerType.Name;
        return AnswerType.Unknown;
    }

    [GeneratedRegex(@"\b(how (many|much|long|old|far|tall|big|high)|what (percentage|percent|number))\b", RegexOptions.CultureInvariant)]
    private static partial Regex HowMany();

    [GeneratedRegex(@"\b(when|what year|which year|what date|what century|what decade)\b", RegexOptions.CultureInvariant)]
    private static partial Regex When();

    [GeneratedRegex(@"^(who|whom|whose|where)\b|\b(who|whom|whose) (is|was|were|did|does|played|plays|wrote|sang|sings)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Who();

    [GeneratedRegex(@"\p{Lu}\p{Ll}", RegexOptions.CultureInvariant)]
    private static partial Regex NameToken();

    [GeneratedRegex(@"\b(1[0-9]{3}|20[0-9]{2})s?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Year();

    [GeneratedRegex(@"\b(january|february|march|april|may|june|july|august|september|october|november|december|century|decade|bc|ad)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Month();

    [GeneratedRegex(@"\p{Nd}", RegexOptions.CultureInvariant)]
    private static partial Regex Digit();

    [GeneratedRegex(@"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|several)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NumberWord();

    [GeneratedRegex(@"\b(i (do not|don't|dont) know|i'?m (sorry|not sure)|i am (sorry|not sure|unable)|as an ai|cannot (answer|provide|determine)|can't (answer|provide|determine)|unable to (answer|provide|determine)|no (information|answer) (is )?available|there is no (information|answer)|i (could not|couldn't) find|not (enough|sufficient) information)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Refusal();
}
