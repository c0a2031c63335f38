using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ScoutElo.Scoring.Reporting;

/// <summary>Reads and writes the logged-output JSONL format (one JSON object per line; see the project's DESIGN §3).</summary>
/// <remarks>
/// <para>Reading streams: one line is parsed at a time. Unknown fields are ignored; <c>null</c> and a missing field are the
/// same. Blank lines are skipped. A bad line throws <see cref="JsonlFormatException"/> naming the source, line and field,
/// unless <see cref="JsonlReadOptions.SkipInvalidLines"/> is set, in which case it is skipped and reported through
/// <see cref="JsonlReadOptions.OnInvalidLine"/> and counted in <see cref="JsonlReadResult.SkippedLines"/>.</para>
/// <para>Required per line: <c>id</c> and <c>response</c> (strings). <c>task</c> is one of <c>qa</c>, <c>summarization</c>,
/// <c>dialogue</c>, <c>open</c> (missing means <c>open</c>). Metrics must be finite and non-negative, <c>uptime</c> in [0, 1],
/// <c>output_tokens</c> a whole number, log-probabilities ≤ 0. Null label values are dropped.</para>
/// <para>All members are thread-safe (stateless).</para>
/// </remarks>
public static class LoggedOutputJsonl
{
    /// <summary>Invalid byte sequences decode to U+FFFF (a noncharacter), which the line reader then rejects with its line.</summary>
    internal static readonly Encoding StrictUtf8 = Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFF"));

    /// <summary>The top-level field names a logged-output line may carry (the traffic fields of <see cref="TrafficJsonl"/>
    /// included), in the format's order. A line's other fields are ignored; a tool can compare a file's field names with these
    /// to tell a file of another format (for example RAGAS rows with <c>user_input</c> and <c>retrieved_contexts</c>) from a
    /// file of this one.</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
        [.. LoggedOutputJsonContext.Default.LoggedOutputDto.Properties.Select(p => p.Name)];

    /// <summary>Streams the records of a JSONL file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">Reading options; defaults throw on the first bad line.</param>
    /// <returns>The records, lazily, in file order.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="JsonlFormatException">A bad line, unless skipping is on.</exception>
    public static IEnumerable<LoggedOutput> ReadFile(string path, JsonlReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadFileIterator(path, options ?? JsonlReadOptions.Default);
    }

    private static IEnumerable<LoggedOutput> ReadFileIterator(string path, JsonlReadOptions options)
    {
        using var reader = new StreamReader(path, StrictUtf8, detectEncodingFromByteOrderMarks: true);
        foreach (var r in Read(reader, Path.GetFileName(path), options)) yield return r;
    }

    /// <summary>Reads a whole file and reports how many lines were skipped.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The records and the skipped-line count.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="JsonlFormatException">A bad line, unless skipping is on.</exception>
    public static JsonlReadResult ReadAllFile(string path, JsonlReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var o = options ?? JsonlReadOptions.Default;
        int skipped = 0;
        var counting = o with { OnInvalidLine = e => { skipped++; o.OnInvalidLine?.Invoke(e); } };
        var list = ReadFile(path, counting).ToList();
        return new JsonlReadResult(list, skipped);
    }

    /// <summary>Streams the records of JSONL text.</summary>
    /// <param name="reader">The text source; not disposed.</param>
    /// <param name="sourceName">Name used in error messages (for example the file name).</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The records, lazily, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="sourceName"/> is null.</exception>
    /// <exception cref="JsonlFormatException">A bad line, unless skipping is on.</exception>
    public static IEnumerable<LoggedOutput> Read(TextReader reader, string sourceName = "<jsonl>", JsonlReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadIterator(reader, sourceName, options ?? JsonlReadOptions.Default);
    }

