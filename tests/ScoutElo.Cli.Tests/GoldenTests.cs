using System.Diagnostics;
using System.Text.Json;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 33: every verb's <c>--json</c> and text output on the README's examples equals the golden files taken
/// from the command before it moved (tests/golden; regenerate with tests/golden/capture.sh only when a change is
/// intended). JSON is compared value by value (integers and strings exactly, other numbers within 1e-9 relative, so a
/// machine with another vector width cannot fail it by a last bit); text and CSV byte for byte.</summary>
public sealed class GoldenTests : IClassFixture<GoldenTests.Run>
{
    private readonly Run _run;

    public GoldenTests(Run run) => _run = run;

    public static TheoryData<string> Cases() => [.. GoldenCase.ReadAll().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_equals_the_golden_file(string name)
    {
        var c = _run.Cases.Single(x => x.Name == name);
        var r = _run.Results[name];
        Assert.True(c.ExitCode == r.ExitCode, $"{name}: exit {r.ExitCode}, expected {c.ExitCode}; stderr: {r.Stderr}");
        GoldenComparer.AssertEqual(File.ReadAllText(GoldenCase.Expected(name + ".out")), r.Stdout, name + ".out");
        if (c.ExitCode != 0)
        {
            string lastLine = r.Stderr.TrimEnd('\n').Split('\n')[^1];
            Assert.Equal(File.ReadAllText(GoldenCase.Expected(name + ".err")).TrimEnd('\n'), lastLine);
        }
        foreach (var f in c.Files)
        {
            string golden = GoldenCase.Expected(name + "." + Path.GetFileName(f));
            GoldenComparer.AssertEqual(File.ReadAllText(golden), File.ReadAllText(Path.Combine(_run.WorkingDirectory, f)), Path.GetFileName(golden));
        }
    }

    /// <summary>Runs every case once, in order, in one working directory (later cases read what earlier ones wrote).</summary>
    public sealed class Run : IDisposable
    {
        public Run()
        {
            WorkingDirectory = ScoutElo.Scoring.Tests.TestFiles.TempDirectory();
            foreach (var c in Cases)
            {
                var psi = CliBadInputTests.StartInfo([.. c.Arguments]);
                psi.WorkingDirectory = WorkingDirectory;
                psi.Environment["COLUMNS"] = "120";
                using var p = Process.Start(psi)!;
                var stdout = p.StandardOutput.ReadToEndAsync();
                string stderr = p.StandardError.ReadToEnd();
                p.WaitForExit();
                Results[c.Name] = (p.ExitCode, stdout.Result, stderr);
            }
        }

        public IReadOnlyList<GoldenCase> Cases { get; } = GoldenCase.ReadAll();

        public Dictionary<string, (int ExitCode, string Stdout, string Stderr)> Results { get; } = [];

        public string WorkingDirectory { get; }

        public void Dispose()
        {
            try { Directory.Delete(WorkingDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>One line of tests/golden/cases.txt: <c>NAME | EXIT | ARGS [&gt;&gt; FILES]</c>.</summary>
public sealed record GoldenCase(string Name, int ExitCode, IReadOnlyList<string> Arguments, IReadOnlyList<string> Files)
{
    private static string Directory => Path.Combine(AppContext.BaseDirectory, "golden");

    public static string Expected(string file) => Path.Combine(Directory, "expected", file);

    public static IReadOnlyList<GoldenCase> ReadAll() =>
    [
        .. File.ReadAllLines(Path.Combine(Directory, "cases.txt"))
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .Select(l =>
            {
                var parts = l.Split('|', 3);
                var command = parts[2].Split(">>", 2);
                static string[] Words(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return new GoldenCase(parts[0].Trim(), int.Parse(parts[1].Trim(), System.Globalization.CultureInfo.InvariantCulture),
                    Words(command[0]), command.Length > 1 ? Words(command[1]) : []);
            }),
    ];
}

/// <summary>Compares an output with its golden file: JSON (one document, or one per line) by value, anything else exactly.</summary>
public static class GoldenComparer
{
    private const double RelativeTolerance = 1e-9;

    public static void AssertEqual(string expected, string actual, string what)
    {
        var e = TryParseLines(expected);
        var a = TryParseLines(actual);
        if (e is null || a is null)
        {
            Assert.True(expected == actual, $"{what} differs from its golden file.\nexpected:\n{expected}\nactual:\n{actual}");
            return;
        }
        Assert.True(e.Count == a.Count, $"{what}: {a.Count} JSON documents, expected {e.Count}");
        for (int i = 0; i < e.Count; i++) Compare(e[i].RootElement, a[i].RootElement, $"{what}[{i}]$");
    }

    private static List<JsonDocument>? TryParseLines(string text)
    {
        string t = text.Trim();
        if (t.Length == 0 || (t[0] != '{' && t[0] != '[')) return null;
        try
        {
            return [JsonDocument.Parse(t)];
        }
        catch (JsonException)
        {
            try
            {
                return [.. t.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l))];
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    private static void Compare(JsonElement e, JsonElement a, string path)
    {
        Assert.True(e.ValueKind == a.ValueKind, $"{path}: {a.ValueKind}, expected {e.ValueKind} ({a} vs {e})");
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var en = e.EnumerateObject().Select(p => p.Name).ToList();
                var an = a.EnumerateObject().Select(p => p.Name).ToList();
                Assert.True(en.SequenceEqual(an), $"{path}: properties [{string.Join(",", an)}], expected [{string.Join(",", en)}]");
                foreach (var p in e.EnumerateObject()) Compare(p.Value, a.GetProperty(p.Name), path + "." + p.Name);
                break;
            case JsonValueKind.Array:
                Assert.True(e.GetArrayLength() == a.GetArrayLength(), $"{path}: {a.GetArrayLength()} items, expected {e.GetArrayLength()}");
                for (int i = 0; i < e.GetArrayLength(); i++) Compare(e[i], a[i], $"{path}[{i}]");
                break;
            case JsonValueKind.Number:
                string er = e.GetRawText(), ar = a.GetRawText();
                if (er == ar) break;
                bool integral = !er.AsSpan().ContainsAny(".eE") && !ar.AsSpan().ContainsAny(".eE");
                double x = e.GetDouble(), y = a.GetDouble();
                Assert.True(!integral && Math.Abs(x - y) <= RelativeTolerance * Math.Max(Math.Abs(x), Math.Abs(y)),
                    $"{path}: {ar}, expected {er}");
                break;
            default:
                Assert.True(e.GetRawText() == a.GetRawText(), $"{path}: {a.GetRawText()}, expected {e.GetRawText()}");
                break;
        }
    }
}
