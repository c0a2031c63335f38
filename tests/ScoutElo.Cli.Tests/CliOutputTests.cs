using System.Diagnostics;
using System.Text.Json;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Simulation;
using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 26: outputs never destroy what they touch (symlinks written through, FIFOs and '-' streamed), long logs with
/// a few bad lines, warnings on inputs nothing can judge, flags that do not apply, degenerate judge scales, progress totals.</summary>
public sealed class CliOutputTests
{
    private const string Record = "{\"id\":\"1\",\"task\":\"qa\",\"query\":\"capital of France?\",\"response\":\"Paris\",\"references\":[\"Paris\"]}\n";

    [Fact]
    public void Out_through_a_symlink_writes_the_target_and_keeps_the_link()
    {
        if (OperatingSystem.IsWindows()) return;
        string dir = TempDirectory();
        string data = Path.Combine(dir, "d.jsonl"), target = Path.Combine(dir, "target.jsonl"), link = Path.Combine(dir, "link.jsonl");
        File.WriteAllText(data, Record);
        File.WriteAllText(target, "old\n");
        File.CreateSymbolicLink(link, target);
        var (code, _, err) = Run("score", "--data", data, "--out", link);
        Assert.True(code == 0, err);
        Assert.NotNull(new FileInfo(link).LinkTarget); // still a link
        Assert.Contains("\"id\":\"1\"", File.ReadAllText(target), StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFileSystemEntries(dir).Length); // no temp file left beside the target
    }

    [Fact]
    public async Task Out_to_a_fifo_streams_into_it_and_keeps_the_fifo()
    {
        if (!OperatingSystem.IsLinux()) return;
        string dir = TempDirectory();
        string data = Path.Combine(dir, "d.jsonl"), fifo = Path.Combine(dir, "pipe");
        File.WriteAllText(data, Record);
        using (var mk = Process.Start("mkfifo", [fifo])) { await mk.WaitForExitAsync(); Assert.Equal(0, mk.ExitCode); }
        var reader = Task.Run(() => File.ReadAllText(fifo)); // opening for reading blocks until the CLI opens it for writing
        var (code, _, err) = Run("score", "--data", data, "--out", fifo);
        if (code != 0) await using (File.OpenWrite(fifo)) { } // release the reader before failing
        Assert.True(code == 0, err);
        string text = await reader.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("\"id\":\"1\"", text, StringComparison.Ordinal);
        Assert.Equal("fifo", FileType(fifo)); // not replaced by a regular file
    }

