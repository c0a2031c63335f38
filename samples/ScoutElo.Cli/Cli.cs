using System.CommandLine;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Serialization;

namespace ScoutElo.Cli;

/// <summary>Shared plumbing of the verbs: error handling, data loading, progress on stderr and JSON output.</summary>
internal static class Cli
{
    public static readonly Option<bool> Json = new("--json") { Description = "Print a machine-readable JSON result on stdout (and nothing else there)." };

    /// <summary>Runs a verb body: bad input becomes a one-line error on stderr and exit code 1.</summary>
    /// <param name="body">The verb.</param>
    /// <param name="flags">Library option property → the flag that sets it: an option error whose message starts with the
    /// property name (for example "Scouts must be at least 2") is reported against the flag ("--scouts: ...").</param>
    public static int Run(Func<int> body, IReadOnlyDictionary<string, string>? flags = null)
    {
        try
        {
            return body();
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions is [var inner] && IsUserError(inner))
        {
            Console.Error.WriteLine("scoutelo: " + Describe(inner, flags));
            return 1;
        }
        catch (Exception e) when (IsUserError(e))
        {
            Console.Error.WriteLine("scoutelo: " + Describe(e, flags));
            return 1;
        }
    }

    private static string Describe(Exception e, IReadOnlyDictionary<string, string>? flags)
    {
        string message = e.Message.ReplaceLineEndings(" ");
        if (flags is null || e is not ArgumentException) return message;
        foreach (var (property, flag) in flags)
        {
            if (!message.StartsWith(property + " ", StringComparison.Ordinal)) continue;
            return $"{flag}: {WithoutParameterTail(message)}";
        }
        return message;
    }

    /// <summary>The .NET parameter name and "Actual value" tail mean nothing to a command-line user: cut them off.</summary>
    public static string WithoutParameterTail(string message)
    {
        int tail = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return (tail > 0 ? message[..tail] : message).ReplaceLineEndings(" ");
    }

    private static bool IsUserError(Exception e) =>
        e is ArgumentException or FormatException or IOException or UnauthorizedAccessException or InvalidOperationException or KeyNotFoundException or Scoring.Serialization.JsonlFormatException;

    /// <summary>Writes every file or none: each goes to a temporary file beside its target, and only when all are complete are
    /// they renamed over their targets. A failure (or a kill) before that leaves the previous files untouched.</summary>
    public static void WriteAllOrNone(params (string Path, Action<TextWriter> Write)[] files)
    {
        var temps = new List<(string Temp, string Final)>();
        try
        {
            foreach (var (path, write) in files)
            {
                string full = System.IO.Path.GetFullPath(path);
                string dir = System.IO.Path.GetDirectoryName(full)!;
                if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"Output directory '{dir}' does not exist (for '{path}').");
                if (Directory.Exists(full)) throw new IOException($"Output '{path}' is a directory.");
                string temp = System.IO.Path.Combine(dir, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
                temps.Add((temp, full));
                using var writer = new StreamWriter(temp, false, new UTF8Encoding(false)) { NewLine = "\n" };
                write(writer);
            }
            foreach (var (temp, final) in temps) File.Move(temp, final, overwrite: true);
        }
        catch
        {
            foreach (var (temp, _) in temps)
            {
                try { File.Delete(temp); } catch (IOException) { } // best effort; the original error matters
            }
            throw;
        }
    }

    /// <summary>A file written through a temporary file beside it and renamed into place by <see cref="Commit"/>; disposed
    /// without a commit (a failure), the temporary file is deleted and the target is untouched.</summary>
    public sealed class AtomicFile : IDisposable
    {
        private readonly string _temp;
        private bool _done;

        public AtomicFile(string path)
        {
            Path = System.IO.Path.GetFullPath(path);
            string dir = System.IO.Path.GetDirectoryName(Path)!;
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"Output directory '{dir}' does not exist (for '{path}').");
            if (Directory.Exists(Path)) throw new IOException($"Output '{path}' is a directory.");
            _temp = System.IO.Path.Combine(dir, $".{System.IO.Path.GetFileName(Path)}.{Environment.ProcessId}.tmp");
            Writer = new StreamWriter(_temp, false, new UTF8Encoding(false)) { NewLine = "\n" };
        }

