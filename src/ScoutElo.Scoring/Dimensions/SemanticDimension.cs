using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Dimensions;

/// <summary>The <c>semantic</c> dimension: similarity of the response to the task's references.</summary>
/// <remarks>
/// <para>Not applicable when the input has no reference. Otherwise, by task:</para>
/// <list type="bullet">
/// <item><description><b>QA</b>: answer recall, <c>max over golds of |gold ∩ response| / |gold|</c> over SQuAD-normalized tokens
/// (<see cref="TextMetrics.SquadRecall"/>): 1 when the response contains a gold answer, partial credit for part of it.
/// Recall rather than F1 because correct long-form answers are sentences that contain the short gold answer.</description></item>
/// <item><description><b>Summarization, dialogue and open</b>: mean of ROUGE-1 F (Porter-stemmed, maximum over references) and
/// chrF/100 against that best-matching reference (chrF of every reference would cost eleven times as much on SummEval-style
/// inputs for no measurable gain).</description></item>
/// </list>
/// <para>The per-task choice and the equal-weight mean are ScoutElo's own design (the source papers publish none). Unigram
/// content overlap is the lexical view that tracks human content judgments best in the summarization literature (Lin 2004;
/// Fabbri et al. 2021); stemming and character n-grams make it tolerant of inflection and spelling, while bigram and LCS
/// variants are left out because they reward surface word order that abstractive outputs legitimately change.
/// Calibration then decides how much the dimension counts for a task. Embedding similarity is a dimension of its own
/// (<c>embedding</c>, the AI package's <c>EmbeddingSemanticDimension</c> over any <c>IEmbeddingGenerator</c>), calibrated beside this one.
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class SemanticDimension : IQualityDimension
{
    /// <summary>The dimension name, <c>semantic</c>.</summary>
    public const string DimensionName = "semantic";

    /// <inheritdoc/>
    public string Name => DimensionName;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public DimensionScore Score(ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var refs = input.References;
        if (refs.Count == 0) return DimensionScore.NotApplicable("no references");
        switch (input.Task)
        {
            case TaskKind.Qa:
                return DimensionScore.Of(TextMetrics.SquadRecall(input.Response, refs), "answer recall");
            default:
            {
                double r1 = TextMetrics.RougeNBest(refs, input.Response, 1, useStemmer: true, out int best).F;
                double chrf = TextMetrics.ChrF(input.Response, [refs[best]]) / 100.0;
                return DimensionScore.Of(Math.Clamp((r1 + chrf) / 2, 0, 1), "rouge-1 + chrF");
            }
        }
    }
}
