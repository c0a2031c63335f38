using System.CommandLine;
using System.Text;
using System.Text.Json;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Reporting;

namespace ScoutElo.Cli;


/// <summary>Reading the verbs' inputs: logged outputs in any supported format (--format, --map, --skip-invalid), label checks, and token counts filled from the text (--tokens, --prices).</summary>
internal static class InputFiles
{
    public static readonly Option<bool> SkipInvalid = new("--skip-invalid")
    {
        Description = "Skip lines that are not valid records (their count and the first three are reported) instead of stopping at the first; by default one bad line stops the run.",
    };
    /// <summary>A warning about the input itself (an empty file, rows of another format), printed on stderr as it is found
    /// and kept for the <c>--json</c> result (<see cref="ProfileOptions.Warnings"/>).</summary>
    private static void InputWarning(CliContext r, string code, string message)
    {
        r.InputWarnings.Add((code, message));
        r.Error.WriteLine($"warning [{code}]: {message}");
    }
    /// <summary>Reads logged-output files: all or none by default, or skipping bad lines when the verb has
    /// <see cref="SkipInvalid"/> and it is on. Warns when a file holds no records, or when no row carries a query, references
    /// or a context (rows of another tool's format read as responses only), naming the fields the format does not read.</summary>
    public static readonly Option<string> Format = new("--format")
    {
        Description = "Input format: jsonl (logged outputs), ragas, deepeval, promptfoo (the JSON of 'promptfoo eval -o') or csv (a header naming the logged-output fields).",
        DefaultValueFactory = _ => "jsonl",
    };
    public static readonly Option<string?> Task = new("--task")
    {
        Description = "The task of the rows: qa, summarization, dialogue or open. Default: what the rows say, else the format's natural task (a RAGAS or DeepEval row with a reference is QA, anything else open). Rows of another tool's format that name their own task keep it; logged-output JSONL rows all take this one.",
    };
    public static readonly Option<string[]> Map = new("--map")
    {
        Description = "FIELD=SOURCE: read a logged-output field (id, task, query, context, response, references, node, labels.NAME, judgments.NAME, metrics.NAME) from another field or column (a dotted path into nested objects). Repeatable.",
    };
    public static readonly Option<string[]> JudgmentScale = new("--judgment-scale")
    {
        Description = "COLUMN=MIN..MAX: import a score column of RAGAS, DeepEval or promptfoo rows on that scale (rescaled to [0, 1]; a value outside it is an error), whatever its name. Without it a column is imported only when all its values lie in [0, 1]. Repeatable.",
    };

