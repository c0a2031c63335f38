using ScoutElo.Scoring;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScoutElo.Scoring.Reporting;

/// <summary>Reads other evaluation tools' rows as logged outputs: RAGAS (<c>user_input</c>, <c>response</c>,
/// <c>reference</c>, <c>retrieved_contexts</c>; the older <c>question</c>/<c>answer</c>/<c>ground_truth</c>/<c>contexts</c>),
/// DeepEval (<c>input</c>, <c>actual_output</c>, <c>expected_output</c>, <c>context</c>, <c>retrieval_context</c>),
/// promptfoo (an <c>eval -o</c> JSON file: <c>results.results[]</c> with <c>vars</c>, <c>response.output</c>,
/// <c>provider</c>, <c>score</c>) and CSV with a header (the logged-output field names as columns: <c>id</c>, <c>task</c>,
/// <c>query</c>, <c>context</c>, <c>response</c>, <c>references</c>, <c>node</c>, and <c>labels.NAME</c>,
/// <c>judgments.NAME</c>, <c>metrics.NAME</c>). Numeric fields a format does not map (RAGAS or DeepEval metric columns,
/// promptfoo's score) become external judgments named <c>FORMAT/FIELD</c> — a column only when every value it holds is in
/// [0, 1] and its name is not a human label's (human, gold, label, rating, annotator), a row's or a count's (id, index, row,
/// number, count) or a serving metric's (latency, time, cost, tokens); the others are reported with their reason and left
/// out (map one explicitly, <c>judgments.NAME=COLUMN</c>, to use it on its own scale). A RAGAS or DeepEval row with a
/// reference is a QA item unless a task is given. A field map (<c>FIELD=SOURCE</c>, the CLI's <c>--map</c>) maps any source field
/// or column (a dotted path into nested objects) onto a logged-output field, overriding the format's default. Each row is
/// converted to a logged-output object and read by the library's own parser, so its validation and file:line errors hold.</summary>
public static partial class LoggedOutputImport
{
    /// <summary>Reads one file of logged outputs in <paramref name="format"/>: each row becomes a logged output, validated by
    /// <see cref="LoggedOutputJsonl"/>'s parser (errors name <c>file:line</c>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="format">Its format.</param>
    /// <param name="fieldMap">Logged-output field (<c>id</c>, <c>task</c>, <c>query</c>, <c>context</c>, <c>response</c>,
    /// <c>references</c>, <c>node</c>, <c>labels.NAME</c>, <c>judgments.NAME</c>, <c>metrics.NAME</c>) → the source field or
    /// column it is read from (a dotted path into nested objects), overriding the format's default.</param>
    /// <param name="onWarning">Called with a code and a sentence when the file reads but looks wrong (no row carries a field
    /// the format reads).</param>
    /// <returns>The records, in file order.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or a map target is not a logged-output field.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not defined.</exception>
    /// <exception cref="FormatException">A row cannot be read (named by <c>file:line</c>).</exception>
    /// <exception cref="JsonlFormatException">A converted row is not a valid logged output.</exception>
    public static IReadOnlyList<LoggedOutput> ReadFile(string path, LoggedOutputFormat format, IReadOnlyDictionary<string, string>? fieldMap = null, Action<string, string>? onWarning = null)
    {
        var map = fieldMap ?? new Dictionary<string, string>();
        CheckMap(map, nameof(fieldMap));
        return ImportChecked(path, format, new LoggedOutputImportOptions { FieldMap = map, OnWarning = onWarning }).Records;
    }

    /// <summary>Reads one file of logged outputs in <paramref name="format"/> and says what it did: the task each row got (the
    /// format's natural task unless the options or the row name one) and which numeric columns became judgments and which did
    /// not, and why (see the class remarks).</summary>
    /// <param name="path">The file.</param>
    /// <param name="format">Its format.</param>
    /// <param name="options">The field map, the task, the warning sink. <value>Default: none.</value></param>
    /// <returns>The records and what was made of the columns.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or a map target is not a logged-output field.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> or the task is not defined.</exception>
    /// <exception cref="FormatException">A row cannot be read (named by <c>file:line</c>).</exception>
    /// <exception cref="JsonlFormatException">A converted row is not a valid logged output.</exception>
    public static LoggedOutputImportResult Import(string path, LoggedOutputFormat format, LoggedOutputImportOptions? options = null)
    {
        options ??= new LoggedOutputImportOptions();
        if (options.Task is { } t && !Enum.IsDefined(t)) throw new ArgumentOutOfRangeException(nameof(options), t, "Unknown task.");
        CheckMap(options.FieldMap, nameof(options));
        CheckScales(options.JudgmentScales, format, nameof(options));
        return ImportChecked(path, format, options);
    }

