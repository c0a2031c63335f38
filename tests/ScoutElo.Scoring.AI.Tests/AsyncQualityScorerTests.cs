using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.AI.Tests;

public sealed class AsyncQualityScorerTests
{
    [Fact]
    public async Task Judge_and_built_ins_combine_into_one_renormalized_composite()
    {
        var judge = new JudgeDimension(ScriptedChatClient.Answer("<score>1</score>"));
        var scorer = new AsyncQualityScorer(BuiltInDimensions.Create(), [judge], new Dictionary<string, double> { ["semantic"] = 1, ["judge"] = 1 });
        var input = new ScoringInput { Task = TaskKind.Qa, Query = "who wrote hamlet", Response = "William Shakespeare", References = ["William Shakespeare"] };
        var report = await scorer.ScoreAsync(input);
        Assert.Equal(0.5, report.Composite.Value!.Value, 12); // semantic 1, judge 0
        Assert.Equal(0.0, report["judge"].Value);
        Assert.Equal("judge", scorer.DimensionNames[^1]);
    }

    [Fact]
    public async Task A_failed_judge_drops_out_instead_of_counting_as_zero()
    {
        var judge = new JudgeDimension(ScriptedChatClient.Answer("no idea"), new JudgeOptions { MalformedAnswerRetries = 0 });
        var scorer = new AsyncQualityScorer(BuiltInDimensions.Create(), [judge], new Dictionary<string, double> { ["semantic"] = 1, ["judge"] = 1 });
        var report = await scorer.ScoreAsync(new ScoringInput { Task = TaskKind.Qa, Query = "q", Response = "William Shakespeare", References = ["William Shakespeare"] });
        Assert.Equal(1.0, report.Composite.Value);
        Assert.Contains("judge", report.NotApplicable);
    }

    [Fact]
    public void Duplicate_names_are_rejected() =>
        Assert.Equal("dimensions", Assert.Throws<ArgumentException>(() => new AsyncQualityScorer(BuiltInDimensions.Create(), [new JudgeDimension(ScriptedChatClient.Answer(""), name: "semantic")])).ParamName);
}
