using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.Tests.Dimensions;

public sealed class StructureDimensionTests
{
    private const string Sixty = "Officials in the northern province confirmed late on Sunday that heavy rain had flooded several villages, " +
        "forcing hundreds of families to leave their homes while emergency crews worked through the night to repair a damaged dam, " +
        "and meteorologists warned that more storms could arrive before Wednesday, putting bridges, farms and power lines at risk again soon";

    private static readonly StructureDimension Dim = new();

    [Fact]
    public void Score_EmptyResponse_IsZeroWithReason()
    {
        var s = Dim.Score(new ScoringInput { Response = "   " });
        Assert.Equal(0, s.Value);
        Assert.Equal("empty response", s.Reason);
    }

    [Fact]
    public void Score_DegenerateLoop_IsPenalizedAgainstProse()
    {
        string prose = "The council approved the new budget on Tuesday after a long debate about school funding and road repairs.";
        string loop = string.Concat(Enumerable.Repeat("the budget was approved ", 30));
        double good = Dim.Score(new ScoringInput { Response = prose, Task = TaskKind.Open }).Value!.Value;
        double bad = Dim.Score(new ScoringInput { Response = loop, Task = TaskKind.Open }).Value!.Value;
        Assert.Equal(1.0, good);
        Assert.True(bad < 0.2, $"loop scored {bad}");
    }

    [Fact]
    public void Score_InvalidJsonWhenAsked_IsPenalized()
    {
        var ok = Dim.Score(new ScoringInput { Task = TaskKind.Qa, Query = "Return the result as JSON.", Response = "```json\n{\"a\": 1}\n```" });
        var bad = Dim.Score(new ScoringInput { Task = TaskKind.Qa, Query = "Return the result as JSON.", Response = "{\"a\": 1,," });
        Assert.Equal(1.0, ok.Value);
        Assert.Equal(0.3, bad.Value!.Value, 9);
        Assert.Contains("invalid JSON", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_TruncatedSummary_IsPenalized()
    {
        var s = Dim.Score(new ScoringInput { Task = TaskKind.Summarization, Response = "The minister said on Monday that the new rules would apply to all companies with more than fifty employees from next year, including foreign firms and" });
        Assert.Equal(0.8, s.Value!.Value, 9);
    }

    [Fact]
    public void Score_ControlCharacters_ArePenalized() =>
        Assert.Equal(0.5, Dim.Score(new ScoringInput { Task = TaskKind.Qa, Response = "Paris\u0007" }).Value!.Value, 9);

    [Fact]
    public void Score_TooLongForTheReferenceBand_LosesInProportion()
    {
        var input = new ScoringInput { Task = TaskKind.Summarization, References = ["one two three four five six seven eight nine ten."], Response = Sixty + "." };
        Assert.Equal(15.0 / 56, Dim.Score(input).Value!.Value, 9); // band [5, 15] from the 10-word reference; 56 words
    }

    [Fact]
    public void Constructor_BadBand_ThrowsNamingOptions() =>
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new StructureDimension(new StructureOptions { Qa = new LengthBand(5, 2) })).ParamName);
}

public sealed class SemanticDimensionTests
{
    [Fact]
    public void Score_NoReferences_IsNotApplicable() =>
        Assert.False(new SemanticDimension().Score(new ScoringInput { Response = "x" }).IsApplicable);

    [Fact]
    public void Score_QaSentenceContainingGold_IsOne() =>
        Assert.Equal(1.0, new SemanticDimension().Score(new ScoringInput { Task = TaskKind.Qa, Response = "It was Wilhelm Röntgen, in 1901.", References = ["Wilhelm Röntgen"] }).Value);
}

public sealed class AlignmentDimensionTests
{
    private static readonly AlignmentDimension Dim = new();

    [Theory]
    [InlineData("who wrote hamlet", "William Shakespeare", 1.0)]
    [InlineData("who wrote hamlet", "i don't know", 0.0)]
    [InlineData("when did the war end", "It ended in 1945.", 1.0)]
    [InlineData("when did the war end", "It ended after the treaty.", 0.5)]
    [InlineData("how many moons does mars have", "two", 1.0)]
    [InlineData("what is the capital of france", "Paris", 1.0)]
    [InlineData("what is the capital of france", "I'm sorry, I cannot answer that.", 0.0)]
    public void Score_Qa_ChecksAnswerTypeAndRefusal(string query, string response, double expected) =>
        Assert.Equal(expected, Dim.Score(new ScoringInput { Task = TaskKind.Qa, Query = query, Response = response }).Value!.Value, 9);

    [Fact]
    public void Score_SummaryCopiedFromSource_HasFullCoverage_HallucinationLowersIt()
    {
        string src = "The city council approved a new budget on Tuesday. Spending on schools rises by ten percent.";
        var faithful = Dim.Score(new ScoringInput { Task = TaskKind.Summarization, Context = src, Response = "The city council approved a new budget." });
        var invented = Dim.Score(new ScoringInput { Task = TaskKind.Summarization, Context = src, Response = "The mayor resigned after protests in the harbour district." });
        Assert.Equal(1.0, faithful.Value);
        Assert.True(invented.Value < 0.5);
    }

