using System.Text.Json;
using ScoutElo.Scoring.Calibration;
using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 22 on the command line: calibrate across datasets (several --data, leave one out), the shipped default
/// profile when no --profile is given (adapted without labels unless --no-adapt), and --adapt.</summary>
public sealed class CliTransferTests
{
    /// <summary>The demo outputs, split into two datasets by line parity.</summary>
    private static (string A, string B, string Dir) TwoDatasets()
    {
        string dir = TempDirectory();
        Assert.Equal(0, Run("init", "--dir", dir).Code);
        var lines = File.ReadAllLines(Path.Combine(dir, "outputs.jsonl"));
        string a = Path.Combine(dir, "a.jsonl"), b = Path.Combine(dir, "b.jsonl");
        File.WriteAllLines(a, lines.Where((_, i) => i % 2 == 0));
        File.WriteAllLines(b, lines.Where((_, i) => i % 2 == 1));
        return (a, b, dir);
    }

    [Fact]
    public void Calibrate_across_datasets_reports_each_left_out_figure_and_writes_provenance()
    {
        var (a, b, dir) = TwoDatasets();
        string profile = Path.Combine(dir, "across.json"), report = Path.Combine(dir, "across.md");
        var (code, stdout, err) = Run("calibrate", "--data", a, "--data", b, "--label", "quality", "--out", profile, "--report", report, "--description", "two halves", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        foreach (var task in doc.RootElement.GetProperty("tasks").EnumerateArray())
        {
            var datasets = task.GetProperty("datasets").EnumerateArray().ToList();
            Assert.Equal(["a", "b"], datasets.Select(d => d.GetProperty("name").GetString()));
            Assert.All(datasets, d => Assert.Equal(JsonValueKind.Object, d.GetProperty("leftOut").ValueKind));
        }
        var written = CalibrationProfile.FromJson(File.ReadAllText(profile));
        Assert.Equal("two halves", written.Description);
        Assert.Contains(written.Provenance, p => p.Name == "a" && p.LeftOutPearson is not null);
        Assert.Contains("left out (fitted on the others)", File.ReadAllText(report), StringComparison.Ordinal);

        // --pool keeps the old meaning: one dataset.
        Assert.Equal(0, Run("calibrate", "--data", a, "--data", b, "--pool", "--label", "quality", "--out", Path.Combine(dir, "pooled.json")).Code);
        Assert.Empty(CalibrationProfile.FromJson(File.ReadAllText(Path.Combine(dir, "pooled.json"))).Provenance);
    }

    [Theory]
    [InlineData("--label", "give one label for all 2 files or one per --data")]
    [InlineData("--policy", "--policy: across datasets")]
    [InlineData("--history-out", "--history-out: calibration across datasets")]
    [InlineData("--objective", "--objective: unknown objective")]
    [InlineData("--isotonic", "--isotonic: applies to a single-dataset calibration")]
    public void Calibrate_across_datasets_refuses_flags_that_do_not_apply_naming_them(string flag, string message)
    {
        var (a, b, dir) = TwoDatasets();
        string[] extra = flag switch
        {
            "--label" => ["--label", "quality", "--label", "quality", "--label", "quality"],
            "--policy" => ["--label", "quality", "--policy", "nnls"],
            "--history-out" => ["--label", "quality", "--history-out", Path.Combine(dir, "h.jsonl")],
            "--isotonic" => ["--label", "quality", "--isotonic"],
            _ => ["--label", "quality", "--objective", "median"],
        };
        string output = Path.Combine(dir, "p.json");
        var (code, stdout, err) = Run(["calibrate", "--data", a, "--data", b, "--out", output, .. extra]);
        Assert.Equal(1, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Score_and_evaluate_without_a_profile_use_the_shipped_default_adapted_unless_no_adapt()
    {
        var (a, _, dir) = TwoDatasets();
        var adapted = Run("evaluate", "--data", a, "--label", "quality", "--json");
        Assert.True(adapted.Code == 0, adapted.Err);
        Assert.Contains("profile: the shipped default", adapted.Err, StringComparison.Ordinal);
        Assert.Contains("adapted to these inputs without labels", adapted.Err, StringComparison.Ordinal);
        var fitted = Run("evaluate", "--data", a, "--label", "quality", "--no-adapt", "--json");
        Assert.True(fitted.Code == 0, fitted.Err);
        Assert.Contains(", as fitted", fitted.Err, StringComparison.Ordinal);

        string scores = Path.Combine(dir, "s.jsonl");
        var score = Run("score", "--data", a, "--out", scores, "--no-adapt");
        Assert.True(score.Code == 0, score.Err);
        // As fitted, every composite is the default profile's: the same scorer scores the same inputs.
        var inputs = ScoutElo.Scoring.Reporting.LoggedOutputJsonl.ReadFile(a).Select(r => r.Input).ToList();
        var expected = CalibrationProfile.Default.CreateScorer(data: inputs).ScoreBatch(inputs);
        var written = File.ReadAllLines(scores).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("composite")).ToList();
        for (int i = 0; i < inputs.Count; i++)
        {
            if (expected[i].Composite.Value is { } c) Assert.Equal(c, written[i].GetDouble(), 9);
            else Assert.Equal(JsonValueKind.Null, written[i].ValueKind);
        }

        var (code, _, err) = Run("score", "--data", a, "--out", scores, "--profile", Path.Combine(dir, "none.json"), "--no-adapt");
        Assert.Equal(1, code);
        Assert.Contains("--no-adapt", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_adapt_prints_what_moved_and_scores_with_the_adapted_weights()
    {
        var (a, b, dir) = TwoDatasets();
        string profile = Path.Combine(dir, "p.json");
        Assert.Equal(0, Run("calibrate", "--data", a, "--label", "quality", "--out", profile).Code);
        var plain = Run("evaluate", "--data", b, "--label", "quality", "--profile", profile, "--json");
        var adapted = Run("evaluate", "--data", b, "--label", "quality", "--profile", profile, "--adapt", "--json");
        Assert.True(plain.Code == 0 && adapted.Code == 0, plain.Err + adapted.Err);
        Assert.Matches(@"warning \[(reweighted|no-partner)\]", adapted.Err);
        Assert.DoesNotMatch(@"warning \[(reweighted|no-partner)\]", plain.Err);
        // The same notes are in the JSON warnings.
        Assert.Contains(JsonDocument.Parse(adapted.Out).RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() is "reweighted" or "no-partner");
        // The library's own adaptation of the same profile to the same inputs gives the same composite.
        var records = ScoutElo.Scoring.Reporting.LoggedOutputJsonl.ReadFile(b).ToList();
        var expected = CalibrationProfile.FromJson(File.ReadAllText(profile)).AdaptUnlabeled([.. records.Select(r => r.Input)]).Profile;
        var report = EvaluationReport.Evaluate(expected, records, "quality");
        Assert.Equal(report.Composite.Pearson!.Value, JsonDocument.Parse(adapted.Out).RootElement.GetProperty("composite").GetProperty("pearson").GetDouble(), 9);
    }
}
