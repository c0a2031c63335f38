using System.Text.RegularExpressions;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 15: the newcomer's path through the scoutelo command — example files, help with examples, plain output
/// when asked, and a report whose every chart has labeled axes.</summary>
public sealed partial class CliNewcomerTests
{
    [Fact]
    public void Init_writes_examples_that_every_verb_accepts_and_never_overwrites_silently()
    {
        string dir = Path.Combine(CliBadInputTests.TempDirectory(), "demo");
        var (code, stdout, err) = CliBadInputTests.Run("init", "--dir", dir);
        Assert.True(code == 0, err);
        Assert.Contains("scoutelo calibrate", stdout, StringComparison.Ordinal);
        string outputs = Path.Combine(dir, "outputs.jsonl"), matches = Path.Combine(dir, "matches.jsonl"), profile = Path.Combine(dir, "p.json");
        Assert.Equal(80, File.ReadAllLines(outputs).Length);

        (code, _, err) = CliBadInputTests.Run("calibrate", "--data", outputs, "--label", "quality", "--out", profile);
        Assert.True(code == 0, err);
        (code, _, err) = CliBadInputTests.Run("score", "--data", outputs, "--profile", profile, "--out", Path.Combine(dir, "s.jsonl"));
        Assert.True(code == 0, err);
        (code, stdout, err) = CliBadInputTests.Run("rank", "--matches", matches, "--method", "bt");
        Assert.True(code == 0, err);
        Assert.Contains("node-a", stdout, StringComparison.Ordinal);

        (code, stdout, err) = CliBadInputTests.Run("init", "--dir", dir);
        Assert.Equal(1, code);
        Assert.Contains("--force", err, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void Tokens_fill_missing_output_tokens_and_costs_so_cost_prior_can_judge_text_only_logs()
    {
        string data = CliBadInputTests.Temp("text-only.jsonl",
            "{\"id\":\"1\",\"task\":\"qa\",\"query\":\"who wrote hamlet\",\"response\":\"William Shakespeare wrote Hamlet.\",\"references\":[\"William Shakespeare\"]}\n"
            + "{\"id\":\"2\",\"task\":\"qa\",\"query\":\"capital of france\",\"response\":\"Paris.\",\"metrics\":{\"output_tokens\":3}}\n");
        string plain = Path.Combine(Path.GetDirectoryName(data)!, "plain.jsonl"), filled = Path.Combine(Path.GetDirectoryName(data)!, "filled.jsonl");
        var (code, _, err) = CliBadInputTests.Run("score", "--data", data, "--out", plain);
        Assert.True(code == 0, err);
        Assert.Contains("\"cost-prior\":null", File.ReadAllLines(plain)[0], StringComparison.Ordinal);
        (code, _, err) = CliBadInputTests.Run("score", "--data", data, "--tokens", "gpt-4o-mini", "--prices", "0.15,0.60", "--out", filled);
        Assert.True(code == 0, err);
        Assert.Contains("tokens (o200k_base): filled output_tokens for 1 and cost_usd for 2 of 2 records", err, StringComparison.Ordinal);
        Assert.All(File.ReadAllLines(filled), line => Assert.DoesNotContain("\"cost-prior\":null", line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("init")]
    [InlineData("simulate")]
    [InlineData("score")]
    [InlineData("calibrate")]
    [InlineData("evaluate")]
    [InlineData("poq")]
    [InlineData("rank")]
    [InlineData("settle")]
    [InlineData("leaderboard")]
    [InlineData("ledger")]
    public void Every_verb_help_shows_examples(string verb)
    {
        var (code, stdout, _) = CliBadInputTests.Run(verb, "--help");
        Assert.Equal(0, code);
        Assert.Contains("Examples:", stdout, StringComparison.Ordinal);
        Assert.Contains("scoutelo " + verb, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_output_is_plain_and_fits_80_columns_when_redirected_and_its_report_labels_every_chart()
    {
        string dir = Path.Combine(CliBadInputTests.TempDirectory(), "report");
        var (code, stdout, err) = CliBadInputTests.Run("simulate", "--rounds", "300", "--no-audit", "--no-color", "--report", dir);
        Assert.True(code == 0, err);
        Assert.DoesNotContain('\u001b', stdout);
        var tableLines = stdout.Split('\n').Where(l => l.Contains("scout-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(tableLines);
        Assert.All(tableLines, l => Assert.True(l.TrimEnd().Length <= 80, $"{l.Length} columns: {l}"));
        Assert.Contains("simulating: done in", err, StringComparison.Ordinal);

        string html = File.ReadAllText(Path.Combine(dir, "index.html"));
        var charts = Svg().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(3, charts.Count); // trajectories, consensus vs truth, reward by profile
        foreach (var svg in charts)
        {
            var texts = Text().Matches(svg).Select(m => m.Groups[1].Value).ToList();
            Assert.True(texts.Count(t => double.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out _)) >= 3, "tick labels: " + string.Join(" | ", texts));
            Assert.Contains(texts, t => t.Length > 8 && !double.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out _)); // an axis title
            Assert.DoesNotContain("hsl(", svg, StringComparison.Ordinal); // categorical colors, no wrapping hue scale
        }
        Assert.Contains("rotate(-90", charts[0], StringComparison.Ordinal); // y-axis title of the trajectories
        Assert.Contains("impostor", charts[0], StringComparison.Ordinal);   // the legend names the profiles
        Assert.Contains("impostor", charts[2], StringComparison.Ordinal);
    }

    [GeneratedRegex("<svg.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();

    [GeneratedRegex("<text[^>]*>([^<]*)</text>")]
    private static partial Regex Text();
}
