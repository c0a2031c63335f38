using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace ScoutElo.Scoring.AI;

/// <summary>ScoutElo's quality scoring as a Microsoft.Extensions.AI.Evaluation <see cref="IEvaluator"/>: the calibrated
/// composite and every dimension of a <see cref="QualityScorer"/> (or one dimension, the LLM judge included) as
/// <see cref="NumericMetric"/>s in [0, 1], so a .NET evaluation run (<c>dotnet aieval</c>, a test) can add them beside its
/// own evaluators.</summary>
/// <remarks>
/// <para>The item: the query is the text of the last user message, the response the model response's text, and the task,
/// source context and references come from a <see cref="ScoutEloEvaluationContext"/> in the additional context (without
/// one, an open-ended task with neither). Values are exactly those of <see cref="QualityScorer.Score"/> (or the dimension's
/// own score) on the same <see cref="ScoringInput"/>.</para>
/// <para>Interpretation (ours): the value's fifth — below 0.2 unacceptable, 0.4 poor, 0.6 average, 0.8 good, else
/// exceptional — failed below <see cref="PassThreshold"/>. A dimension that cannot judge the item (no reference, no
/// context) gives a metric without a value, an inconclusive interpretation and its reason as an informational
/// diagnostic: not applicable, never a zero.</para>
/// </remarks>
public sealed class QualityEvaluator : IEvaluator
{
    /// <summary>The composite's metric name.</summary>
    public const string CompositeMetricName = "composite";

    private readonly QualityScorer? _scorer;
    private readonly IQualityDimension? _dimension;
    private readonly IAsyncQualityDimension? _asyncDimension;

    /// <summary>An evaluator of the composite and every dimension of <paramref name="scorer"/>.</summary>
    /// <param name="scorer">The scorer (for example <c>CalibrationProfile.Default.CreateScorer()</c>).</param>
    /// <param name="passThreshold">The value below which a metric is interpreted as failed, in [0, 1].</param>
    /// <exception cref="ArgumentNullException"><paramref name="scorer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passThreshold"/> is not in [0, 1].</exception>
    public QualityEvaluator(QualityScorer scorer, double passThreshold = 0.5)
        : this(passThreshold)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        _scorer = scorer;
        EvaluationMetricNames = [CompositeMetricName, .. scorer.Dimensions.Select(d => d.Name)];
    }

    /// <summary>An evaluator of one dimension.</summary>
    /// <param name="dimension">The dimension.</param>
    /// <param name="passThreshold">The value below which the metric is interpreted as failed, in [0, 1].</param>
    /// <exception cref="ArgumentNullException"><paramref name="dimension"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passThreshold"/> is not in [0, 1].</exception>
    public QualityEvaluator(IQualityDimension dimension, double passThreshold = 0.5)
        : this(passThreshold)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        _dimension = dimension;
        EvaluationMetricNames = [dimension.Name];
    }

    /// <summary>An evaluator of one asynchronous dimension (the LLM judge, <see cref="JudgeDimension"/>).</summary>
    /// <param name="dimension">The dimension.</param>
    /// <param name="passThreshold">The value below which the metric is interpreted as failed, in [0, 1].</param>
    /// <exception cref="ArgumentNullException"><paramref name="dimension"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passThreshold"/> is not in [0, 1].</exception>
    public QualityEvaluator(IAsyncQualityDimension dimension, double passThreshold = 0.5)
        : this(passThreshold)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        _asyncDimension = dimension;
        EvaluationMetricNames = [dimension.Name];
    }

    private QualityEvaluator(double passThreshold)
    {
        if (!double.IsFinite(passThreshold) || passThreshold is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(passThreshold), passThreshold, "The pass threshold is in [0, 1].");
        PassThreshold = passThreshold;
        EvaluationMetricNames = [];
    }

    /// <summary>The value below which a metric is interpreted as failed.</summary>
    public double PassThreshold { get; }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> EvaluationMetricNames { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> or <paramref name="modelResponse"/> is null.</exception>
    public async ValueTask<EvaluationResult> EvaluateAsync(IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(modelResponse);
        var input = Input(messages, modelResponse, additionalContext);
        var scores = new List<(string Name, DimensionScore Score)>();
        if (_scorer is not null)
        {
            var report = _scorer.Score(input);
            scores.Add((CompositeMetricName, report.Composite));
            scores.AddRange(report.Dimensions.Select(d => (d.Name, d.Score)));
        }
        else if (_dimension is not null)
        {
            scores.Add((_dimension.Name, _dimension.Score(input)));
        }
        else
        {
            scores.Add((_asyncDimension!.Name, await _asyncDimension.ScoreAsync(input, cancellationToken).ConfigureAwait(false)));
        }
        return new EvaluationResult([.. scores.Select(s => Metric(s.Name, s.Score))]);
    }

    /// <summary>The scoring input an evaluation call describes (see the class remarks).</summary>
    /// <param name="messages">The conversation; the last user message is the query.</param>
    /// <param name="modelResponse">The response.</param>
    /// <param name="additionalContext">A <see cref="ScoutEloEvaluationContext"/> among them gives the task, context and references.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> or <paramref name="modelResponse"/> is null.</exception>
    public static ScoringInput Input(IEnumerable<ChatMessage> messages, ChatResponse modelResponse, IEnumerable<EvaluationContext>? additionalContext = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(modelResponse);
        var context = additionalContext?.OfType<ScoutEloEvaluationContext>().LastOrDefault();
        string query = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        return (context?.Template ?? new ScoringInput { Response = "" }) with { Query = query, Response = modelResponse.Text ?? "" };
    }

    private NumericMetric Metric(string name, DimensionScore score)
    {
        var metric = new NumericMetric(name, score.Value, score.IsApplicable ? score.Reason is { Length: > 0 } r ? r : null : null);
        if (score.Value is not { } v)
        {
            metric.Interpretation = new EvaluationMetricInterpretation(EvaluationRating.Inconclusive, failed: false, reason: $"not applicable: {score.Reason}");
            metric.AddDiagnostics(EvaluationDiagnostic.Informational($"{name} is not applicable to this item: {score.Reason}"));
            return metric;
        }
        var rating = v < 0.2 ? EvaluationRating.Unacceptable : v < 0.4 ? EvaluationRating.Poor : v < 0.6 ? EvaluationRating.Average : v < 0.8 ? EvaluationRating.Good : EvaluationRating.Exceptional;
        metric.Interpretation = new EvaluationMetricInterpretation(rating, failed: v < PassThreshold,
            reason: FormattableString.Invariant($"{name} {v:0.000} ({(v < PassThreshold ? "below" : "at or above")} the pass threshold {PassThreshold:0.###})"));
        return metric;
    }
}
