using System.Text.Json;
using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 33: verbs run in process against the writers they are given, one invocation's state never reaches the
/// next, and the real binary (a child process with its own console) prints the same as the in-process command.</summary>
public sealed class CliInvocationTests
{
    private const string Rows = "{\"id\":\"1\",\"task\":\"qa\",\"query\":\"What is the capital of France?\",\"response\":\"Paris.\",\"references\":[\"Paris\"]}\n"
        + "{\"id\":\"2\",\"task\":\"qa\",\"query\":\"Who wrote Hamlet?\",\"response\":\"Shakespeare wrote it.\",\"references\":[\"William Shakespeare\"]}\n";

    [Fact]
    public void A_warning_of_one_invocation_does_not_reach_the_next()
    {
        string empty = Temp("empty.jsonl", "");
        string data = Temp("d.jsonl", Rows);
        var first = Run("score", "--data", empty, "--out", Path.Combine(TempDirectory(), "a.jsonl"), "--json");
        Assert.Equal(0, first.Code);
        Assert.Contains("input-empty", Codes(first.Out));
        var second = Run("score", "--data", data, "--out", Path.Combine(TempDirectory(), "b.jsonl"), "--json");
        Assert.Equal(0, second.Code);
        Assert.DoesNotContain("input-empty", Codes(second.Out));
        Assert.DoesNotContain("input-empty", second.Err);
    }

    [Fact]
    public void Data_on_stdout_moves_the_summary_to_stderr_for_that_invocation_only()
    {
        string data = Temp("d.jsonl", Rows);
        var streamed = Run("score", "--data", data, "--out", "-");
        Assert.Equal(0, streamed.Code);
        Assert.Equal(2, streamed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("scored 2 responses", streamed.Err);
        var toFile = Run("score", "--data", data, "--out", Path.Combine(TempDirectory(), "s.jsonl"));
        Assert.Contains("scored 2 responses", toFile.Out);
        Assert.DoesNotContain("scored 2 responses", toFile.Err);
    }

    [Fact]
    public void The_binary_prints_what_the_in_process_command_prints()
    {
        string data = Temp("d.jsonl", Rows);
        var inProcess = Run("score", "--data", data, "--out", "-");
        var child = RunProcess("score", "--data", data, "--out", "-");
        Assert.Equal(0, child.Code);
        Assert.Equal(inProcess.Out, child.Out);
        var badInProcess = Run("scroe");
        var badChild = RunProcess("scroe");
        Assert.Equal(1, badChild.Code);
        Assert.Equal((badInProcess.Code, badInProcess.Out, badInProcess.Err), (badChild.Code, badChild.Out, badChild.Err));
    }

    private static List<string> Codes(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()!)];
    }
}

/// <summary>Issue 35: verify --equality through the command.</summary>
public sealed class CliVerifyTests
{
    private static string Answers(string name, Func<int, string> answer) =>
        CliBadInputTests.Temp(name, string.Concat(Enumerable.Range(0, 30).Select(i => $"{{\"id\":\"{i}\",\"query\":\"q{i}\",\"response\":\"{answer(i)}\"}}\n")));

    [Fact]
    public void The_equality_test_prints_its_verdict_and_refuses_bad_input_naming_the_flag()
    {
        string terse = Answers("terse.jsonl", i => $"{i % 7}"), wordy = Answers("wordy.jsonl", i => $"The answer is {i % 7}, I believe.");
        var (code, stdout, err) = CliBadInputTests.Run("verify", "--equality", "--data", terse, "--reference", wordy, "--permutations", "200", "--json");
        Assert.True(code == 0, err);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("different", json.GetProperty("verdict").GetString());
        Assert.Equal(30, json.GetProperty("paired").GetInt32());
        Assert.Equal(1.0 / 201, json.GetProperty("pValue").GetDouble());
        var same = CliBadInputTests.Run("verify", "--equality", "--data", wordy, "--reference", wordy, "--permutations", "200");
        Assert.Contains("→ same at α = 0.05", same.Out, StringComparison.Ordinal);
        var missingMode = CliBadInputTests.Run("verify", "--data", terse, "--reference", wordy);
        Assert.Equal(1, missingMode.Code);
        Assert.Contains("--equality", missingMode.Err, StringComparison.Ordinal);
        var one = CliBadInputTests.Run("verify", "--equality", "--data", CliBadInputTests.Temp("one.jsonl", "{\"id\":\"1\",\"response\":\"x\"}\n"), "--reference", wordy);
        Assert.Equal(1, one.Code);
        Assert.Contains("--data", one.Err, StringComparison.Ordinal);
        Assert.Equal(1, CliBadInputTests.Run("verify", "--equality", "--data", terse, "--reference", wordy, "--alpha", "1.5").Code);
    }

