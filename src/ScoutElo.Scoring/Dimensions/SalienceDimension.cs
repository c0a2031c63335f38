using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Dimensions;

/// <summary>The <c>salience</c> dimension: does the response carry the source's most important content — salient-content
/// recall with the source document (or grounding knowledge) as the reference.</summary>
/// <remarks>
/// <para><b>Formula</b> (ScoutElo's own design; the source papers publish none): each distinct content word of
/// <see cref="ScoringInput.Context"/> (Porter-stemmed; stop words and tokens without a letter or digit left out) gets the salience
/// <c>Σ 1/√(1 + i/20)</c> over its occurrences at token positions <c>i</c>. The score is the salience share of the
/// <see cref="TopK"/> most salient words (ties broken by first occurrence) that the response mentions. An empty response scores
/// 0. Not applicable without a context, when the context has no content word, and for <see cref="TaskKind.Qa"/> (a short
/// answer is not meant to cover its passage).</para>
/// <para><b>Why.</b> Term frequency and position are the two oldest, most stable salience cues in extractive summarization
/// (Luhn 1958; Edmundson 1969): news and knowledge snippets state their main facts early and repeat them. Using the source as
/// the reference needs no gold summary and tracks content judgments where references are poor (Bao et al., 2023,
/// "DocAsRef"). Recall grows with how much salient content a response carries, so it complements <c>faithfulness</c>
/// (precision); calibration weighs the two per task and label. The constants (decay scale 20 tokens, K = 30) were set from
/// these cues, not fitted to any dataset; the score moves little for K between 20 and 50.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class SalienceDimension : IQualityDimension
{
    /// <summary>The dimension name, <c>salience</c>.</summary>
    public const string DimensionName = "salience";

    /// <summary>Creates the dimension.</summary>
    /// <param name="topK">How many of the source's most salient content words the score covers; at least 1. Default 30.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="topK"/> is less than 1.</exception>
    public SalienceDimension(int topK = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        TopK = topK;
    }

    /// <summary>How many of the source's most salient content words the score covers.</summary>
    public int TopK { get; }

    /// <inheritdoc/>
    public string Name => DimensionName;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public DimensionScore Score(ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Task == TaskKind.Qa) return DimensionScore.NotApplicable("qa answers are not meant to cover their passage");
        if (string.IsNullOrWhiteSpace(input.Context)) return DimensionScore.NotApplicable("no context");
        if (string.IsNullOrWhiteSpace(input.Response)) return DimensionScore.Of(0, "empty response");
        return TextFeatures.SalientRecall(input.Context, input.Response, TopK) is { } r
            ? DimensionScore.Of(Math.Clamp(r, 0, 1), $"salient recall of top {TopK} source words")
            : DimensionScore.NotApplicable("context has no content word");
    }
}
