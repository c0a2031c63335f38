using System.Diagnostics;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 13: the scoutelo command answers bad input with one line on stderr, a non-zero exit, nothing on stdout,
/// no stack trace and no partial or destroyed output file. Runs the CLI built beside the tests.</summary>
public sealed class CliBadInputTests
{
    private static readonly string? Cli = FindCli();

    /// <summary>The command is a project reference of this test project, so the build copies it beside the tests.</summary>
    private static string? FindCli()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "scoutelo.dll");
        return File.Exists(path) ? path : null;
    }

    private static string Beside(string file) => Path.Combine(AppContext.BaseDirectory, file);

    internal static ProcessStartInfo StartInfo(params string[] args)
    {
        Assert.True(Cli is not null, "scoutelo.dll is not beside the tests although the test project references the command.");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // The command runs on this test project's runtime configuration and dependency graph (a superset of its own).
        foreach (var a in new[] { "exec", "--runtimeconfig", Beside("ScoutElo.Cli.Tests.runtimeconfig.json"), "--depsfile", Beside("ScoutElo.Cli.Tests.deps.json"), Cli! })
            psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        return psi;
    }

    /// <summary>Runs a command line in process, on writers of its own: exit code, stdout and stderr.</summary>
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = ScoutEloCommand.Invoke(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a command line in a child process (the real binary: exit codes, signals, FIFOs, the environment).</summary>
    internal static (int Code, string Out, string Err) RunProcess(params string[] args)
    {
        using var p = Process.Start(StartInfo(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    /// <summary>A new empty directory for one test.</summary>
    internal static string TempDirectory() => ScoutElo.Scoring.Tests.TestFiles.TempDirectory();

    /// <summary>A new file with this content, in a new directory.</summary>
    internal static string Temp(string name, string content) => ScoutElo.Scoring.Tests.TestFiles.Temp(name, content);

    public static TheoryData<string[], string> Cases()
    {
        string matches = Temp("m.jsonl", "{\"a\":\"x\",\"b\":\"y\",\"score\":1}\n{\"a\":\"x\",\"b\":\"y\",\"score\":1e400}\n");
        string data = Temp("d.jsonl", "{\"id\":\"1\",\"response\":\"r\",\"query\":\"q\",\"labels\":{\"q\":0.5}}\n");
        string tiny = Temp("t.jsonl", "{\"a\":\"x\",\"b\":\"y\",\"score\":1,\"weight\":1e-9}\n");
        string labeled = Temp("l.jsonl", string.Concat(Enumerable.Range(0, 30).Select(i => $"{{\"id\":\"{i}\",\"query\":\"q{i % 10}\",\"response\":\"r{i}\",\"labels\":{{\"quality\":{i % 5}}}}}\n")));
        string sixth = Temp("six.jsonl", string.Concat(Enumerable.Range(0, 5).Select(i => $"{{\"id\":\"{i}\",\"response\":\"r\"}}\n")) + "{\"id\":\"6\",\"response\":\"r\",\"metrics\":{\"latency_ms\":\"fast\"}}\n");
        string aFile = Temp("a-file.txt", "x");
        string missingDir = Path.Combine(TempDirectory(), "missing", "x.md");
        return new()
        {
            { ["rank", "--matches", matches, "--json"], "m.jsonl:2" },
            { ["rank", "--matches", data], "d.jsonl:1" },
            { ["rank", "--matches", matches, "--method", "bt", "--initial", "NaN"], "--initial" },
            { ["rank", "--matches", matches, "--method", "nope"], "--method" },
            { ["rank", "--matches", matches, "--period", "0"], "--period" },
            { ["simulate", "--scouts", "1", "--json"], "--scouts: must be at least 2, got 1 (see scoutelo simulate --help)." },
            { ["simulate", "--malicious", "1.5"], "--malicious: must be in [0, 1), got 1.5" },
            { ["poq", "--rounds", "0", "--json"], "--rounds: must be at least 1, got 0" },
            { ["rank", "--matches", tiny], "t.jsonl:1: weight must be between 1e-6 and 1e9" },
            { ["evaluate", "--data", data, "--label", "q", "--profile", data], "Calibration profile" },
            { ["simulate", "--reward-rule", "cost-aware", "--beta", "0.5", "--json"], "safe region" },
            { ["simulate", "--bogus-flag", "--json"], "--bogus-flag" },
            { ["score", "--data", Path.Combine(Path.GetTempPath(), "missing-file.jsonl"), "--out", "x.jsonl"], "not found" },
            { ["score", "--data", data, "--out", Path.Combine(Path.GetTempPath(), "no-such-dir", "s.jsonl"), "--json"], "does not exist" },
            { ["score", "--data", data, "--prices", "0.15,0.60", "--out", "x.jsonl"], "--prices: needs --tokens" },
            { ["calibrate", "--data", data, "--label", "q", "--tokens", "o200k_base", "--prices", "0.15", "--out", "x.json"], "--prices: expected two non-negative numbers" },
            // Issue 26: every message in the user's words, naming the flag or file:line, validated before any progress line.
            { ["simulate", "--rounds", "abc"], "--rounds: 'abc' is not a whole number" },
            { ["simulate", "--round", "5"], "did you mean '--rounds'?" },
            { ["simulat"], "did you mean 'simulate'?" },
            { ["scroe"], "did you mean 'score'?" }, // a swap of two letters is one edit
            { ["simulate", "--rounsd", "5"], "did you mean '--rounds'?" },
            { ["calibrate", "--data", labeled, "--label", "quality", "--folds", "1", "--out", "x.json"], "--folds" },
            { ["calibrate", "--data", labeled, "--label", "qualty", "--out", "x.json"], "did you mean 'quality'?" },
            { ["score", "--data", sixth, "--out", "x.jsonl"], "six.jsonl:6" },
            { ["poq", "--attack", "bost"], "--attack: unknown attack 'bost'; did you mean 'boost'?" },
            { ["poq", "--sweep-report", missingDir], "--sweep-report" },
            { ["simulate", "--rounds", "0"], "--rounds" },
            { ["simulate", "--rounds", "20", "--report", aFile], "--report" },
            { ["score", "--data", data, "--out", "-", "--json"], "--out" },
            { ["rank", "--matches", matches, "--method", "bt", "--k", "4"], "--k: does not apply to --method bt" },
            { ["rank", "--matches", matches, "--method", "bt", "--seed", "3"], "--seed" },
            { ["rank", "--matches", matches, "--method", "glicko2", "--bootstrap", "100"], "--bootstrap: does not apply to --method glicko2" },
            { ["rank", "--matches", matches, "--method", "elo", "--period", "5"], "--period: does not apply to --method elo" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_gets_one_line_on_stderr_and_nothing_on_stdout(string[] args, string mention)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.NotEqual(0, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("scoutelo: ", stderr, StringComparison.Ordinal);
        Assert.Contains(mention, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal); // no stack trace
        foreach (var internals in new[] { "System.", "(Parameter '", "LineNumber:", "Actual value was", "BytePositionInLine" })
            Assert.DoesNotContain(internals, stderr, StringComparison.Ordinal); // written for a person who never saw the code
        Assert.Single(stderr.TrimEnd('\n').Split('\n'), l => l.StartsWith("scoutelo: ", StringComparison.Ordinal) && !l.Contains("warning", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failing_score_run_keeps_the_previous_output_file_intact()
    {
        string good = Temp("d.jsonl", "{\"id\":\"1\",\"response\":\"Paris\",\"query\":\"capital of France?\",\"task\":\"qa\",\"references\":[\"Paris\"]}\n");
        string bad = Temp("bad.jsonl", "{\"id\":\"1\",\"response\":\"Paris\"}\n{\"id\":\"2\",\"response\":\"x\",\"labels\":{\"q\":1e400}}\n");
        string output = Path.Combine(Path.GetDirectoryName(good)!, "scores.jsonl");
        Assert.Equal(0, Run("score", "--data", good, "--out", output).Code);
        string before = File.ReadAllText(output);
        var (code, _, stderr) = Run("score", "--data", bad, "--out", output);
        Assert.NotEqual(0, code);
        Assert.Contains("bad.jsonl:2", stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "*.tmp"));
    }
}