    /// <summary>The import once the map and the task were checked (each public entry names its own parameter).</summary>
    private static LoggedOutputImportResult ImportChecked(string path, LoggedOutputFormat format, LoggedOutputImportOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Enum.IsDefined(format)) throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown format.");
        return Read(path, WireName.Of(format), options, options.OnWarning ?? ((_, _) => { }));
    }

    /// <summary>Refuses a scale that is not a finite, non-empty range, or scales for a format without score columns.</summary>
    private static void CheckScales(IReadOnlyDictionary<string, Dimensions.JudgmentScale> scales, LoggedOutputFormat format, string paramName)
    {
        if (scales.Count == 0) return;
        if (format is not (LoggedOutputFormat.Ragas or LoggedOutputFormat.DeepEval or LoggedOutputFormat.Promptfoo))
            throw new ArgumentException($"judgment scales apply to the score columns of RAGAS, DeepEval and promptfoo rows, not to {WireName.Of(format)}; map a column as judgments.NAME instead.", paramName);
        foreach (var (column, scale) in scales)
        {
            if (scale is null || !double.IsFinite(scale.Min) || !double.IsFinite(scale.Max) || !(scale.Max > scale.Min))
                throw new ArgumentException($"the scale of column '{column}' must be a finite range with Max > Min.", paramName);
        }
    }

    /// <summary>Refuses a map target that is not a logged-output field, naming <paramref name="paramName"/>.</summary>
    private static void CheckMap(IReadOnlyDictionary<string, string> map, string paramName)
    {
        foreach (var target in map.Keys)
        {
            bool ok = target is "id" or "task" or "query" or "context" or "response" or "references" or "node" || (target.Split('.') is [("labels" or "judgments" or "metrics"), { Length: > 0 }]);
            if (!ok) throw new ArgumentException($"'{target}' is not a logged-output field; map onto id, task, query, context, response, references, node, labels.NAME, judgments.NAME or metrics.NAME.", paramName);
        }
    }

    /// <summary>The format a row's field names suggest (RAGAS, DeepEval or promptfoo), or null: a hint for a file read in the wrong format.</summary>
    /// <param name="row">One row, as a JSON object.</param>
    /// <returns>The format, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="row"/> is null.</exception>
    public static LoggedOutputFormat? GuessFormat(JsonNode row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Guess(row) is { } name && WireName.TryParse<LoggedOutputFormat>(name, out var format) ? format : null;
    }

    private static readonly Dictionary<string, string[][]> Defaults = new(StringComparer.Ordinal)
    {
        // target field → source candidates (first present wins)
        ["ragas"] = [["query", "user_input", "question"], ["response", "response", "answer"], ["references", "reference", "ground_truth", "ground_truths"], ["context", "retrieved_contexts", "contexts"], ["id", "id"]],
        ["deepeval"] = [["query", "input"], ["response", "actual_output"], ["references", "expected_output"], ["context", "retrieval_context", "context"], ["id", "id", "name"]],
        ["promptfoo"] = [["query", "vars.query", "vars.question", "vars.input", "prompt.raw"], ["response", "response.output"], ["references", "vars.expected", "vars.reference", "vars.answer"], ["context", "vars.context"], ["node", "provider.id", "provider"], ["id", "id"]],
        ["csv"] = [["id", "id"], ["task", "task"], ["query", "query"], ["context", "context"], ["response", "response"], ["references", "references"], ["node", "node"]],
    };

    /// <summary>Reads one file in a foreign format (or JSONL with a field map).</summary>
    private static LoggedOutputImportResult Read(string path, string format, LoggedOutputImportOptions options, Action<string, string> warn)
    {
        var map = options.FieldMap;
        var task = options.Task;
        string name = Path.GetFileName(path);
        var rows = format switch
        {
            "csv" => CsvRows(path, name),
            "promptfoo" => PromptfooRows(path, name),
            _ => JsonlRows(path, name),
        };
        var defaults = Defaults.GetValueOrDefault(format) ?? [];
        var converted = new List<(JsonObject Row, long Line)>();
        var columns = new ScoreColumns(format, options.JudgmentScales);
        var seenFields = new SortedSet<string>(StringComparer.Ordinal);
        bool anyKnown = false;
        foreach (var (row, where, line) in rows)
        {
            foreach (var key in Keys(row)) seenFields.Add(key);
            var o = new JsonObject();
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var candidates in defaults)
            {
                string target = candidates[0];
                if (map.ContainsKey(target)) continue;
                foreach (var source in candidates.Skip(1))
                {
                    if (Lookup(row, source) is not { } value) continue;
                    Put(o, target, value, where);
                    used.Add(source.Split('.')[0]);
                    if (target is "query" or "response" or "references" or "context") anyKnown = true;
                    break;
                }
            }
            foreach (var (target, source) in map)
            {
                var value = Lookup(row, source) ?? throw new FormatException($"{where}: field map {target}={source}: the row has no field '{source}'");
                Put(o, target, value, where);
                used.Add(source.Split('.')[0]);
                anyKnown = true;
            }
            if (format is "csv") CsvDottedColumns(row, o, used, where);
            else if (format != "jsonl") columns.Offer(row, o, used, where);
            if (o["task"] is null && (task is { } given ? WireName.Of(given) : NaturalTask(format, o)) is { } natural) o["task"] = natural;
            o["id"] ??= $"{name}:{line}";
            if (o["response"] is null)
            {
                string reads = string.Join(" or ", defaults.FirstOrDefault(c => c[0] == "response")?.Skip(1) ?? ["response"]);
                throw new FormatException($"{where}: no response: the {format} format reads it from {reads}, and this row carries {string.Join(", ", Keys(row).Take(8))}"
                    + (Guess(row) is { } g && g != format ? $"; it looks like the {g} format" : "; map it with a field map response=FIELD"));
            }
            if (format == "jsonl" && map.Count > 0)
            {
                // JSONL with a map: the row's own logged-output fields stay, the mapped ones override them.
                foreach (var (k, v) in row.AsObject()) if (!o.ContainsKey(k) && !used.Contains(k)) o[k] = v?.DeepClone();
            }
            converted.Add((o, line));
        }
        columns.Decide();
        var records = new List<LoggedOutput>(converted.Count);
        foreach (var (o, line) in converted)
        {
            columns.AddTo(o);
            records.Add(LoggedOutputJsonl.Parse(o.ToJsonString(), name, line));
        }
        if (records.Count > 0 && !anyKnown)
        {
            warn("input-no-known-fields", $"no row of '{path}' carries a field the {format} format reads (query, response, references or context under its names); "
                + $"its rows carry {string.Join(", ", seenFields.Take(8))}: name the right format or map them (FIELD=SOURCE).");
        }
        var tasks = records.GroupBy(x => x.Input.Task).ToDictionary(g => g.Key, g => g.Count());
        return new LoggedOutputImportResult(records, tasks, columns.Imported, columns.Ignored);
    }

    /// <summary>The task a row of a format is, when nothing names it: a RAGAS or DeepEval row with a reference is a QA item
    /// (its reference is the gold answer); anything else is left to the logged-output default (open).</summary>
    private static string? NaturalTask(string format, JsonObject row) =>
        format is "ragas" or "deepeval" && row["references"] is JsonArray { Count: > 0 } ? WireName.Of(TaskKind.Qa) : null;

    /// <summary>The format a row's field names suggest (for hints in errors), or null.</summary>
    private static string? Guess(JsonNode row)
    {
        var keys = Keys(row).ToHashSet(StringComparer.Ordinal);
        if (keys.Contains("user_input") || keys.Contains("retrieved_contexts") || (keys.Contains("question") && keys.Contains("answer"))) return "ragas";
        if (keys.Contains("actual_output") || keys.Contains("expected_output")) return "deepeval";
        if (keys.Contains("response") && keys.Contains("vars")) return "promptfoo";
        return null;
    }

    private static IEnumerable<string> Keys(JsonNode row) => row is JsonObject o ? o.Select(p => p.Key) : [];

    /// <summary>A dotted path into nested objects (a plain column name first, for CSV headers that contain dots).</summary>
    private static JsonNode? Lookup(JsonNode row, string path)
    {
        if (row is not JsonObject obj) return null;
        if (obj.TryGetPropertyValue(path, out var direct)) return direct is null || IsEmpty(direct) ? null : direct;
        JsonNode? node = row;
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node)) return null;
        }
        return node is null || IsEmpty(node) ? null : node;
    }

    private static bool IsEmpty(JsonNode node) => node is JsonValue v && v.TryGetValue(out string? s) && s.Length == 0;

    private static void Put(JsonObject o, string target, JsonNode value, string where)
    {
        switch (target)
        {
            case "references":
                // A list stays a list; one string is one reference.
                o["references"] = value is JsonArray a ? new JsonArray([.. a.Select(x => (JsonNode?)JsonValue.Create(Text(x, where, target)))]) : new JsonArray(JsonValue.Create(Text(value, where, target)));
                break;
            case "context":
                // Retrieved passages are one source text for the context dimensions, separated by blank lines.
                o["context"] = value is JsonArray c ? string.Join("\n\n", c.Select(x => Text(x, where, target))) : Text(value, where, target);
                break;
            case var t when t.StartsWith("labels.", StringComparison.Ordinal) || t.StartsWith("metrics.", StringComparison.Ordinal):
            {
                var (group, key) = (t[..t.IndexOf('.')], t[(t.IndexOf('.') + 1)..]);
                var inner = o[group] as JsonObject ?? new JsonObject();
                inner[key] = Number(value, where, target);
                o[group] = inner;
                break;
            }
            case var t when t.StartsWith("judgments.", StringComparison.Ordinal):
            {
                var inner = o["judgments"] as JsonObject ?? new JsonObject();
                inner[t["judgments.".Length..]] = value is JsonArray arr ? new JsonArray([.. arr.Select(x => (JsonNode?)JsonValue.Create(Number(x!, where, target)))]) : new JsonArray(JsonValue.Create(Number(value, where, target)));
                o["judgments"] = inner;
                break;
            }
            default:
                o[target] = Text(value, where, target);
                break;
        }
    }

    private static string Text(JsonNode? value, string where, string target) => value switch
    {
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonValue v when v.TryGetValue(out double d) => d.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue(out bool b) => b ? "true" : "false",
        _ => throw new FormatException($"{where}: {target} must be text, got {value?.ToJsonString() ?? "null"}"),
    };

    private static double Number(JsonNode value, string where, string target) => value switch
    {
        JsonValue v when v.TryGetValue(out double d) => d,
        JsonValue v when v.TryGetValue(out bool b) => b ? 1 : 0,
        JsonValue v when v.TryGetValue(out string? s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
        _ => throw new FormatException($"{where}: {target} must be a number, got {value.ToJsonString()}"),
    };

    private static void CsvDottedColumns(JsonNode row, JsonObject o, HashSet<string> used, string where)
    {
        foreach (var (key, value) in row.AsObject())
        {
            if (used.Contains(key) || value is null || IsEmpty(value)) continue;
            if (key.StartsWith("labels.", StringComparison.Ordinal) || key.StartsWith("judgments.", StringComparison.Ordinal) || key.StartsWith("metrics.", StringComparison.Ordinal))
            {
                if (key.StartsWith("labels.", StringComparison.Ordinal) && o["labels"] is JsonObject l && l.ContainsKey(key["labels.".Length..])) continue;
                Put(o, key, value, where);
            }
        }
    }

    private static IEnumerable<(JsonNode Row, string Where, long Line)> JsonlRows(string path, string name)
    {
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonNode? node;
            try { node = JsonNode.Parse(text); }
            catch (JsonException e) { throw new FormatException($"{name}:{line}: not valid JSON ({e.Message})", e); }
            if (node is not JsonObject) throw new FormatException($"{name}:{line}: expected a JSON object");
            yield return (node, $"{name}:{line}", line);
        }
    }

    private static IEnumerable<(JsonNode Row, string Where, long Line)> PromptfooRows(string path, string name)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new FormatException($"{name}: not valid JSON ({e.Message}); the promptfoo format is the JSON file of 'promptfoo eval -o FILE.json'", e); }
        var results = root?["results"] is JsonObject r ? r["results"] as JsonArray : root?["results"] as JsonArray ?? root as JsonArray;
        if (results is null) throw new FormatException($"{name}: no results array (expected the 'promptfoo eval -o FILE.json' output with results.results[])");
        long k = 0;
        foreach (var item in results)
        {
            k++;
            if (item is not JsonObject) throw new FormatException($"{name}: result {k}: expected a JSON object");
            yield return (item, $"{name}: result {k}", k);
        }
    }

    private static IEnumerable<(JsonNode Row, string Where, long Line)> CsvRows(string path, string name)
    {
        string[]? header = null;
        long line = 0;
        using var reader = new StreamReader(path);
        while (ReadCsvRecord(reader, ref line, name) is { } cells)
        {
            if (header is null)
            {
                header = [.. cells.Select(c => c.Trim())];
                continue;
            }
            if (cells.Count == 1 && cells[0].Length == 0) continue;
            if (cells.Count != header.Length) throw new FormatException($"{name}:{line}: expected {header.Length} columns as in the header, got {cells.Count}");
            var o = new JsonObject();
            for (int i = 0; i < header.Length; i++) o[header[i]] = cells[i];
            yield return (o, $"{name}:{line}", line);
        }
    }

    /// <summary>One RFC 4180 record (quoted fields may span lines); null at the end of the file.</summary>
    internal static List<string>? ReadCsvRecord(StreamReader reader, ref long line, string name)
    {
        string? text = reader.ReadLine();
        if (text is null) return null;
        line++;
        long start = line;
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        while (true)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else cell.Append(c);
                }
                else if (c == '"' && cell.Length == 0) quoted = true;
                else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
                else cell.Append(c);
            }
            if (!quoted) break;
            text = reader.ReadLine() ?? throw new FormatException($"{name}:{start}: a quoted field is not closed");
            line++;
            cell.Append('\n');
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
