using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.AI.Tests;

/// <summary>Issue 38: ScoutElo's composite, dimensions and judge as Microsoft.Extensions.AI.Evaluation evaluators, with the
/// values of the direct API.</summary>
public sealed class QualityEvaluatorTests
{
    private static readonly QualityScorer Scorer = CalibrationProfile.Default.CreateScorer();

    private static async Task<EvaluationResult> Evaluate(QualityEvaluator evaluator, ScoringInput input) =>
        await ((IEvaluator)evaluator).EvaluateAsync([new ChatMessage(ChatRole.User, input.Query)], new ChatResponse(new ChatMessage(ChatRole.Assistant, input.Response)),
            additionalContext: [input.Judgments.Count == 0 && input.Samples.Count == 0 ? new ScoutEloEvaluationContext(input.Task, input.Context, input.References) : new ScoutEloEvaluationContext(input)]);

    private static async Task AssertSameAsDirect(ScoringInput input)
    {
        var result = await Evaluate(new QualityEvaluator(Scorer), input);
        var direct = Scorer.Score(input);
        Assert.Equal(direct.Composite.Value, result.Get<NumericMetric>(QualityEvaluator.CompositeMetricName).Value);
        foreach (var d in direct.Dimensions) Assert.Equal(d.Score.Value, result.Get<NumericMetric>(d.Name).Value);
        Assert.Equal(direct.Dimensions.Count + 1, result.Metrics.Count);
    }

    [Fact]
    public async Task Metrics_equal_the_direct_scores_and_not_applicable_is_a_missing_value_with_its_reason()
    {
        var qa = new ScoringInput { Task = TaskKind.Qa, Query = "Who wrote Hamlet?", Response = "William Shakespeare wrote Hamlet.", References = ["William Shakespeare"] };
        await AssertSameAsDirect(qa);
        var open = new ScoringInput { Query = "Say something.", Response = "Something." };
        await AssertSameAsDirect(open);

        var result = await Evaluate(new QualityEvaluator(Scorer, passThreshold: 0.9), open);
        var semantic = result.Get<NumericMetric>("semantic");
        Assert.Null(semantic.Value); // no reference: not applicable, never a zero
        Assert.Equal(EvaluationRating.Inconclusive, semantic.Interpretation!.Rating);
        Assert.Contains(semantic.Diagnostics!, d => d.Severity == EvaluationDiagnosticSeverity.Informational && d.Message.Contains("not applicable", StringComparison.Ordinal));
        var composite = result.Get<NumericMetric>(QualityEvaluator.CompositeMetricName);
        Assert.Equal(composite.Value < 0.9, composite.Interpretation!.Failed);

        // One dimension alone, and the judge (an asynchronous dimension) through the same interface.
        var single = await Evaluate(new QualityEvaluator(new Dimensions.StructureDimension()), qa);
        Assert.Equal(Scorer.Score(qa)["structure"].Value, Assert.Single(single.Metrics).Value is NumericMetric m ? m.Value : null);
        var judge = new JudgeDimension(ScriptedChatClient.Answer("<score>5</score>"));
        var judged = await Evaluate(new QualityEvaluator(judge), qa);
        Assert.Equal(1.0, judged.Get<NumericMetric>(JudgeDimension.DimensionName).Value);
        Assert.Equal(EvaluationRating.Exceptional, judged.Get<NumericMetric>(JudgeDimension.DimensionName).Interpretation!.Rating);
        Assert.Equal("passThreshold", Assert.Throws<ArgumentOutOfRangeException>(() => new QualityEvaluator(Scorer, 1.5)).ParamName);
    }

    [DataFact("summeval.jsonl", "evouna-nq.jsonl", "topical-chat.jsonl")]
    public async Task On_the_shared_datasets_every_metric_equals_the_direct_api()
    {
        foreach (var file in new[] { "summeval.jsonl", "evouna-nq.jsonl", "topical-chat.jsonl" })
        {
            foreach (var record in LoggedOutputJsonl.ReadFile(SharedData.PathOf(file)).Take(40)) await AssertSameAsDirect(record.Input);
        }
    }
}
