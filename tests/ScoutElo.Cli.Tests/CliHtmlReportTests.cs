using System.Text.Json;
using System.Text.RegularExpressions;
using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 33: every HTML report is the one template with the verb's --json result as its data island.</summary>
public sealed partial class CliHtmlReportTests
{
    private static string Island(string html)
    {
        var m = IslandPattern().Match(html);
        Assert.True(m.Success, "the page has no scoutelo-result data island");
        return m.Groups[1].Value.Replace("<\\/", "</", StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_settle_and_evaluate_pages_carry_their_json_result()
    {
        string dir = TempDirectory(), traffic = Path.Combine(dir, "t.jsonl");
        var sim = Run("simulate", "--rounds", "80", "--no-audit", "--report", Path.Combine(dir, "sim"), "--traffic-out", traffic, "--json");
        Assert.True(sim.Code == 0, sim.Err);
        string simPage = File.ReadAllText(Path.Combine(dir, "sim", "index.html"));
        Assert.Equal(sim.Out.Trim(), Island(simPage));
        Assert.Contains("<svg", simPage, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(simPage, "<style>"));

        var settle = Run("settle", "--data", traffic, "--state", Path.Combine(dir, "s.db"), "--report", Path.Combine(dir, "settle"), "--json");
        Assert.True(settle.Code == 0, settle.Err);
        Assert.Equal(settle.Out.Trim(), Island(File.ReadAllText(Path.Combine(dir, "settle", "index.html"))));

        Assert.Equal(0, Run("init", "--dir", Path.Combine(dir, "demo")).Code);
        var eval = Run("evaluate", "--data", Path.Combine(dir, "demo", "outputs.jsonl"), "--label", "quality", "--report", Path.Combine(dir, "eval"), "--json");
        Assert.True(eval.Code == 0, eval.Err);
        string evalPage = File.ReadAllText(Path.Combine(dir, "eval", "index.html"));
        Assert.Equal(JsonDocument.Parse(eval.Out).RootElement.GetRawText(), JsonDocument.Parse(Island(evalPage)).RootElement.GetRawText());
        Assert.DoesNotContain("ProfileWarning {", evalPage, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"scoutelo-result\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex IslandPattern();
}
