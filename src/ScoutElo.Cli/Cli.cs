using System.CommandLine;
using System.Text.Json;
using ScoutElo.Scoring.Reporting;

namespace ScoutElo.Cli;


/// <summary>Shared plumbing of the verbs: help text, error handling (one line on stderr, exit codes), quality-gate exits, report paths and "did you mean" suggestions.</summary>
internal static class Cli
{
    /// <summary>The exit code of a failed quality gate (<c>evaluate --min-pearson</c>, <c>score --fail-below</c>): distinct from
    /// bad input (1) and internal errors (2), so a CI step can tell "the model got worse" from "the command was wrong".</summary>
    public const int GateFailed = 3;
    /// <summary>A command description followed by worked examples (shown by --help).</summary>
    public static string Help(string description, params string[] examples) =>
        description + Environment.NewLine + Environment.NewLine + "Examples:" + Environment.NewLine + string.Join(Environment.NewLine, examples.Select(e => "  " + e));
    /// <summary>Reports gate failures on stderr (one line each) and returns the verb's exit code: 0 when none failed.</summary>
    public static int GateExit(CliContext c, IReadOnlyList<string> failures)
    {
        foreach (var f in failures) c.Error.WriteLine($"scoutelo: gate failed: {f}.");
        return failures.Count == 0 ? 0 : GateFailed;
    }
    /// <summary>Plain text: no colors or styles; on the root command, recursive.</summary>
    public static readonly Option<bool> NoColor = new("--no-color") { Description = "Plain text: no colors or styles (also when NO_COLOR is set or output is redirected).", Recursive = true };
    /// <summary>The cost weight's parameter (<c>NodeRewardRule.CostAware</c>'s <c>beta</c>) is set by <c>--beta</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> BetaFlag = new Dictionary<string, string>(StringComparer.Ordinal) { ["beta"] = "--beta" };
    public static readonly Option<bool> Json = new("--json") { Description = "Print a machine-readable JSON result on stdout (and nothing else there)." };
    /// <summary>Runs a verb body: bad input becomes a one-line error on stderr and exit code 1.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="body">The verb, given its invocation context.</param>
    /// <param name="flags">A library parameter's name → the flag that sets it: an <see cref="ArgumentException"/> whose
    /// <see cref="ArgumentException.ParamName"/> is that parameter (for example <c>beta</c> of
    /// <c>NodeRewardRule.CostAware</c>) is reported against the flag ("--beta: ..."). Ranges the command line can check
    /// itself are parse rules on the options (<see cref="OptionRules"/>).</param>
    public static int Run(ParseResult parse, Func<CliContext, int> body, IReadOnlyDictionary<string, string>? flags = null)
    {
        var c = new CliContext(parse);
        try
        {
            return body(c);
        }
        catch (JudgeCli.JudgeFailedException e)
        {
            c.Error.WriteLine("scoutelo: " + e.Message);
            return 4;
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions is [var inner] && IsUserError(inner))
        {
            c.Error.WriteLine("scoutelo: " + Describe(inner, flags));
            return 1;
        }
        catch (Exception e) when (IsUserError(e))
        {
            c.Error.WriteLine("scoutelo: " + Describe(e, flags));
            return 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not the input's fault: a bug. Exit 2 tells scripts so; the stack trace is there for the report when asked for.
            c.Error.WriteLine($"scoutelo: internal error ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}); this is a bug, please report it with the command line"
                + (Environment.GetEnvironmentVariable("SCOUTELO_DEBUG") is { Length: > 0 } ? "." + Environment.NewLine + e : " (SCOUTELO_DEBUG=1 prints the stack trace)."));
            return 2;
        }
    }
    private static string Describe(Exception e, IReadOnlyDictionary<string, string>? flags)
    {
        string message = e.Message.ReplaceLineEndings(" ");
        if (e is not ArgumentException) return message;
        message = WithoutParameterTail(message);
        if (((ArgumentException)e).ParamName is not { } name) return message;
        return (flags?.TryGetValue(name, out var flag) == true || SharedFlags.TryGetValue(name, out flag)) ? $"{flag}: {message}" : message;
    }

    /// <summary>Library parameters every verb sets from the same flag: <c>LoggedOutputImport.ReadFile</c>'s field map is <c>--map</c>.</summary>
    private static readonly Dictionary<string, string> SharedFlags = new(StringComparer.Ordinal) { ["fieldMap"] = "--map" };
    /// <summary>The .NET parameter name and "Actual value" tail mean nothing to a command-line user: cut them off.</summary>
    public static string WithoutParameterTail(string message)
    {
        int tail = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return (tail > 0 ? message[..tail] : message).ReplaceLineEndings(" ");
    }
    private static bool IsUserError(Exception e) =>
        e is ArgumentException or FormatException or IOException or UnauthorizedAccessException or InvalidOperationException or KeyNotFoundException or JsonlFormatException;
    /// <summary>Checks a <c>--report</c> directory before any work: it may exist (as a directory) or be created under an
    /// existing parent; a file there is an error naming the flag.</summary>
    public static string ReportDirectory(string flag, string dir)
    {
        string full = System.IO.Path.GetFullPath(dir);
        if (File.Exists(full)) throw new IOException($"{flag}: '{dir}' is a file; {flag} names a directory to write index.html into.");
        return full;
    }
    /// <summary>Creates a checked report directory and resolves its <c>index.html</c> (after the work, before writing).</summary>
    public static OutputTarget ReportFile(string flag, string dir)
    {
        Directory.CreateDirectory(dir);
        return OutputTarget.Resolve(flag, System.IO.Path.Combine(dir, "index.html"));
    }
    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="typed"/> (case-insensitive edit distance at
    /// most a third of its length, and at least 1), or null: the "did you mean" of flags, verbs, labels and names.</summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            int d = EditDistance(typed.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        return best is not null && bestDistance <= Math.Max(1, typed.TrimStart('-').Length / 3) ? best : null;
    }
    /// <summary>The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two adjacent
    /// characters each cost 1 (so "scroe" is one edit from "score").</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
    /// <summary>"; did you mean 'x'?" or "; expected a, b or c." for a value that is not one of <paramref name="choices"/>.</summary>
    public static string Suggest(string typed, params string[] choices) =>
        Closest(typed, choices) is { } near ? $"; did you mean '{near}'? (expected {Choices(choices)})." : $"; expected {Choices(choices)}.";
    private static string Choices(string[] choices) => choices.Length == 1 ? choices[0] : string.Join(", ", choices[..^1]) + " or " + choices[^1];
}
