using System.Diagnostics;
using System.Text.Json;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 20's bar through the command: simulate → traffic → settle reproduces the simulation; settling again settles
/// nothing; a settle killed with SIGKILL and run again ends where an uninterrupted run ends.</summary>
public sealed class SettleCliTests
{
    private static JsonElement Json(string stdout) => JsonDocument.Parse(stdout).RootElement;

    private static Dictionary<string, (long Reward, double Rating)> Nodes(JsonElement root, string array) =>
        root.GetProperty(array).EnumerateArray().ToDictionary(n => n.GetProperty("node").GetString()!, n => (n.GetProperty("reward").GetInt64(), n.GetProperty("rating").GetDouble()));

    [Fact]
    public void Settling_simulated_traffic_reproduces_the_simulation_and_a_second_run_settles_nothing()
    {
        string dir = CliBadInputTests.TempDirectory(), traffic = Path.Combine(dir, "t.jsonl"), state = Path.Combine(dir, "s.db");
        var (code, sim, err) = CliBadInputTests.Run("simulate", "--rounds", "150", "--no-audit", "--seed", "2", "--traffic-out", traffic, "--json");
        Assert.True(code == 0, err);
        (code, var settled, err) = CliBadInputTests.Run("settle", "--data", traffic, "--state", state, "--json");
        Assert.True(code == 0, err);
        var expected = Nodes(Json(sim), "leaderboard");
        var got = Nodes(Json(settled), "nodes");
        Assert.Equal(expected.Count, got.Count);
        foreach (var (node, (reward, rating)) in expected)
        {
            Assert.Equal(reward, got[node].Reward);
            Assert.Equal(rating, got[node].Rating, 1e-9);
        }
        Assert.Equal(150, Json(settled).GetProperty("roundsSettled").GetInt32());

        (code, var refused, err) = CliBadInputTests.Run("settle", "--data", traffic, "--state", state, "--period", "7", "--json");
        Assert.Equal(1, code);
        Assert.Equal("", refused);
        Assert.Contains("--state", err, StringComparison.Ordinal);
        Assert.Contains("period=20", err, StringComparison.Ordinal);
        Assert.Contains("--period", err, StringComparison.Ordinal);

        (code, var again, err) = CliBadInputTests.Run("settle", "--data", traffic, "--state", state, "--json");
        Assert.True(code == 0, err);
        Assert.Equal(0, Json(again).GetProperty("roundsSettled").GetInt32());
        Assert.Equal(150, Json(again).GetProperty("roundsSkipped").GetInt32());
        Assert.Equal(Json(settled).GetProperty("nodes").GetRawText(), Json(again).GetProperty("nodes").GetRawText());

        (code, var ledger, err) = CliBadInputTests.Run("ledger", "--state", state, "--json");
        Assert.True(code == 0, err);
        Assert.True(Json(ledger).GetProperty("sumsToStandings").GetBoolean());
        var totals = Json(ledger).GetProperty("totals").EnumerateArray().Where(t => t.GetProperty("party").GetString() == "node" && t.GetProperty("recipient").ValueKind == JsonValueKind.String)
            .ToDictionary(t => t.GetProperty("recipient").GetString()!, t => t.GetProperty("amount").GetInt64());
        foreach (var (node, (reward, _)) in expected) Assert.Equal(reward, totals.GetValueOrDefault(node));

        (code, var board, err) = CliBadInputTests.Run("leaderboard", "--state", state, "--json");
        Assert.True(code == 0, err);
        Assert.Equal(Json(settled).GetProperty("nodes").GetRawText(), Json(board).GetProperty("nodes").GetRawText());
        Assert.Equal(Json(settled).GetProperty("evaluators").GetRawText(), Json(board).GetProperty("evaluators").GetRawText());
    }

