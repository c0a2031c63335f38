using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Dimensions;

/// <summary>The <c>faithfulness</c> dimension: how much of the response is supported by what the producer was given — the
/// source document, retrieved passages or grounding knowledge (<see cref="ScoringInput.Context"/>) and the query.</summary>
/// <remarks>
/// <para><b>Formula</b> (ScoutElo's own design; the source papers publish none): content precision against the source,
/// <c>(P₁ + P₂) / 2</c>, where <c>Pₙ</c> is the share of the response's n-grams (Porter-stemmed Unicode word tokens, counts
/// clipped) that occur in <c>context + query</c> — ROUGE-n precision with the source as the reference. A one-token response is
/// judged on unigrams alone; an empty response scores 0. Not applicable without a context.</para>
/// <para><b>Why.</b> Words and word pairs the source never contains are where unsupported (hallucinated) content shows up
/// without any reference text, so the signal transfers to traffic that has no gold answers. Bigrams catch recombined facts
/// that unigrams miss ("Smith beat Jones" vs "Jones beat Smith" share every unigram); unigrams keep legitimately abstractive
/// wording from being punished too hard. Unlike <c>alignment</c>'s extractive fragment coverage it gives credit for short
/// supported phrases, not only for long copied runs. Unlike <c>semantic</c> it needs no references
/// (the "document as reference" finding of Bao et al., 2023). Calibration decides how much it counts per task.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class FaithfulnessDimension : IQualityDimension
{
    /// <summary>The dimension name, <c>faithfulness</c>.</summary>
    public const string DimensionName = "faithfulness";

    /// <inheritdoc/>
    public string Name => DimensionName;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public DimensionScore Score(ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(input.Context)) return DimensionScore.NotApplicable("no context");
        if (string.IsNullOrWhiteSpace(input.Response)) return DimensionScore.Of(0, "empty response");
        double p = TextFeatures.SourcePrecision(input.Context, input.Response, input.Query);
        return DimensionScore.Of(Math.Clamp(p, 0, 1), "content precision vs source");
    }
}
