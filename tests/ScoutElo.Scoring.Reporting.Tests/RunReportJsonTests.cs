using System.Text.Json;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Reporting.Results;

namespace ScoutElo.Scoring.Reporting.Tests;

/// <summary>Issue 33: each verb's --json is a record serialized by one source-generated context: camelCase names in
/// declaration order, optional parts omitted when absent, non-finite figures as null.</summary>
public sealed class RunReportJsonTests
{
    [Fact]
    public void A_score_report_without_a_gate_has_no_gate_or_failing_and_names_in_order()
    {
        string json = ReportJson.Serialize(new ScoringRunReport(3, 2, 0.5, "out.jsonl", [new ResultWarning("input-empty", null, null, "m")]));
        Assert.Equal("{\"n\":3,\"applicable\":2,\"meanComposite\":0.5,\"out\":\"out.jsonl\",\"warnings\":[{\"code\":\"input-empty\",\"task\":null,\"dimension\":null,\"message\":\"m\"}]}", json);
        string gated = ReportJson.Serialize(new ScoringRunReport(1, 0, null, "stdout", []) { Gate = GateResult.Of(["x"]), Failing = ["a"] });
        Assert.Equal("{\"n\":1,\"applicable\":0,\"meanComposite\":null,\"out\":\"stdout\",\"warnings\":[],\"gate\":{\"passed\":false,\"failures\":[\"x\"]},\"failing\":[\"a\"]}", gated);
    }

    [Fact]
    public void Correlation_figures_omit_an_absent_interval_and_reason_and_turn_nan_into_null()
    {
        var figures = CorrelationFigures.From(new CorrelationSummary { N = 4, Pearson = double.NaN, Spearman = 0.25, Kendall = null, Reason = "constant scores" })!;
        Assert.Null(figures.Pearson);
        Assert.Null(figures.PearsonLow);
        Assert.Equal("constant scores", figures.Reason);
        Assert.Null(CorrelationFigures.From(null));
        string json = ReportJson.Serialize(new EvaluationRunReport(4, 0, figures, CorrelationFigures.ByName([KeyValuePair.Create("b", new CorrelationSummary { N = 4 }), KeyValuePair.Create("a", new CorrelationSummary { N = 4 })]),
            new Dictionary<string, CorrelationFigures?>(), new ConsensusFigures(null, null), []));
        Assert.StartsWith("{\"n\":4,\"skippedMissingLabel\":0,\"composite\":{\"n\":4,\"pearson\":null,\"spearman\":0.25,\"kendall\":null,\"reason\":\"constant scores\"},\"dimensions\":{\"b\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"gate\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_record_stores_a_non_finite_figure_as_null()
    {
        Assert.Null(new CurvePoint(1, 3, double.NaN).Pearson);
        Assert.Null(new ScoringRunReport(1, 1, double.PositiveInfinity, "x", []).MeanComposite);
        Assert.Null((new CorrelationFigures(3, 0.5, null, null) with { Pearson = double.NaN, PearsonLow = double.NegativeInfinity }).Pearson);
        Assert.Contains("\"pearson\":null", ReportJson.Serialize(new PoqRunReport("trust", "flip", 5, 1, 10, 0.1, double.NaN, 0.2)), StringComparison.Ordinal);
        var kept = new AdaptedTask("qa", 10, 3, double.PositiveInfinity, true, null, null, null, null, new Dictionary<string, double>(), []);
        Assert.Null(kept.Strength);
        Assert.Equal(0.25, new DomainCalibratedTask("qa", 10, "Equal", "mean", 0.25, [], new Dictionary<string, double>()).MeanLeftOut);
    }

    [Fact]
    public void A_simulation_report_prints_the_incentives_between_rewards_and_poq_only_when_audited()
    {
        var rewards = new RewardFigures("gated", 0.9, 0, []);
        var poq = new PoqFigures("trust", 9, 3, 0.01, 0.1, 0.33);
        var plain = JsonDocument.Parse(ReportJson.Serialize(new SimulationRunReport([], 0.8, rewards, poq))).RootElement;
        Assert.Equal(["leaderboard", "groundTruthSpearman", "rewards", "poq"], plain.EnumerateObject().Select(p => p.Name));
        var audited = JsonDocument.Parse(ReportJson.Serialize(new SimulationRunReport([], 0.8, rewards, poq) { Incentives = new IncentiveFigures(true, 0.02, []) })).RootElement;
        Assert.Equal(["leaderboard", "groundTruthSpearman", "rewards", "incentives", "poq"], audited.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Score_rows_are_written_in_each_format()
    {
        var report = ScoutElo.Scoring.Dimensions.BuiltInDimensions.CreateScorer().Score(new ScoringInput { Response = "Paris is the capital of France.", Query = "What is the capital of France?", References = ["Paris"], Task = TaskKind.Qa });
        var jsonl = new StringWriter();
        var rows = new ScoreRowWriter(ScoreRowFormat.Jsonl, jsonl);
        rows.Row("q1", report);
        rows.Complete(1);
        var row = JsonDocument.Parse(jsonl.ToString()).RootElement;
        Assert.Equal("q1", row.GetProperty("id").GetString());
        Assert.Equal(report.Composite.Value, row.GetProperty("composite").GetDouble());
        Assert.Equal(report.Dimensions.Count, row.GetProperty("dimensions").EnumerateObject().Count());
        var junit = new StringWriter();
        var failing = new ScoreRowWriter(ScoreRowFormat.Junit, junit, threshold: 1.01, thresholdName: "the bar");
        failing.Row("a&b", report);
        failing.Complete(1);
        Assert.Contains("failures=\"1\"", junit.ToString(), StringComparison.Ordinal);
        Assert.Contains("name=\"a&amp;b\"", junit.ToString(), StringComparison.Ordinal);
        Assert.Contains("is below the bar 1.01", junit.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoreRowWriter((ScoreRowFormat)9, junit));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoreRowWriter(ScoreRowFormat.Junit, junit, double.NaN));
    }
}

/// <summary>Only the result records are serialized: anything else is an error naming the parameter.</summary>
public sealed class ReportJsonTypeTests
{
    [Fact]
    public void Another_type_is_refused()
    {
        Assert.Equal("report", Assert.Throws<ArgumentException>(() => ReportJson.Serialize("text")).ParamName);
        Assert.Equal("report", Assert.Throws<ArgumentNullException>(() => ReportJson.Serialize<PoqRunReport>(null!)).ParamName);
    }
}