    private static IEnumerable<LoggedOutput> ReadIterator(TextReader reader, string sourceName, JsonlReadOptions options)
    {
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            LoggedOutput? record = null;
            try
            {
                if (line.Contains('\uFFFF', StringComparison.Ordinal))
                    throw new JsonlFormatException(sourceName, lineNumber, "$", "Invalid UTF-8 (or the noncharacter U+FFFF) on this line.");
                record = Parse(line, sourceName, lineNumber);
            }
            catch (JsonlFormatException e) when (options.SkipInvalidLines)
            {
                options.OnInvalidLine?.Invoke(e);
            }
            if (record is not null) yield return record;
        }
    }

    /// <summary>Parses one JSONL line.</summary>
    /// <param name="line">The JSON object text.</param>
    /// <param name="sourceName">Name used in error messages.</param>
    /// <param name="lineNumber">Line number used in error messages.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="line"/> is null.</exception>
    /// <exception cref="JsonlFormatException">The line is not a valid record.</exception>
    public static LoggedOutput Parse(string line, string sourceName = "<jsonl>", long lineNumber = 1)
    {
        ArgumentNullException.ThrowIfNull(line);
        LoggedOutputDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(line, LoggedOutputJsonContext.Default.LoggedOutputDto);
        }
        catch (JsonException e)
        {
            throw new JsonlFormatException(sourceName, lineNumber, e.Path ?? "$", Internal.JsonErrors.Plain(e), e);
        }
        if (dto is null) throw new JsonlFormatException(sourceName, lineNumber, "$", "Expected a JSON object, got null.");
        return FromDto(dto, sourceName, lineNumber);
    }

    private static readonly SortedDictionary<string, IReadOnlyList<double>> NoJudgments = [];

    /// <param name="d">The line's fields.</param>
    /// <param name="src">The source's name, for errors.</param>
    /// <param name="ln">The line's number, for errors.</param>
    /// <param name="judgments">Whether to read the judgments into the record (traffic reads them itself, stricter: scores in [0, 1]).</param>
    internal static LoggedOutput FromDto(LoggedOutputDto d, string src, long ln, bool judgments = true)
    {
        var line = new Line(src, ln);
        if (string.IsNullOrEmpty(d.Id)) throw line.Bad("$.id", "Required string is missing or empty.");
        if (d.Response is null) throw line.Bad("$.response", "Required string is missing.");
        var task = TaskKind.Open;
        if (d.Task is not null && !WireName.TryParse(d.Task, out task))
            throw line.Bad("$.task", $"Unknown task '{d.Task}'; expected {WireName.Describe<TaskKind>()}.");
        var metrics = d.Metrics is { } m ? ReadMetrics(m, line) : new InferenceMetrics();
        var references = line.Strings(d.References, "$.references");
        var samples = line.Strings(d.Samples, "$.samples");
        var logprobs = d.LogProbs ?? [];
        for (int i = 0; i < logprobs.Count; i++)
        {
            if (!double.IsFinite(logprobs[i])) throw line.Bad($"$.logprobs[{i}]", "Log-probabilities must be finite numbers (1e400 overflows).");
            if (logprobs[i] > 0) throw line.Bad($"$.logprobs[{i}]", $"Log-probabilities must be ≤ 0, got {logprobs[i].ToString(CultureInfo.InvariantCulture)}.");
        }
        var scores = judgments ? ReadJudgments(d.Judgments, line) : NoJudgments;
        var labels = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, v) in d.Labels ?? [])
        {
            if (v is not { } value) continue;
            if (!double.IsFinite(value)) throw line.Bad($"$.labels.{name}", "Labels must be finite numbers (1e400 overflows).");
            labels[name] = value;
        }
        try
        {
            var input = new ScoringInput
            {
                Query = d.Query ?? "",
                Response = d.Response,
                Context = d.Context,
                References = references,
                Task = task,
                Node = d.Node,
                Metrics = metrics,
                Samples = samples,
                LogProbs = logprobs,
                Judgments = scores,
            };
            return new LoggedOutput { Id = d.Id, Input = input, Labels = labels };
        }
        catch (ArgumentException e)
        {
            throw line.Bad("$", FirstLine(Internal.Guard.BareMessage(e)), e);
        }
    }

    /// <summary>Where a record came from, for errors that name the file, the line and the field.</summary>
    private readonly record struct Line(string Source, long Number)
    {
        public JsonlFormatException Bad(string field, string detail, Exception? inner = null) => new(Source, Number, field, detail, inner);

        public List<string> Strings(List<string?>? values, string field)
        {
            if (values is null) return [];
            var list = new List<string>(values.Count);
            for (int i = 0; i < values.Count; i++)
            {
                list.Add(values[i] ?? throw Bad($"{field}[{i}]", "Expected a string, got null."));
            }
            return list;
        }
    }

    private static string FirstLine(string message)
    {
        int i = message.IndexOf('\n', StringComparison.Ordinal);
        return i < 0 ? message : message[..i].TrimEnd('\r', ' ');
    }

    private static InferenceMetrics ReadMetrics(MetricsDto m, Line line)
    {
        if (m.OutputTokens is { } ot && (ot != Math.Floor(ot) || ot < 0 || ot > int.MaxValue))
            throw line.Bad("$.metrics.output_tokens", $"Expected a non-negative whole number, got {ot.ToString(CultureInfo.InvariantCulture)}.");
        try
        {
            return new InferenceMetrics
            {
                LatencyMs = m.LatencyMs,
                TimeToFirstTokenMs = m.TtftMs,
                OutputTokens = m.OutputTokens is { } t ? (int)t : null,
                CostUsd = m.CostUsd,
                Uptime = m.Uptime,
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            string field = e.ParamName switch
            {
                nameof(InferenceMetrics.LatencyMs) => "latency_ms",
                nameof(InferenceMetrics.TimeToFirstTokenMs) => "ttft_ms",
                nameof(InferenceMetrics.CostUsd) => "cost_usd",
                nameof(InferenceMetrics.Uptime) => "uptime",
                _ => "output_tokens",
            };
            throw line.Bad("$.metrics." + field, FirstLine(Internal.Guard.BareMessage(e)), e);
        }
    }

    private static SortedDictionary<string, IReadOnlyList<double>> ReadJudgments(SortedDictionary<string, List<double>?>? js, Line line)
    {
        var judgments = new SortedDictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var (name, scores) in js ?? [])
        {
            if (scores is null) continue;
            if (name.Length == 0) throw line.Bad("$.judgments", "Evaluator names must be non-empty.");
            if (scores.Count == 0) throw line.Bad($"$.judgments.{name}", "Expected at least one score.");
            for (int i = 0; i < scores.Count; i++)
            {
                if (!double.IsFinite(scores[i])) throw line.Bad($"$.judgments.{name}[{i}]", "Judgment scores must be finite numbers (1e400 overflows).");
            }
            judgments[name] = scores;
        }
        return judgments;
    }

    /// <summary>Writes one record as a single JSONL line (terminated by <c>\n</c>); fields without a value are omitted.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="record">The record.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(TextWriter writer, LoggedOutput record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        writer.Write(Serialize(record));
        writer.Write('\n');
    }

    /// <summary>Serializes one record to its JSON line (without the newline). Reading it back gives an equal record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public static string Serialize(LoggedOutput record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var i = record.Input;
        var m = i.Metrics;
        bool anyMetric = m.LatencyMs is not null || m.TimeToFirstTokenMs is not null || m.OutputTokens is not null || m.CostUsd is not null || m.Uptime is not null;
        var dto = new LoggedOutputDto
        {
            Id = record.Id,
            Task = WireName.Of(i.Task),
            Query = i.Query,
            Context = i.Context,
            Response = i.Response,
            References = i.References.Count == 0 ? null : [.. i.References],
            Node = i.Node,
            Metrics = anyMetric ? new MetricsDto { LatencyMs = m.LatencyMs, TtftMs = m.TimeToFirstTokenMs, OutputTokens = m.OutputTokens, CostUsd = m.CostUsd, Uptime = m.Uptime } : null,
            Samples = i.Samples.Count == 0 ? null : [.. i.Samples],
            LogProbs = i.LogProbs.Count == 0 ? null : [.. i.LogProbs],
            Judgments = i.Judgments.Count == 0 ? null : new SortedDictionary<string, List<double>?>(i.Judgments.ToDictionary(p => p.Key, p => (List<double>?)[.. p.Value]), StringComparer.Ordinal),
            Labels = record.Labels.Count == 0 ? null : new SortedDictionary<string, double?>(record.Labels.ToDictionary(p => p.Key, p => (double?)p.Value), StringComparer.Ordinal),
        };
        return JsonSerializer.Serialize(dto, LoggedOutputJsonContext.Default.LoggedOutputDto);
    }
}