    /// <summary>Parses <c>--judgment-scale</c> values (COLUMN=MIN..MAX).</summary>
    private static Dictionary<string, Scoring.Dimensions.JudgmentScale> ParseScales(IEnumerable<string> values)
    {
        var scales = new Dictionary<string, Scoring.Dimensions.JudgmentScale>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            int eq = v.LastIndexOf('=');
            string[] range = eq > 0 ? v[(eq + 1)..].Split("..") : [];
            if (eq <= 0 || range.Length != 2
                || !double.TryParse(range[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double min)
                || !double.TryParse(range[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double max)
                || !double.IsFinite(min) || !double.IsFinite(max) || !(max > min))
                throw new ArgumentException($"--judgment-scale: expected COLUMN=MIN..MAX with MIN < MAX (for example faithfulness=1..5), got '{v}'.");
            scales[v[..eq].Trim()] = new Scoring.Dimensions.JudgmentScale(min, max);
        }
        return scales;
    }

    /// <summary>Parses <c>--map</c> values (FIELD=SOURCE) into target → source.</summary>
    private static Dictionary<string, string> ParseMap(IEnumerable<string> values)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            int eq = v.IndexOf('=');
            if (eq <= 0 || eq == v.Length - 1) throw new ArgumentException($"--map: expected FIELD=SOURCE (for example query=question), got '{v}'.");
            string target = v[..eq].Trim(), source = v[(eq + 1)..].Trim();
            // Which fields a map may target is LoggedOutputImport's to say (its error names fieldMap, reported as --map).
            map[target] = source;
        }
        return map;
    }


    /// <summary>Refuses a path that names no file, in the one-sentence form every verb uses: <c>--data: traffic file 'x' not found.</c></summary>
    public static string RequireFile(string flag, string path, string what = "file") =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{flag}: {what} '{path}' not found.", path);

    public static List<LoggedOutput> Load(IEnumerable<string> paths, CliContext r)
    {
        bool skip = r.Declares(SkipInvalid) && r.GetValue(SkipInvalid);
        bool formats = r.Declares(Format);
        string format = formats ? r!.GetValue(Format)! : "jsonl";
        if (!WireName.TryParse<LoggedOutputFormat>(format, out var parsed)) throw new ArgumentException($"--format: unknown format '{format}'{Cli.Suggest(format, [.. WireName.All<LoggedOutputFormat>()])}");
        var map = formats ? ParseMap(r!.GetValue(Map) ?? []) : [];
        if (skip && (format != "jsonl" || map.Count > 0)) throw new ArgumentException("--skip-invalid: applies to logged-output JSONL read as it is, not with --format or --map.");
        TaskKind? task = r.Declares(Task) ? ProfileOptions.ParseTask(r.GetValue(Task)) : null;
        var scales = r.Declares(JudgmentScale) ? ParseScales(r.GetValue(JudgmentScale) ?? []) : [];
        if (scales.Count > 0 && format is not ("ragas" or "deepeval" or "promptfoo"))
            throw new ArgumentException($"--judgment-scale: applies to the score columns of --format ragas, deepeval or promptfoo rows, not to {format}; map a column with --map judgments.NAME=COLUMN instead.");
        var all = new List<LoggedOutput>();
        foreach (var p in paths)
        {
            if (!File.Exists(p)) throw new FileNotFoundException($"Data file '{p}' not found.", p);
            if (format != "jsonl" || map.Count > 0)
            {
                LoggedOutputImportResult result;
                try
                {
                    result = LoggedOutputImport.Import(p, parsed, new LoggedOutputImportOptions { FieldMap = map, Task = task, JudgmentScales = scales, OnWarning = (code, message) => InputWarning(r, code, message) });
                }
                catch (FormatException e) when (format != "csv" && LooksLikeCsv(FirstLine(p)))
                {
                    throw new FormatException($"{e.Message} (the file looks like CSV: read it with --format csv)", e);
                }
                catch (ArgumentException e) when (e.ParamName == "options")
                {
                    throw new ArgumentException("--map: " + Cli.WithoutParameterTail(e.Message), e);
                }
                if (result.Records.Count == 0) InputWarning(r, "input-empty", $"'{p}' holds no records; there is nothing to work on.");
                ImportSummary(r, p, format, result.Records.Count, result.Tasks, task is not null ? "--task" : map.ContainsKey("task") ? "rows" : "format", result.Judgments, result.Ignored);
                all.AddRange(result.Records);
                continue;
            }
            var skipped = new List<JsonlFormatException>();
            var options = skip ? new JsonlReadOptions { SkipInvalidLines = true, OnInvalidLine = skipped.Add } : JsonlReadOptions.Default;
            List<LoggedOutput> records;
            try
            {
                records = LoggedOutputJsonl.ReadFile(p, options).ToList();
            }
            catch (JsonlFormatException e) when (FirstLine(p) is var first && FirstRowGuess(first) is { } guess)
            {
                throw new FormatException(guess switch
                {
                    "csv" => $"{e.Message} (the file looks like CSV: read it with --format csv)",
                    "promptfoo" when !IsJson(first) => $"{e.Message} (the file is one JSON document spanning lines, as 'promptfoo eval -o' writes: read it with --format promptfoo)",
                    _ => $"{e.Message} (its rows look like {guess}'s: read them with --format {guess})",
                }, e);
            }
            if (task is { } t)
            {
                records = [.. records.Select(x => x with { Input = x.Input with { Task = t } })];
                ImportSummary(r, p, format, records.Count, new Dictionary<TaskKind, int> { [t] = records.Count }, "--task", [], []);
            }
            if (skipped.Count > 0)
            {
                InputWarning(r, "input-skipped", $"skipped {skipped.Count} invalid line(s) of '{p}' (--skip-invalid); the first: "
                    + string.Join(" | ", skipped.Take(3).Select(e => e.Message.ReplaceLineEndings(" "))));
            }
            if (records.Count == 0)
            {
                InputWarning(r, "input-empty", $"'{p}' holds no records{(skipped.Count > 0 ? " that could be read" : "")}; there is nothing to work on.");
            }
            else if (records.All(x => x.Input.Query.Length == 0 && string.IsNullOrEmpty(x.Input.Context) && x.Input.References.Count == 0))
            {
                var unknown = FileTypes.Of(p) == FileType.Regular ? UnknownFields(p) : []; // a FIFO cannot be read twice
                InputWarning(r, "input-no-known-fields", $"no row of '{p}' has a query, references or a context, so only the response's structure and the priors can judge it"
                    + (unknown.Count > 0 ? $"; its rows carry fields this format does not read ({string.Join(", ", unknown)}): rename them to query, context, references and response (see the README's data format)." : "."));
            }
            all.AddRange(records);
        }
        return all;
    }
    /// <summary>Says on stderr what reading a file did (its task per row, the columns imported as judgments and those left
    /// out with their reasons) and keeps it for the <c>import</c> of <c>--json</c>.</summary>
    private static void ImportSummary(CliContext r, string path, string format, int rows, IReadOnlyDictionary<TaskKind, int> tasks, string source,
        IReadOnlyList<string> judgments, IReadOnlyList<IgnoredColumn> ignored)
    {
        var byTask = tasks.OrderByDescending(x => x.Value).ToDictionary(x => WireName.Of(x.Key), x => x.Value, StringComparer.Ordinal);
        string why = source switch
        {
            "--task" => " (--task)",
            "format" => format is "ragas" or "deepeval" ? $" (a {format} row with a reference is QA, else open; --task to choose)" : " (--task to choose)",
            _ => "",
        };
        r.Error.WriteLine($"read {rows} row(s) of '{path}' as {format}: task {string.Join(", ", byTask.Select(x => $"{x.Key} ×{x.Value}"))}{why}"
            + (judgments.Count > 0 ? $"; judgments imported: {string.Join(", ", judgments)}" : format is "jsonl" or "csv" ? "" : "; no column imported as a judgment")
            + (ignored.Count > 0 ? $"; not imported: {string.Join("; ", ignored.Select(c => $"'{c.Column}' ({c.Reason})"))}" : "") + ".");
        r.Imports.Add(new Scoring.Reporting.Results.ImportFigures(path, format, byTask, source, judgments, ignored));
    }

    /// <summary>The first non-blank line of a regular file, trimmed; null for an empty file or a FIFO (read only once).</summary>
    private static string? FirstLine(string path) =>
        FileTypes.Of(path) == FileType.Regular ? File.ReadLines(path).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim() : null;

    /// <summary>Whether a first line reads as a CSV header rather than JSON (commas, no opening brace or bracket).</summary>
    private static bool LooksLikeCsv(string? first) => first is not null && first.Contains(',', StringComparison.Ordinal) && first[0] is not ('{' or '[');

    /// <summary>Whether a first line is a whole JSON value.</summary>
    private static bool IsJson(string? first)
    {
        try
        {
            return first is not null && System.Text.Json.Nodes.JsonNode.Parse(first) is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The foreign format a file's first line looks like (CSV when it is a header line, promptfoo when the file is one
    /// JSON document over several lines, else the tool whose fields its JSON row carries), or null.</summary>
    private static string? FirstRowGuess(string? first)
    {
        if (first is null) return null;
        if (LooksLikeCsv(first)) return "csv";
        if (!IsJson(first)) return first is "{" or "[" ? "promptfoo" : null;
        return LoggedOutputImport.GuessFormat(System.Text.Json.Nodes.JsonNode.Parse(first)!) is { } guess ? WireName.Of(guess) : null;
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
    /// <summary>Fails with the labels the data has (and the closest one) when no record carries <paramref name="label"/>.</summary>
    public static void CheckLabel(IReadOnlyList<LoggedOutput> records, string label)
    {
        if (records.Count == 0 || records.Any(x => x.Labels.ContainsKey(label))) return;
        var labels = records.SelectMany(x => x.Labels.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (labels.Count == 0) throw new ArgumentException($"--label: no record has labels at all, so '{label}' cannot be used; add a \"labels\" object to the rows.");
        string hint = Cli.Closest(label, labels) is { } near ? $"; did you mean '{near}'?" : ".";
        throw new ArgumentException($"--label: no record has the label '{label}'; the data's labels are {string.Join(", ", labels)}{hint}");
    }
    public static readonly Option<string?> Tokens = new("--tokens")
    {
        Description = "Fill a missing metrics.output_tokens from the response's tiktoken count (offline): o200k_base, cl100k_base or a model name such as gpt-4o-mini. Logged values are kept.",
    };
    /// <summary>Two non-negative numbers IN,OUT (USD per million tokens), or an error naming <paramref name="flag"/>.</summary>
    public static (double In, double Out) ParsePrices(string flag, string value)
    {
        var parts = value.Split(',');
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        if (parts.Length != 2 || !double.TryParse(parts[0], System.Globalization.NumberStyles.Float, ci, out double pin)
            || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, ci, out double pout)
            || !double.IsFinite(pin) || !double.IsFinite(pout) || pin < 0 || pout < 0)
            throw new ArgumentException($"{flag}: expected two non-negative numbers IN,OUT (USD per million tokens), got '{value}'.");
        return (pin, pout);
    }

    public static readonly Option<string?> Prices = new("--prices")
    {
        Description = "With --tokens: USD per million input,output tokens (for example 0.15,0.60), to fill a missing metrics.cost_usd (prompt = query + context).",
    };
    /// <summary>Applies <c>--tokens</c>/<c>--prices</c>: fills missing output token counts (and costs) and says how many on
    /// stderr; the records unchanged without <c>--tokens</c>.</summary>
    public static List<LoggedOutput> FillTokens(List<LoggedOutput> records, CliContext r)
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
            var (pin, pout) = ParsePrices("--prices", prices);
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
        r.Error.WriteLine($"tokens ({counter.Encoding}): filled output_tokens for {tokensFilled} and cost_usd for {costsFilled} of {records.Count} records");
        return filled;
    }
}
