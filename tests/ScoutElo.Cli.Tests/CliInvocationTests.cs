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
}
