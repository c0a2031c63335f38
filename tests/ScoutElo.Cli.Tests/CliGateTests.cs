using System.Text.Json;
using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 24 (gates): <c>evaluate --min-pearson/--min-spearman</c> and <c>score --fail-below [--max-fail-share]</c>
/// exit with code 3 when the gate fails, naming what failed, and 0 when it holds; bad gate values are bad input (1).</summary>
public sealed class CliGateTests
{
    private static (string Outputs, string Profile) Demo()
    {
        string dir = TempDirectory();
        Assert.Equal(0, Run("init", "--dir", dir).Code);
        string outputs = Path.Combine(dir, "outputs.jsonl"), profile = Path.Combine(dir, "profile.json");
        var (code, _, err) = Run("calibrate", "--data", outputs, "--label", "quality", "--out", profile);
        Assert.True(code == 0, err);
        return (outputs, profile);
    }

    [Fact]
    public void Evaluate_gates_exit_3_when_the_correlation_is_below_and_0_when_it_holds()
    {
        var (outputs, profile) = Demo();
        var failed = Run("evaluate", "--data", outputs, "--label", "quality", "--profile", profile, "--min-pearson", "0.99", "--json");
        Assert.Equal(3, failed.Code);
        Assert.Contains("gate failed: composite Pearson", failed.Err, StringComparison.Ordinal);
        Assert.Contains("--min-pearson 0.99", failed.Err, StringComparison.Ordinal);
        var gate = JsonDocument.Parse(failed.Out).RootElement.GetProperty("gate");
        Assert.False(gate.GetProperty("passed").GetBoolean());
        Assert.Equal(1, gate.GetProperty("failures").GetArrayLength());

        var passed = Run("evaluate", "--data", outputs, "--label", "quality", "--profile", profile, "--min-pearson", "0", "--min-spearman", "0", "--json");
        Assert.True(passed.Code == 0, passed.Err);
        Assert.True(JsonDocument.Parse(passed.Out).RootElement.GetProperty("gate").GetProperty("passed").GetBoolean());

        var both = Run("evaluate", "--data", outputs, "--label", "quality", "--profile", profile, "--min-pearson", "0", "--min-spearman", "0.999");
        Assert.Equal(3, both.Code);
        Assert.Contains("Spearman", both.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Pearson", both.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_gate_names_the_failing_items_and_honours_the_tolerated_share()
    {
        var (outputs, profile) = Demo();
        string scores = Path.Combine(TempDirectory(), "scores.jsonl");
        var failed = Run("score", "--data", outputs, "--profile", profile, "--out", scores, "--fail-below", "0.99", "--json");
        Assert.Equal(3, failed.Code);
        var root = JsonDocument.Parse(failed.Out).RootElement;
        var failing = root.GetProperty("failing").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.NotEmpty(failing);
        Assert.Contains(failing[0], failed.Err, StringComparison.Ordinal);
        Assert.True(File.Exists(scores)); // the scores are written whether or not the gate holds
        // Every failing id really is below the threshold in the written scores.
        var composite = File.ReadLines(scores).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("composite").ValueKind == JsonValueKind.Null ? -1 : e.GetProperty("composite").GetDouble());
        Assert.All(failing, id => Assert.True(composite[id] < 0.99));
        Assert.Equal(composite.Count(kv => kv.Value < 0.99), failing.Count);

        Assert.Equal(0, Run("score", "--data", outputs, "--profile", profile, "--out", scores, "--fail-below", "0.99", "--max-fail-share", "1").Code);
        Assert.Equal(0, Run("score", "--data", outputs, "--profile", profile, "--out", scores, "--fail-below", "0").Code);
    }

    [Fact]
    public void Evaluate_writes_an_html_report_with_labelled_charts()
    {
        var (outputs, profile) = Demo();
        string dir = Path.Combine(TempDirectory(), "report");
        var (code, _, err) = Run("evaluate", "--data", outputs, "--label", "quality", "--profile", profile, "--report", dir);
        Assert.True(code == 0, err);
        string html = File.ReadAllText(Path.Combine(dir, "index.html"));
        var svgs = System.Text.RegularExpressions.Regex.Matches(html, "<svg.*?</svg>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.Equal(2, svgs.Count);
        foreach (System.Text.RegularExpressions.Match svg in svgs) System.Xml.Linq.XElement.Parse(svg.Value); // well-formed
        Assert.Contains("Pearson correlation with quality", html, StringComparison.Ordinal);
        Assert.Contains("composite score (0–1)", html, StringComparison.Ordinal);
        Assert.Contains("dimension semantic", html, StringComparison.Ordinal);

        string calDir = Path.Combine(TempDirectory(), "cal");
        var cal = Run("calibrate", "--data", outputs, "--label", "quality", "--out", Path.Combine(TempDirectory(), "p.json"), "--html-report", calDir);
        Assert.True(cal.Code == 0, cal.Err);
        string calHtml = File.ReadAllText(Path.Combine(calDir, "index.html"));
        foreach (System.Text.RegularExpressions.Match svg in System.Text.RegularExpressions.Regex.Matches(calHtml, "<svg.*?</svg>", System.Text.RegularExpressions.RegexOptions.Singleline))
            System.Xml.Linq.XElement.Parse(svg.Value);
        Assert.Contains("composite (out of fold)", calHtml, StringComparison.Ordinal);
        Assert.Contains("weight in the composite", calHtml, StringComparison.Ordinal);
        Assert.Contains("composite score (0–1), in sample", calHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evaluate", "--min-pearson", "1.5")]
    [InlineData("score", "--fail-below", "-0.1")]
    [InlineData("score", "--max-fail-share", "0.5")]
    public void Bad_gate_values_are_bad_input_naming_the_flag(string verb, string flag, string value)
    {
        string data = Temp("d.jsonl", "{\"id\":\"1\",\"query\":\"q\",\"response\":\"r\",\"references\":[\"r\"],\"labels\":{\"quality\":1}}\n");
        string[] args = verb == "evaluate"
            ? ["evaluate", "--data", data, "--label", "quality", "--profile", Temp("p.json", "{}"), flag, value]
            : ["score", "--data", data, "--out", Path.Combine(TempDirectory(), "s.jsonl"), flag, value];
        var (code, _, err) = Run(args);
        Assert.Equal(1, code);
        Assert.Contains(flag, err, StringComparison.Ordinal);
    }
}