        public string Path { get; }

        public TextWriter Writer { get; }

        public void Commit()
        {
            Writer.Flush();
            Writer.Dispose();
            File.Move(_temp, Path, overwrite: true);
            _done = true;
        }

        public void Dispose()
        {
            Writer.Dispose();
            if (!_done)
            {
                try { File.Delete(_temp); } catch (IOException) { } // best effort; the original error matters
            }
        }
    }

    public static List<LoggedOutput> Load(IEnumerable<string> paths)
    {
        var all = new List<LoggedOutput>();
        foreach (var p in paths)
        {
            if (!File.Exists(p)) throw new FileNotFoundException($"Data file '{p}' not found.", p);
            all.AddRange(LoggedOutputJsonl.ReadFile(p));
        }
        return all;
    }

    public static readonly Option<string?> Tokens = new("--tokens")
    {
        Description = "Fill a missing metrics.output_tokens from the response's tiktoken count (offline): o200k_base, cl100k_base or a model name such as gpt-4o-mini. Logged values are kept.",
    };

    public static readonly Option<string?> Prices = new("--prices")
    {
        Description = "With --tokens: USD per million input,output tokens (for example 0.15,0.60), to fill a missing metrics.cost_usd (prompt = query + context).",
    };

    /// <summary>Applies <c>--tokens</c>/<c>--prices</c>: fills missing output token counts (and costs) and says how many on
    /// stderr; the records unchanged without <c>--tokens</c>.</summary>
    public static List<LoggedOutput> FillTokens(List<LoggedOutput> records, ParseResult r)
    {
        string? tokens = r.GetValue(Tokens), prices = r.GetValue(Prices);
        if (tokens is null)
        {
            if (prices is not null) throw new ArgumentException("--prices: needs --tokens (the token counts the prices apply to).");
            return records;
        }
        var counter = tokens.ToLowerInvariant() switch
        {
            "o200k_base" or "o200k" => Scoring.Tokens.TiktokenCounter.O200kBase,
            "cl100k_base" or "cl100k" => Scoring.Tokens.TiktokenCounter.Cl100kBase,
            _ => Scoring.Tokens.TiktokenCounter.ForModel(tokens),
        };
        Scoring.Tokens.TokenPricing? pricing = null;
        if (prices is not null)
        {
            var parts = prices.Split(',');
            var ci = System.Globalization.CultureInfo.InvariantCulture;
            if (parts.Length != 2 || !double.TryParse(parts[0], System.Globalization.NumberStyles.Float, ci, out double pin)
                || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, ci, out double pout)
                || !double.IsFinite(pin) || !double.IsFinite(pout) || pin < 0 || pout < 0)
                throw new ArgumentException($"--prices: expected two non-negative numbers IN,OUT (USD per million tokens), got '{prices}'.");
            pricing = new Scoring.Tokens.TokenPricing(pin, pout);
        }
        int tokensFilled = 0, costsFilled = 0;
        var filled = records.Select(x =>
        {
            var input = Scoring.Tokens.TokenMetrics.FillMissing(x.Input, counter, pricing);
            if (ReferenceEquals(input, x.Input)) return x;
            if (x.Input.Metrics.OutputTokens is null) tokensFilled++;
            if (x.Input.Metrics.CostUsd is null && input.Metrics.CostUsd is not null) costsFilled++;
            return x with { Input = input };
        }).ToList();
        Console.Error.WriteLine($"tokens ({counter.Encoding}): filled output_tokens for {tokensFilled} and cost_usd for {costsFilled} of {records.Count} records");
        return filled;
    }

    public static CalibrationProfile LoadProfile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Profile '{path}' not found.", path);
        return CalibrationProfile.FromJson(File.ReadAllText(path));
    }

    /// <summary>The <c>--history</c> option of score and evaluate.</summary>
    public static Option<string?> HistoryOption() => new("--history")
    {
        Description = "Node history for model-prior (JSONL lines {\"node\":..,\"count\":..,\"mean\":0..1}, e.g. from calibrate --history-out); without it model-prior is not applicable.",
    };

    public static Scoring.Dimensions.InMemoryNodeQualityHistory? LoadHistory(string? path)
    {
        if (path is null) return null;
        if (!File.Exists(path)) throw new FileNotFoundException($"History file '{path}' not found.", path);
        return NodeHistoryJsonl.ReadFile(path);
    }

    /// <summary>Prints profile warnings on stderr (always: stdout stays machine-readable under --json).</summary>
    public static void Warn(IReadOnlyList<ProfileWarning> warnings)
    {
        foreach (var w in warnings) Console.Error.WriteLine($"warning [{w.Code}]: {w.Message}");
    }

    /// <summary>Writes the warnings as a JSON array property.</summary>
    public static void Warnings(Utf8JsonWriter w, IReadOnlyList<ProfileWarning> warnings)
    {
        w.WriteStartArray("warnings");
        foreach (var x in warnings)
        {
            w.WriteStartObject();
            w.WriteString("code", x.Code);
            w.WriteString("task", LoggedOutputJsonl.TaskName(x.Task));
            if (x.Dimension is { } d) w.WriteString("dimension", d); else w.WriteNull("dimension");
            w.WriteString("message", x.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>Runs long work with the same progress on stderr for every verb: a bar on a terminal; when stderr is redirected,
    /// a "what: 40% (n/total)" line every 10% for jobs of at least 1,000 steps. Either way it ends with "what: done in 1.2 s".
    /// <paramref name="total"/> 0 means the work cannot report steps (a start line, then the closing line).</summary>
    public static void Track(string what, int total, Action<Action<int>> work)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (total > 0 && !Console.IsErrorRedirected)
        {
            var stderr = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(Console.Error) });
            stderr.Progress().AutoClear(true).Start(ctx =>
            {
                var task = ctx.AddTask(what, maxValue: total);
                work(done => task.Value = done);
                task.Value = total;
            });
        }
        else
        {
            if (total == 0) Console.Error.WriteLine($"{what}...");
            var lines = new Progress(what, total);
            work(lines.Report);
        }
        Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what}: done in {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>A throttled progress line on stderr (every 10%), silent for small jobs; <see cref="Track"/>'s redirected form.</summary>
    private sealed class Progress(string what, int total)
    {
        private int _last = -1;

        public void Report(int done)
        {
            if (total < 1000) return;
            int pct = (int)(100L * done / total) / 10 * 10;
            if (pct == _last) return;
            _last = pct;
            Console.Error.WriteLine($"{what}: {pct}% ({done}/{total})");
        }
    }

    public static string WriteJson(Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = false }))
        {
            write(w);
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static void Number(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } d && double.IsFinite(d)) w.WriteNumber(name, d);
        else w.WriteNull(name);
    }

    public static void Correlation(Utf8JsonWriter w, string name, CorrelationSummary? c)
    {
        if (c is null) { w.WriteNull(name); return; }
        w.WriteStartObject(name);
        w.WriteNumber("n", c.N);
        Number(w, "pearson", c.Pearson);
        Number(w, "spearman", c.Spearman);
        Number(w, "kendall", c.Kendall);
        if (c.PearsonLow is not null) { Number(w, "pearsonLow", c.PearsonLow); Number(w, "pearsonHigh", c.PearsonHigh); }
        if (c.Reason.Length > 0) w.WriteString("reason", c.Reason);
        w.WriteEndObject();
    }

    public static TaskKind? ParseTask(string? task) => task switch
    {
        null => null,
        "qa" => TaskKind.Qa,
        "summarization" => TaskKind.Summarization,
        "dialogue" => TaskKind.Dialogue,
        "open" => TaskKind.Open,
        _ => throw new ArgumentException($"Unknown --task '{task}'; expected qa, summarization, dialogue or open.", nameof(task)),
    };
}