    private static string Traffic(string name, Func<int, string, string> tokens) =>
        CliBadInputTests.Temp(name, string.Concat(Enumerable.Range(0, 12).SelectMany(i => new[] { "honest", "cheat" }.Select(node =>
            $"{{\"round\":\"r{i}\",\"id\":\"r{i}/{node}\",\"node\":\"{node}\",\"response\":\"an answer\",{tokens(i, node)}}}\n"))));

    private static string Evidence(int n, string rank, string margin) =>
        $"\"tokens\":{{\"ids\":[{string.Join(',', Enumerable.Range(1, n))}],\"logprobs\":[{string.Join(',', Enumerable.Repeat("-0.1", n))}],\"sampling\":{{\"temperature\":0.7,\"seed\":3}},"
        + $"\"reference\":{{\"ids\":[{string.Join(',', Enumerable.Range(1, n))}],\"logprobs\":[{string.Join(',', Enumerable.Repeat("-0.1", n))}],\"ranks\":[{string.Join(',', Enumerable.Range(0, n).Select(j => j % 3 == 0 ? rank : "1"))}],"
        + $"\"margins\":[{string.Join(',', Enumerable.Range(0, n).Select(j => j % 3 == 0 ? margin : "0"))}]}}}}";

    [Fact]
    public void Token_evidence_gives_per_node_verdicts_without_settling_and_bad_evidence_names_file_line_and_field()
    {
        string file = Traffic("tokens.jsonl", (i, node) => node == "cheat" ? Evidence(30, "80", "-1") : Evidence(30, "1", "0"));
        var (code, stdout, err) = CliBadInputTests.Run("verify", "--data", file, "--json");
        Assert.True(code == 0, err);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("difr-sequential-v1", json.GetProperty("policy").GetString());
        Assert.Equal(24, json.GetProperty("verified").GetInt32());
        var nodes = json.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("node").GetString()!, n => n.GetProperty("verdict").GetString());
        Assert.Equal("fail", nodes["cheat"]);
        Assert.Equal("pass", nodes["honest"]);
        var targon = CliBadInputTests.Run("verify", "--data", file, "--policy", "targon-v5", "--json");
        var rows = JsonDocument.Parse(targon.Out).RootElement.GetProperty("responses").EnumerateArray().ToList();
        Assert.Equal(24, rows.Count);
        Assert.All(rows.Where(r => r.GetProperty("node").GetString() == "cheat"), r => Assert.Contains("rank 80", r.GetProperty("reason").GetString(), StringComparison.Ordinal));
        var text = CliBadInputTests.Run("verify", "--data", file);
        Assert.Contains("cheat: fail", text.Out, StringComparison.Ordinal);

        string bad = Traffic("bad-tokens.jsonl", (i, node) => i == 3 && node == "cheat" ? Evidence(30, "0", "0") : Evidence(30, "1", "0"));
        var refused = CliBadInputTests.Run("verify", "--data", bad);
        Assert.Equal(1, refused.Code);
        Assert.Contains("bad-tokens.jsonl:8", refused.Err, StringComparison.Ordinal);
        Assert.Contains("tokens.reference.ranks[0]", refused.Err, StringComparison.Ordinal);
        Assert.Equal(1, CliBadInputTests.Run("verify", "--data", file, "--policy", "nope").Code);
        Assert.Contains("--policy", CliBadInputTests.Run("verify", "--data", file, "--policy", "nope").Err, StringComparison.Ordinal);
    }
}
