using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck.Xunit;
using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 38: item-level pages for score and evaluate (every item, worst first, why a dimension did not apply; with
/// --compare the change against a previous run), rendered by a real browser: headless Chromium from Debian, which
/// .ci/run installs when missing.</summary>
public sealed partial class CliItemReportTests
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>A test that needs headless Chromium; skipped, saying so, where it is not installed.</summary>
    internal sealed class ChromiumFactAttribute : FactAttribute
    {
        public ChromiumFactAttribute()
        {
            if (!File.Exists(Chromium)) Skip = $"{Chromium} is not installed (apt-get install chromium; .ci/run installs it)";
        }
    }

    private static (string Dir, string Data, string Old) Demo()
    {
        string dir = TempDirectory();
        Assert.Equal(0, Run("init", "--dir", Path.Combine(dir, "demo")).Code);
        string data = Path.Combine(dir, "demo", "outputs.jsonl"), old = Path.Combine(dir, "old.jsonl");
        Assert.Equal(0, Run("score", "--data", data, "--no-adapt", "--out", old).Code);
        return (dir, data, old);
    }

    private static Dictionary<string, double> Composites(string jsonl) =>
        File.ReadLines(jsonl).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("composite").GetDouble());

    /// <summary>The page as the browser built it (scripts run), through Chromium's --dump-dom.</summary>
    private static string Rendered(string page, string hash = "") => Dom(new Uri(page).AbsoluteUri + hash);

    /// <summary>A page (file or http URL) as the browser built it after its scripts ran, at a window width.</summary>
    internal static string Dom(string url, int width = 1280)
    {
        var psi = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", $"--user-data-dir={TempDirectory()}",
            $"--window-size={width},1000", "--virtual-time-budget=5000", "--dump-dom", url })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var dom = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "chromium did not finish in 60 s");
        return dom.GetAwaiter().GetResult();
    }

    private static List<string> RowIds(string dom) => [.. RowPattern().Matches(dom).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];

    [ChromiumFact]
    public void The_score_page_lists_every_item_biggest_drop_first_in_a_real_browser()
    {
        var (dir, data, old) = Demo();
        string fresh = Path.Combine(dir, "new.jsonl"), report = Path.Combine(dir, "report");
        var run = Run("score", "--data", data, "--out", fresh, "--report", report, "--compare", old);
        Assert.True(run.Code == 0, run.Err);
        var before = Composites(old);
        var after = Composites(fresh);
        string dom = Rendered(Path.Combine(report, "index.html"));
        var ids = RowIds(dom);
        Assert.Equal(after.Count, ids.Count);
        Assert.Equal(after.Keys.OrderBy(k => k), ids.OrderBy(k => k));
        var deltas = ids.Select(id => after[id] - before[id]).ToList();
        Assert.True(deltas.Zip(deltas.Skip(1)).All(p => p.First <= p.Second + 1e-12), "rows are not sorted by the change, biggest drop first");
        Assert.Contains($"data-rows=\"{after.Count}\"", dom, StringComparison.Ordinal);

        // A link's #q= filter: only the matching items.
        string one = ids[3];
        var filtered = RowIds(Rendered(Path.Combine(report, "index.html"), "#q=" + Uri.EscapeDataString(one)));
        Assert.Contains(one, filtered);
        Assert.All(filtered, id => Assert.Contains(one, File.ReadLines(data).First(l => l.Contains($"\"{id}\"", StringComparison.Ordinal)), StringComparison.Ordinal));
    }

    [ChromiumFact]
    public void The_evaluate_page_lists_every_labelled_item_with_its_label_in_a_real_browser()
    {
        var (dir, data, _) = Demo();
        string report = Path.Combine(dir, "eval");
        var run = Run("evaluate", "--data", data, "--label", "quality", "--report", report);
        Assert.True(run.Code == 0, run.Err);
        string dom = Rendered(Path.Combine(report, "index.html"));
        int labelled = File.ReadLines(data).Count(l => l.Contains("\"quality\"", StringComparison.Ordinal));
        Assert.Equal(labelled, RowIds(dom).Count);
        Assert.Contains("label quality", dom, StringComparison.Ordinal);
        var composites = CompositeCells().Matches(dom).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(labelled, composites.Count);
        Assert.True(composites.Zip(composites.Skip(1)).All(p => p.First <= p.Second), "rows are not worst first");
    }

    [Fact]
    public void An_item_text_cannot_end_the_script_that_carries_it()
    {
        string dir = TempDirectory(), data = Path.Combine(dir, "d.jsonl");
        File.WriteAllText(data, "{\"id\":\"x</script><script>alert(1)</script>\",\"task\":\"qa\",\"query\":\"q\",\"response\":\"</script><img src=x onerror=alert(2)>\",\"references\":[\"a\"]}\n");
        var run = Run("score", "--data", data, "--out", Path.Combine(dir, "s.jsonl"), "--report", Path.Combine(dir, "r"));
        Assert.True(run.Code == 0, run.Err);
        string page = File.ReadAllText(Path.Combine(dir, "r", "index.html"));
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        string island = DataIsland().Match(page).Groups[1].Value;
        var items = JsonDocument.Parse(island).RootElement.GetProperty("items");
        Assert.Equal("</script><img src=x onerror=alert(2)>", items[0].GetProperty("response").GetString());
    }

    [Fact]
    public void Compare_needs_a_report_and_a_score_file()
    {
        var (dir, data, old) = Demo();
        var alone = Run("score", "--data", data, "--out", Path.Combine(dir, "a.jsonl"), "--compare", old);
        Assert.Equal(1, alone.Code);
        Assert.Contains("--compare: applies only with --report", alone.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "a.jsonl")));
        string bad = Path.Combine(dir, "bad.jsonl");
        File.WriteAllText(bad, "{\"id\":\"a\",\"composite\":0.5}\nnot json\n");
        var broken = Run("score", "--data", data, "--out", Path.Combine(dir, "b.jsonl"), "--report", Path.Combine(dir, "r"), "--compare", bad);
        Assert.Equal(1, broken.Code);
        Assert.Contains($"--compare: {bad}:2:", broken.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "r")));
    }

    [Property(MaxTest = 300)]
    public bool Axis_ticks_and_figures_never_read_minus_zero(double a, double b, byte digits)
    {
        if (!double.IsFinite(a) || !double.IsFinite(b) || Math.Abs(a) > 1e6 || Math.Abs(b) > 1e6) return true;
        string format = "0." + new string('0', 1 + (digits % 4));
        var ticks = SvgChart.Ticks(Math.Min(a, b), Math.Max(a, b));
        return ticks.All(t => !IsMinusZero(SvgChart.Num(t, format))) && !IsMinusZero(SvgChart.Num(a, format)) && !IsMinusZero(SvgChart.Num(-Math.Abs(a) / 1e9, format));
    }

    private static bool IsMinusZero(string text) => text.StartsWith('-') && text.TrimStart('-').All(c => c is '0' or '.');

    [GeneratedRegex("<tr class=\"row\" data-id=\"([^\"]*)\"")]
    private static partial Regex RowPattern();

    [GeneratedRegex("<tr class=\"row\" data-id=\"[^\"]*\"><td class=\"l\">[^<]*</td><td class=\"l\">[^<]*</td><td[^>]*>([0-9.]+)</td>")]
    private static partial Regex CompositeCells();

    [GeneratedRegex("<script type=\"application/json\" id=\"items-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataIsland();
}