    [Fact]
    public void A_round_id_reused_with_other_content_is_refused_naming_the_round_and_the_line_and_nothing_is_settled()
    {
        string dir = CliBadInputTests.TempDirectory(), traffic = Path.Combine(dir, "t.jsonl"), state = Path.Combine(dir, "s.db");
        var (code, _, err) = CliBadInputTests.Run("simulate", "--rounds", "60", "--no-audit", "--traffic-out", traffic);
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(traffic);
        File.WriteAllLines(Path.Combine(dir, "first.jsonl"), lines.Take(lines.Length / 2));
        (code, _, err) = CliBadInputTests.Run("settle", "--data", Path.Combine(dir, "first.jsonl"), "--state", state);
        Assert.True(code == 0, err);
        (code, string before, err) = CliBadInputTests.Run("ledger", "--state", state, "--json");
        Assert.True(code == 0, err);
        // The same file again, but the third line's response says something else: its round id now names another round.
        var changed = lines.ToArray();
        var line = JsonDocument.Parse(changed[2]).RootElement;
        string round = line.GetProperty("round").GetString()!;
        changed[2] = changed[2].Replace(line.GetProperty("response").GetString()!, "Something else entirely.", StringComparison.Ordinal);
        File.WriteAllLines(Path.Combine(dir, "again.jsonl"), changed);
        (code, var stdout, err) = CliBadInputTests.Run("settle", "--data", Path.Combine(dir, "again.jsonl"), "--state", state);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains($"'{round}'", err, StringComparison.Ordinal);
        Assert.Contains("again.jsonl:", err, StringComparison.Ordinal);
        Assert.Contains("different content", err, StringComparison.Ordinal);
        Assert.Equal(before, CliBadInputTests.Run("ledger", "--state", state, "--json").Out); // nothing settled, not even the new rounds
        // Within one run's input, too (a file reuses an id of an earlier file): the first occurrence is named.
        File.WriteAllLines(Path.Combine(dir, "one.jsonl"), lines.Where(l => l.Contains($"\"round\":\"{round}\"", StringComparison.Ordinal)));
        File.WriteAllLines(Path.Combine(dir, "two.jsonl"), changed.Where(l => l.Contains($"\"round\":\"{round}\"", StringComparison.Ordinal)));
        (code, _, err) = CliBadInputTests.Run("settle", "--data", Path.Combine(dir, "one.jsonl"), "--data", Path.Combine(dir, "two.jsonl"));
        Assert.Equal(1, code);
        Assert.Contains("two.jsonl:1", err, StringComparison.Ordinal);
        Assert.Contains("first at", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_settle_killed_at_a_random_moment_and_run_again_ends_like_an_uninterrupted_run()
    {
        string dir = CliBadInputTests.TempDirectory(), traffic = Path.Combine(dir, "t.jsonl");
        var (code, _, err) = CliBadInputTests.Run("simulate", "--rounds", "600", "--no-audit", "--traffic-out", traffic);
        Assert.True(code == 0, err);
        (code, var whole, err) = CliBadInputTests.Run("settle", "--data", traffic, "--state", Path.Combine(dir, "whole.db"), "--json");
        Assert.True(code == 0, err);
        var random = new Random(20);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            string state = Path.Combine(dir, $"killed{attempt}.db");
            var psi = CliBadInputTests.StartInfo("settle", "--data", traffic, "--state", state);
            using (var p = Process.Start(psi)!)
            {
                p.StandardOutput.ReadToEndAsync();
                p.StandardError.ReadToEndAsync();
                Thread.Sleep(200 + random.Next(1200));
                if (!p.HasExited) p.Kill(); // SIGKILL on Unix
                Assert.True(p.WaitForExit(30_000));
            }
            (code, var resumed, err) = CliBadInputTests.Run("settle", "--data", traffic, "--state", state, "--json");
            Assert.True(code == 0, err);
            foreach (var field in new[] { "nodes", "evaluators", "unallocated", "periods", "totalRoundsSettled" })
                Assert.Equal(Json(whole).GetProperty(field).GetRawText(), Json(resumed).GetProperty(field).GetRawText());
        }
    }

    [Fact]
    public void Bad_traffic_names_the_file_and_line_and_commits_nothing_of_its_period()
    {
        string dir = CliBadInputTests.TempDirectory(), state = Path.Combine(dir, "s.db");
        string data = Path.Combine(dir, "bad.jsonl");
        File.WriteAllText(data,
            "{\"round\":\"r1\",\"id\":\"a\",\"node\":\"a\",\"response\":\"x\",\"metrics\":{\"latency_ms\":10,\"output_tokens\":2,\"uptime\":1},\"judgments\":{\"e\":[0.5]}}\n"
            + "{\"round\":\"r2\",\"id\":\"a\",\"node\":\"a\",\"response\":\"x\",\"judgments\":{\"e\":[0.5]}}\n");
        var (code, stdout, err) = CliBadInputTests.Run("settle", "--data", data, "--state", state, "--json");
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("bad.jsonl:2", err, StringComparison.Ordinal);
        Assert.Contains("latency_ms", err, StringComparison.Ordinal);
        Assert.False(File.Exists(state), "a failed first settle leaves no state file behind");
        (code, _, err) = CliBadInputTests.Run("leaderboard", "--state", Path.Combine(dir, "missing.db"));
        Assert.Equal(1, code);
        Assert.Contains("--state", err, StringComparison.Ordinal);
    }
}
