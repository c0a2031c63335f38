using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.Tests.Dimensions;

public sealed class SourceGroundedDimensionTests
{
    private const string Source = "The city council approved the new budget on Monday. The budget raises school funding by ten percent. "
        + "Council members said the budget was the largest in the city's history.";

    [Fact]
    public void Faithfulness_is_not_applicable_without_a_context_and_zero_for_an_empty_response()
    {
        var f = new FaithfulnessDimension();
        Assert.False(f.Score(new ScoringInput { Response = "anything" }).IsApplicable);
        Assert.Equal(0.0, f.Score(new ScoringInput { Context = Source, Response = " " }).Value);
    }

    [Fact]
    public void Faithfulness_matches_the_formula_on_a_worked_example()
    {
        // Response tokens: the council approved a tax cut → unigrams in source: the, council, approved (3 of 6);
        // bigrams in source: "council approved" only (1 of 5; the source says "the city council"). (3/6 + 1/5) / 2 = 0.35.
        var s = new FaithfulnessDimension().Score(new ScoringInput { Context = Source, Response = "the council approved a tax cut" });
        Assert.Equal(0.35, s.Value!.Value, 12);
    }

    [Fact]
    public void Faithfulness_separates_a_supported_summary_from_a_hallucinated_one()
    {
        var f = new FaithfulnessDimension();
        double good = f.Score(new ScoringInput { Task = TaskKind.Summarization, Context = Source, Response = "The council approved a budget that raises school funding by ten percent." }).Value!.Value;
        double bad = f.Score(new ScoringInput { Task = TaskKind.Summarization, Context = Source, Response = "The mayor vetoed a plan to close three hospitals after protests." }).Value!.Value;
        Assert.True(good > bad + 0.3, $"{good} vs {bad}");
    }

    [Fact]
    public void Salience_rewards_the_main_fact_and_is_not_applicable_for_qa_or_without_context()
    {
        var d = new SalienceDimension();
        double main = d.Score(new ScoringInput { Task = TaskKind.Summarization, Context = Source, Response = "Council approves record city budget raising school funding." }).Value!.Value;
        double side = d.Score(new ScoringInput { Task = TaskKind.Summarization, Context = Source, Response = "Members spoke about history." }).Value!.Value;
        Assert.True(main > side, $"{main} vs {side}");
        Assert.False(d.Score(new ScoringInput { Task = TaskKind.Qa, Context = Source, Response = "ten percent" }).IsApplicable);
        Assert.False(d.Score(new ScoringInput { Task = TaskKind.Summarization, Response = "x" }).IsApplicable);
        Assert.Equal(0.0, d.Score(new ScoringInput { Task = TaskKind.Summarization, Context = Source, Response = "" }).Value);
    }

    [Fact]
    public void Salience_rejects_a_non_positive_top_k()
    {
        Assert.Equal("topK", Assert.Throws<ArgumentOutOfRangeException>(() => new SalienceDimension(0)).ParamName);
    }
}