    [Fact]
    public void Score_SummaryWithoutSource_IsNotApplicable() =>
        Assert.False(Dim.Score(new ScoringInput { Task = TaskKind.Summarization, Response = "x" }).IsApplicable);
}

public sealed class AgreementDimensionTests
{
    private static readonly AgreementDimension Dim = new();

    [Fact]
    public void Score_NothingToAgreeOn_IsNotApplicable() =>
        Assert.False(Dim.Score(new ScoringInput { Response = "x" }).IsApplicable);

    [Fact]
    public void Score_UnanimousHighJudgments_BeatSplitOnes()
    {
        var unanimous = Dim.Score(new ScoringInput { Response = "x", Judgments = new Dictionary<string, IReadOnlyList<double>> { ["j"] = [5, 5, 5] } });
        var split = Dim.Score(new ScoringInput { Response = "x", Judgments = new Dictionary<string, IReadOnlyList<double>> { ["j"] = [5, 1, 5, 1, 5] } });
        Assert.Equal(1.0, unanimous.Value!.Value, 9);
        Assert.True(split.Value < 0.6);
    }

    [Fact]
    public void Score_LogProbs_GiveGeometricMeanProbability() =>
        Assert.Equal(Math.Exp(-0.5), Dim.Score(new ScoringInput { Response = "x", LogProbs = [-0.2, -0.8] }).Value!.Value, 12);

    [Fact]
    public void Score_SelfConsistentSamples_ScoreHigh() =>
        Assert.Equal(1.0, Dim.Score(new ScoringInput { Task = TaskKind.Qa, Response = "Paris", Samples = ["paris", "Paris."] }).Value!.Value, 9);

    [Fact]
    public void Infer_AllScoresOnAFivePointScale_PicksOneToFive() =>
        Assert.Equal(new JudgmentScale(1, 5), JudgmentScale.Infer([1, 3, 4.5]));

    [Fact]
    public void Constructor_InvertedScale_ThrowsNamingOptions() =>
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new AgreementDimension(new AgreementOptions { Scales = new Dictionary<string, JudgmentScale> { ["j"] = new(5, 1) } })).ParamName);
}

public sealed class ModelPriorDimensionTests
{
    [Fact]
    public void Score_UsesConjugatePosteriorMean()
    {
        var h = new InMemoryNodeQualityHistory();
        h.Record("n", 1.0);
        h.Record("n", 0.8);
        var d = new ModelPriorDimension(h, new ModelPriorOptions { PriorMean = 0.5, PriorStrength = 2 });
        Assert.Equal(((2 * 0.5) + (2 * 0.9)) / 4, d.Score(new ScoringInput { Response = "x", Node = "n" }).Value!.Value, 12);
    }

    [Fact]
    public void Score_UnknownNodeOrNoNode_IsNotApplicable_TableEntryIsUsed()
    {
        var d = new ModelPriorDimension(new InMemoryNodeQualityHistory(), new ModelPriorOptions { PriorTable = new Dictionary<string, double> { ["gpt"] = 0.9 } });
        Assert.False(d.Score(new ScoringInput { Response = "x" }).IsApplicable);
        Assert.False(d.Score(new ScoringInput { Response = "x", Node = "other" }).IsApplicable);
        Assert.Equal(0.9, d.Score(new ScoringInput { Response = "x", Node = "gpt" }).Value);
    }

    [Fact]
    public void Record_QualityOutsideUnitInterval_ThrowsAndKeepsHistory()
    {
        var h = new InMemoryNodeQualityHistory();
        h.Record("n", 0.5);
        Assert.Equal("quality", Assert.Throws<ArgumentOutOfRangeException>(() => h.Record("n", double.NaN)).ParamName);
        Assert.True(h.TryGetStats("n", out var s));
        Assert.Equal(new NodeQualityStats(1, 0.5), s);
    }
}

public sealed class CostPriorDimensionTests
{
    [Fact]
    public void Score_AtReferenceValues_IsOneHalf_NoMetrics_IsNotApplicable()
    {
        var d = new CostPriorDimension();
        var atRef = new ScoringInput { Task = TaskKind.Qa, Response = "x", Metrics = new InferenceMetrics { CostUsd = 0.0005, LatencyMs = 1500, OutputTokens = 64 } };
        Assert.Equal(0.5, d.Score(atRef).Value!.Value, 12);
        Assert.False(d.Score(new ScoringInput { Response = "x" }).IsApplicable);
    }

    [Fact]
    public void Metrics_NegativeOrNaNLatency_ThrowsNamingTheField()
    {
        Assert.Equal("LatencyMs", Assert.Throws<ArgumentOutOfRangeException>(() => new InferenceMetrics { LatencyMs = -1 }).ParamName);
        Assert.Equal("LatencyMs", Assert.Throws<ArgumentOutOfRangeException>(() => new InferenceMetrics { LatencyMs = double.NaN }).ParamName);
        Assert.Equal("OutputTokens", Assert.Throws<ArgumentOutOfRangeException>(() => new InferenceMetrics { OutputTokens = -3 }).ParamName);
    }
}