    [Fact]
    public void Out_dash_writes_the_scores_on_stdout_and_the_summary_on_stderr()
    {
        string data = Temp("d.jsonl", Record);
        var (code, stdout, err) = Run("score", "--data", data, "--out", "-");
        Assert.True(code == 0, err);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("1", JsonDocument.Parse(line).RootElement.GetProperty("id").GetString());
        Assert.Contains("scored 1 responses", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_device_is_an_error_naming_the_flag()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/dev/full")) return;
        string data = Temp("d.jsonl", Record);
        var (code, stdout, err) = Run("score", "--data", data, "--out", "/dev/full");
        Assert.NotEqual(0, code);
        Assert.Equal("", stdout);
        // Notes (the default profile in use) may precede it; the error is the last line.
        Assert.StartsWith("scoutelo: --out:", err.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Equal("character special file", FileType("/dev/full")); // the device is still a device
    }

    [Fact]
    public void Skip_invalid_scores_the_good_lines_and_reports_the_bad_ones()
    {
        string data = Temp("mixed.jsonl", Record + "{not json\n" + Record.Replace("\"1\"", "\"2\"", StringComparison.Ordinal));
        string output = Path.Combine(TempDirectory(), "s.jsonl");
        var (strict, _, strictErr) = Run("score", "--data", data, "--out", output);
        Assert.NotEqual(0, strict);
        Assert.Contains("mixed.jsonl:2", strictErr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        var (code, _, err) = Run("score", "--data", data, "--out", output, "--skip-invalid");
        Assert.True(code == 0, err);
        Assert.Contains("skipped 1 invalid line(s)", err, StringComparison.Ordinal);
        Assert.Contains("mixed.jsonl:2", err, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void Inputs_nothing_can_judge_are_warned_about_on_stderr_and_in_json()
    {
        string empty = Temp("empty.jsonl", "");
        var (code, stdout, err) = Run("score", "--data", empty, "--out", Path.Combine(TempDirectory(), "s.jsonl"), "--json");
        Assert.True(code == 0, err);
        Assert.Contains("holds no records", err, StringComparison.Ordinal);
        var warnings = JsonDocument.Parse(stdout).RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ToList();
        Assert.Contains("input-empty", warnings);

        string ragas = Temp("ragas.jsonl", "{\"id\":\"r1\",\"user_input\":\"q?\",\"response\":\"an answer\",\"reference\":\"the answer\",\"retrieved_contexts\":[\"ctx\"]}\n");
        (code, _, err) = Run("score", "--data", ragas, "--out", Path.Combine(TempDirectory(), "s.jsonl"));
        Assert.True(code == 0, err);
        Assert.Contains("user_input", err, StringComparison.Ordinal);
        Assert.Contains("retrieved_contexts", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_extreme_judgment_is_not_applicable_through_the_api_and_the_cli()
    {
        var input = new ScoringInput { Response = "x", Judgments = new Dictionary<string, IReadOnlyList<double>> { ["judge"] = [-1e308] } };
        var score = new AgreementDimension().Score(input);
        Assert.False(score.IsApplicable);
        Assert.Throws<ArgumentException>(() => JudgmentScale.Infer([-1e308]));
        string data = Temp("j.jsonl", "{\"id\":\"1\",\"response\":\"x\",\"judgments\":{\"judge\":[-1e308]}}\n");
        var (code, _, err) = Run("score", "--data", data, "--out", Path.Combine(TempDirectory(), "s.jsonl"));
        Assert.True(code == 0, err);
    }

    [Fact]
    public void Rank_bt_with_bootstrap_uses_seeded_bootstrap_intervals_and_prints_ranks()
    {
        var lines = new List<string>();
        var rng = new Random(4);
        string[] nodes = ["a", "b", "c", "d"];
        for (int i = 0; i < 200; i++)
        {
            int x = rng.Next(4), y = (x + 1 + rng.Next(3)) % 4;
            lines.Add($"{{\"a\":\"{nodes[x]}\",\"b\":\"{nodes[y]}\",\"score\":{(rng.NextDouble() < 0.3 + (0.15 * (y - x)) ? 1 : 0)}}}");
        }
        string matches = Temp("m.jsonl", string.Join('\n', lines) + "\n");
        static List<(double Low, double High, int Rank)> Rows(string json) =>
            [.. JsonDocument.Parse(json).RootElement.GetProperty("nodes").EnumerateArray().Select(e => (e.GetProperty("low").GetDouble(), e.GetProperty("high").GetDouble(), e.GetProperty("rank").GetInt32()))];
        var sandwich = Rows(Run("rank", "--matches", matches, "--method", "bt", "--json").Out);
        var boot3 = Rows(Run("rank", "--matches", matches, "--method", "bt", "--bootstrap", "200", "--seed", "3", "--json").Out);
        var boot3Again = Rows(Run("rank", "--matches", matches, "--method", "bt", "--bootstrap", "200", "--seed", "3", "--json").Out);
        var boot4 = Rows(Run("rank", "--matches", matches, "--method", "bt", "--bootstrap", "200", "--seed", "4", "--json").Out);
        Assert.Equal(boot3, boot3Again);
        Assert.NotEqual(sandwich, boot3);
        Assert.NotEqual(boot3, boot4);
        Assert.All(boot3, r => Assert.InRange(r.Rank, 1, 4));
        Assert.Equal(1, boot3[0].Rank);
    }

    [Fact]
    public void The_audit_progress_counts_every_run_and_ends_at_its_total()
    {
        var options = new NetworkSimulationOptions { Rounds = 60, Scouts = 6, Evaluators = 5 };
        var seen = new List<int>();
        var progress = new SyncProgress(seen.Add);
        IncentiveAudit.Run(options, progress: progress);
        Assert.Equal(options.Rounds * IncentiveAudit.Runs(options), seen[^1]);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First < p.Second), "progress must increase");
    }

    /// <summary>The file type as stat(1) names it ("regular file", "fifo", "character special file").</summary>
    private static string FileType(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%F", path]) { RedirectStandardOutput = true })!;
        string type = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return type;
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
