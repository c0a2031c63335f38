using System.CommandLine;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Reporting;

namespace ScoutElo.Cli;

/// <summary>Shared plumbing of the verbs: error handling, data loading, progress on stderr and JSON output.</summary>
internal static class Cli
{
    /// <summary>The exit code of a failed quality gate (<c>evaluate --min-pearson</c>, <c>score --fail-below</c>): distinct from
    /// bad input (1) and internal errors (2), so a CI step can tell "the model got worse" from "the command was wrong".</summary>
    public const int GateFailed = 3;

    /// <summary>Reports gate failures on stderr (one line each) and returns the verb's exit code: 0 when none failed.</summary>
    /// <summary>A command description followed by worked examples (shown by --help).</summary>
    public static string Help(string description, params string[] examples) =>
        description + Environment.NewLine + Environment.NewLine + "Examples:" + Environment.NewLine + string.Join(Environment.NewLine, examples.Select(e => "  " + e));

    public static int GateExit(IReadOnlyList<string> failures)
    {
        foreach (var f in failures) Console.Error.WriteLine($"scoutelo: gate failed: {f}.");
        return failures.Count == 0 ? 0 : GateFailed;
    }

    /// <summary>The <c>gate</c> object of a verb's --json result.</summary>
    public static void GateJson(Utf8JsonWriter w, IReadOnlyList<string> failures)
    {
        w.WriteStartObject("gate");
        w.WriteBoolean("passed", failures.Count == 0);
        w.WriteStartArray("failures");
        foreach (var f in failures) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Whether a profile gives a dimension weight in any task.</summary>
    public static bool Weighs(CalibrationProfile profile, string dimension) =>
        profile.Tasks.Values.Any(t => t.Weights.TryGetValue(dimension, out double w) && w > 0);

    /// <summary>A profile's scorer over the built-ins plus signals computed in this run (judge, embedding); a profile that weighs
    /// a signal this run does not compute is an error naming the flag that provides it.</summary>
    public static QualityScorer ProfileScorer(CalibrationProfile profile, Scoring.Dimensions.INodeQualityHistory? history, IReadOnlyList<ScoringInput> inputs, IReadOnlyList<IQualityDimension> extras)
    {
        CheckProfileSignals(profile, extras);
        return extras.Count == 0 ? profile.CreateScorer(history, data: inputs) : profile.CreateScorer(history, inputs, extras);
    }

    /// <summary>Refuses a profile that weighs a signal this run does not compute, naming the flag that provides it.</summary>
    public static void CheckProfileSignals(CalibrationProfile profile, IReadOnlyList<IQualityDimension> extras)
    {
        foreach (var (name, flag) in new[] { (EmbedderCli.DimensionName, "--embedder"), (Scoring.AI.EmbeddingSourceDimension.DimensionName, "--embedder"), (Scoring.AI.JudgeDimension.DimensionName, "--judge-endpoint") })
        {
            if (Weighs(profile, name) && !extras.Any(x => x.Name == name))
                throw new ArgumentException($"--profile: the profile weighs '{name}', which this run does not compute; pass {flag} as when the profile was calibrated.");
        }
    }

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
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not the input's fault: a bug. Exit 2 tells scripts so; the stack trace is there for the report when asked for.
            Console.Error.WriteLine($"scoutelo: internal error ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}); this is a bug, please report it with the command line"
                + (Environment.GetEnvironmentVariable("SCOUTELO_DEBUG") is { Length: > 0 } ? "." + Environment.NewLine + e : " (SCOUTELO_DEBUG=1 prints the stack trace)."));
            return 2;
        }
    }

    private static string Describe(Exception e, IReadOnlyDictionary<string, string>? flags)
    {
        string message = e.Message.ReplaceLineEndings(" ");
        if (e is not ArgumentException) return message;
        message = WithoutParameterTail(message);
        if (flags is null) return message;
        foreach (var (property, flag) in flags)
        {
            if (!message.StartsWith(property + " ", StringComparison.Ordinal)) continue;
            return $"{flag}: {message}";
        }
        return message;
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

    private static int EditDistance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) row[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    /// <summary>"; did you mean 'x'?" or "; expected a, b or c." for a value that is not one of <paramref name="choices"/>.</summary>
    public static string Suggest(string typed, params string[] choices) =>
        Closest(typed, choices) is { } near ? $"; did you mean '{near}'? (expected {Choices(choices)})." : $"; expected {Choices(choices)}.";

    private static string Choices(string[] choices) => choices.Length == 1 ? choices[0] : string.Join(", ", choices[..^1]) + " or " + choices[^1];

    /// <summary>Fails with the labels the data has (and the closest one) when no record carries <paramref name="label"/>.</summary>
    public static void CheckLabel(IReadOnlyList<LoggedOutput> records, string label)
    {
        if (records.Count == 0 || records.Any(x => x.Labels.ContainsKey(label))) return;
        var labels = records.SelectMany(x => x.Labels.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (labels.Count == 0) throw new ArgumentException($"--label: no record has labels at all, so '{label}' cannot be used; add a \"labels\" object to the rows.");
        string hint = Closest(label, labels) is { } near ? $"; did you mean '{near}'?" : ".";
        throw new ArgumentException($"--label: no record has the label '{label}'; the data's labels are {string.Join(", ", labels)}{hint}");
    }

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

    public static readonly Option<bool> SkipInvalid = new("--skip-invalid")
    {
        Description = "Skip lines that are not valid records (their count and the first three are reported) instead of stopping at the first; by default one bad line stops the run.",
    };

    /// <summary>Warnings about the input itself (an empty file, rows of another format), printed on stderr as they are found
    /// and written into <c>--json</c> results by <see cref="Warnings"/>.</summary>
    public static List<(string Code, string Message)> InputWarnings { get; } = [];

    private static void InputWarning(string code, string message)
    {
        InputWarnings.Add((code, message));
        Console.Error.WriteLine($"warning [{code}]: {message}");
    }

    /// <summary>Reads logged-output files: all or none by default, or skipping bad lines when the verb has
    /// <see cref="SkipInvalid"/> and it is on. Warns when a file holds no records, or when no row carries a query, references
    /// or a context (rows of another tool's format read as responses only), naming the fields the format does not read.</summary>
    public static readonly Option<string> Format = new("--format")
    {
        Description = "Input format: jsonl (logged outputs), ragas, deepeval, promptfoo (the JSON of 'promptfoo eval -o') or csv (a header naming the logged-output fields).",
        DefaultValueFactory = _ => "jsonl",
    };

    public static readonly Option<string[]> Map = new("--map")
    {
        Description = "FIELD=SOURCE: read a logged-output field (id, task, query, context, response, references, node, labels.NAME, judgments.NAME, metrics.NAME) from another field or column (a dotted path into nested objects). Repeatable.",
    };

    public static List<LoggedOutput> Load(IEnumerable<string> paths, ParseResult? r = null)
    {
        bool skip = r is not null && r.CommandResult.Command.Options.Contains(SkipInvalid) && r.GetValue(SkipInvalid);
        bool formats = r is not null && r.CommandResult.Command.Options.Contains(Format);
        string format = formats ? r!.GetValue(Format)! : "jsonl";
        if (!InputFormats.Names.Contains(format)) throw new ArgumentException($"--format: unknown format '{format}'; {Suggest(format, InputFormats.Names)}.");
        var map = formats ? InputFormats.ParseMap(r!.GetValue(Map) ?? []) : [];
        if (skip && (format != "jsonl" || map.Count > 0)) throw new ArgumentException("--skip-invalid: applies to logged-output JSONL read as it is, not with --format or --map.");
        var all = new List<LoggedOutput>();
        foreach (var p in paths)
        {
            if (!File.Exists(p)) throw new FileNotFoundException($"Data file '{p}' not found.", p);
            if (format != "jsonl" || map.Count > 0)
            {
                var read = InputFormats.Read(p, format, map, InputWarning);
                if (read.Count == 0) InputWarning("input-empty", $"'{p}' holds no records; there is nothing to work on.");
                all.AddRange(read);
                continue;
            }
            var skipped = new List<JsonlFormatException>();
            var options = skip ? new JsonlReadOptions { SkipInvalidLines = true, OnInvalidLine = skipped.Add } : JsonlReadOptions.Default;
            List<LoggedOutput> records;
            try
            {
                records = LoggedOutputJsonl.ReadFile(p, options).ToList();
            }
            catch (JsonlFormatException e) when (FirstRowGuess(p) is { } guess)
            {
                throw new FormatException($"{e.Message} (its rows look like {guess}'s: read them with --format {guess})", e);
            }
            if (skipped.Count > 0)
            {
                InputWarning("input-skipped", $"skipped {skipped.Count} invalid line(s) of '{p}' (--skip-invalid); the first: "
                    + string.Join(" | ", skipped.Take(3).Select(e => e.Message.ReplaceLineEndings(" "))));
            }
            if (records.Count == 0)
            {
                InputWarning("input-empty", $"'{p}' holds no records{(skipped.Count > 0 ? " that could be read" : "")}; there is nothing to work on.");
            }
            else if (records.All(x => x.Input.Query.Length == 0 && string.IsNullOrEmpty(x.Input.Context) && x.Input.References.Count == 0))
            {
                var unknown = FileTypes.Of(p) == FileType.Regular ? UnknownFields(p) : []; // a FIFO cannot be read twice
                InputWarning("input-no-known-fields", $"no row of '{p}' has a query, references or a context, so only the response's structure and the priors can judge it"
                    + (unknown.Count > 0 ? $"; its rows carry fields this format does not read ({string.Join(", ", unknown)}): rename them to query, context, references and response (see the README's data format)." : "."));
            }
            all.AddRange(records);
        }
        return all;
    }

    /// <summary>The foreign format the first JSON line of a file looks like, or null.</summary>
    private static string? FirstRowGuess(string path)
    {
        if (FileTypes.Of(path) != FileType.Regular) return null;
        try
        {
            var first = File.ReadLines(path).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l));
            return first is null ? null : System.Text.Json.Nodes.JsonNode.Parse(first) is { } node ? InputFormats.Guess(node) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Top-level field names of the first 100 lines of a file that the logged-output format does not read.</summary>
    private static List<string> UnknownFields(string path)
    {
        var known = new HashSet<string>(LoggedOutputJsonl.FieldNames, StringComparer.Ordinal);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Take(100))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) continue;
                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    if (!known.Contains(property.Name)) unknown.Add(property.Name);
                }
            }
            catch (JsonException)
            {
                // a skipped bad line: it was reported already
            }
        }
        return [.. unknown.Take(8)];
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

    /// <summary>The <c>--adapt</c> option of score and evaluate.</summary>
    public static readonly Option<bool> Adapt = new("--adapt")
    {
        Description = "Adapt --profile's weights to this traffic without labels (the default profile, used without --profile, always is unless --no-adapt): toward the dimensions' mutual agreement (spectral, shrunk toward the profile), weighing signals the calibration never saw when they agree with the rest; what moved is printed as warnings.",
    };

    /// <summary>The <c>--no-adapt</c> option: use the shipped default profile as fitted.</summary>
    public static readonly Option<bool> NoAdapt = new("--no-adapt")
    {
        Description = "Without --profile: use the shipped default profile as fitted, without adapting it to this traffic.",
    };

    /// <summary>The profile a scoring verb uses: --profile (adapted with --adapt), else the shipped default profile adapted to
    /// the inputs without labels (as fitted with --no-adapt). Refuses a profile that weighs a signal this run does not compute.</summary>
    public static CalibrationProfile ResolveProfile(ParseResult r, string? path, IReadOnlyList<ScoringInput> inputs, Scoring.Dimensions.INodeQualityHistory? history, IReadOnlyList<IQualityDimension> extras)
    {
        if (path is not null)
        {
            if (r.GetValue(NoAdapt)) throw new ArgumentException("--no-adapt: applies to the shipped default profile (without --profile); a given profile is adapted only with --adapt.");
            var loaded = LoadProfile(path);
            CheckProfileSignals(loaded, extras);
            return r.GetValue(Adapt) ? AdaptUnlabeled(loaded, inputs, history, extras) : loaded;
        }
        if (r.GetValue(Adapt) && r.GetValue(NoAdapt)) throw new ArgumentException("--adapt: conflicts with --no-adapt.");
        bool adapt = !r.GetValue(NoAdapt);
        Console.Error.WriteLine($"profile: the shipped default (fitted across public datasets; see docs/calibration.md){(adapt ? ", adapted to these inputs without labels (--no-adapt to use it as fitted)" : ", as fitted")}");
        return adapt ? AdaptUnlabeled(CalibrationProfile.Default, inputs, history, extras) : CalibrationProfile.Default;
    }

    /// <summary>What label-free adaptation moved in this run (one verb per process), for the <c>warnings</c> of <c>--json</c>.</summary>
    public static List<ProfileWarning> AdaptationWarnings { get; } = [];

    /// <summary>Label-free adaptation of a profile to the inputs about to be scored; prints what moved as warnings.</summary>
    public static CalibrationProfile AdaptUnlabeled(CalibrationProfile profile, IReadOnlyList<ScoringInput> inputs, Scoring.Dimensions.INodeQualityHistory? history, IReadOnlyList<IQualityDimension> extras)
    {
        var adapted = profile.AdaptUnlabeled(inputs, history: history, additionalDimensions: extras);
        Warn(adapted.Warnings);
        AdaptationWarnings.AddRange(adapted.Warnings);
        return adapted.Profile;
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
        foreach (var (code, message) in InputWarnings)
        {
            w.WriteStartObject();
            w.WriteString("code", code);
            w.WriteNull("task");
            w.WriteNull("dimension");
            w.WriteString("message", message);
            w.WriteEndObject();
        }
        foreach (var x in AdaptationWarnings.Concat(warnings))
        {
            w.WriteStartObject();
            w.WriteString("code", x.Code);
            w.WriteString("task", WireName.Of(x.Task));
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

    /// <summary>A progress sink that runs its callback on the reporting thread (<see cref="Progress{T}"/> posts to the thread
    /// pool, where reports can arrive out of order and after the work ended).</summary>
    public sealed class Inline(Action<int> report) : IProgress<int>
    {
        private readonly Lock _gate = new();
        private int _last;

        public void Report(int value)
        {
            lock (_gate)
            {
                if (value <= _last) return;
                _last = value;
                report(value);
            }
        }
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

    public static TaskKind? ParseTask(string? task) =>
        task is null ? null
        : WireName.TryParse<TaskKind>(task, out var kind) ? kind
        : throw new ArgumentException($"--task: unknown task '{task}'" + Suggest(task, [.. WireName.All<TaskKind>()]));
}
