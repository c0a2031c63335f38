using System.Globalization;
using System.Text.Json;
using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Reporting;

/// <summary>Reads and writes observed network traffic as JSONL: the logged-output format (one response per line) extended with
/// the round, the claimed model, per-evaluator scores, spot checks and judge verdicts.</summary>
/// <remarks>
/// <para>One line per response; the lines of a round are consecutive and share <c>round</c>:</para>
/// <code>
/// {"round": "r17", "request": "q17", "id": "r17/scout-03", "task": "qa", "query": "who founded ...", "references": ["Ada Costa"],
///  "node": "scout-03", "model": "premium-70b", "response": "Ada Costa",
///  "metrics": {"latency_ms": 812, "output_tokens": 5, "uptime": 0.998, "cost_usd": 0.00001},
///  "judgments": {"evaluator-00": [0.91], "evaluator-01": [0.88]},
///  "spot_check": {"response": "It was Ada Costa.", "judgments": {"evaluator-00": [0.9], "evaluator-01": [0.87]}},
///  "baseline_verdicts": [1, 0.5],
///  "tokens": {"ids": [33, 2663, 18], "logprobs": [-0.02, -0.31, -0.004], "sampling": {"temperature": 0.7, "seed": 42, "max_tokens": 64},
///             "top": [[{"id": 33, "logprob": -0.02}, {"id": 91, "logprob": -4.1}], ...],
///             "reference": {"ids": [33, 2663, 18], "logprobs": [-0.021, -0.3, -0.004], "ranks": [1, 1, 1], "margins": [0, 0, 0], "top": [...]}}}
/// </code>
/// <list type="bullet">
/// <item><c>round</c> (required): the round id. <c>request</c>: the request id (default: the round id); every line of a round
/// must name the same request, task, query, context and references (the first line that gives one sets it).</item>
/// <item><c>id</c>, <c>node</c> (required), <c>response</c> (required; <c>""</c> for a dropped request), <c>model</c> (the claimed
/// model), <c>metrics</c> as in the logged-output format.</item>
/// <item><c>judgments</c>: evaluator → scores in [0, 1]; several samples of one evaluator are averaged. None: the engine scores
/// the response itself.</item>
/// <item><c>spot_check</c>: the claimed model's answer to the same request and the same evaluators' blind scores of it.</item>
/// <item><c>baseline_verdicts</c>: LLM-judge verdicts against an "average LLM" baseline answer (1 win, 0.5 tie, 0 loss).</item>
/// <item><c>tokens</c>: the node's token evidence (<see cref="Verification.TokenEvidence"/>): <c>ids</c> and <c>logprobs</c>
/// (required together), <c>top</c> (per position, <c>{"id", "logprob"}</c> in descending order), <c>sampling</c>
/// (<c>temperature</c>, <c>top_p</c>, <c>seed</c>, <c>max_tokens</c>), and <c>reference</c>, the validator's evidence for the
/// same ids (<see cref="Verification.ReferenceEvidence"/>): <c>ids</c>, <c>logprobs</c>, <c>ranks</c> (required), <c>top</c>,
/// <c>margins</c> (nested in <c>tokens</c>: a top-level <c>reference</c> is RAGAS's gold answer). Bad evidence is an error naming
/// the line and the field.</item>
/// </list>
/// <para>Every traffic line is also a valid logged-output line (the extra fields are ignored there), so <c>scoutelo score</c>
/// reads traffic too. Doubles are written in their shortest round-trip form: writing and reading a round gives it back exactly.</para>
/// </remarks>
public static class TrafficJsonl
{
    /// <summary>Streams the rounds of a traffic file, in file order.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The rounds, lazily; each with the line range it came from.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="JsonlFormatException">A bad line (named by file and line).</exception>
    public static IEnumerable<TrafficRound> ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadFileIterator(path);
    }

    private static IEnumerable<TrafficRound> ReadFileIterator(string path)
    {
        using var reader = new StreamReader(path, LoggedOutputJsonl.StrictUtf8, detectEncodingFromByteOrderMarks: true);
        foreach (var r in Read(reader, Path.GetFileName(path))) yield return r;
    }

    /// <summary>Streams the rounds of traffic JSONL text.</summary>
    /// <param name="reader">The text source; not disposed.</param>
    /// <param name="sourceName">Name used in error messages.</param>
    /// <returns>The rounds, lazily, in order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="JsonlFormatException">A bad line (named by source and line).</exception>
    public static IEnumerable<TrafficRound> Read(TextReader reader, string sourceName = "<traffic>")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadIterator(reader, sourceName);
    }

    private sealed class Pending(string round, long firstLine)
    {
        public string Round { get; } = round;
        public long FirstLine { get; } = firstLine;
        public long LastLine { get; set; } = firstLine;
        public string? Request { get; set; }
        public TaskKind? Task { get; set; }
        public string? Query { get; set; }
        public string? Context { get; set; }
        public IReadOnlyList<string>? References { get; set; }
        public List<ObservedResponse> Responses { get; } = [];
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);
        public bool RequestGiven { get; set; }
    }

    private static IEnumerable<TrafficRound> ReadIterator(TextReader reader, string src)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Pending? current = null;
        long ln = 0;
        while (reader.ReadLine() is { } line)
        {
            ln++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (line.Contains('\uFFFF', StringComparison.Ordinal)) throw new JsonlFormatException(src, ln, "$", "Invalid UTF-8 (or the noncharacter U+FFFF) on this line.");
            LoggedOutputDto dto;
            try
            {
                dto = JsonSerializer.Deserialize(line, LoggedOutputJsonContext.Default.LoggedOutputDto)
                    ?? throw new JsonlFormatException(src, ln, "$", "Expected a JSON object, got null.");
            }
            catch (JsonException e)
            {
                throw new JsonlFormatException(src, ln, e.Path ?? "$", Internal.JsonErrors.Plain(e), e);
            }
            if (string.IsNullOrEmpty(dto.Round)) throw new JsonlFormatException(src, ln, "$.round", "Required string is missing or empty (the round this response belongs to).");
            var record = LoggedOutputJsonl.FromDto(dto, src, ln, judgments: false); // read below, as scores
            if (string.IsNullOrEmpty(record.Input.Node)) throw new JsonlFormatException(src, ln, "$.node", "Required string is missing or empty (the node that served the response).");

            if (current is not null && current.Round != dto.Round)
            {
                yield return Complete(current);
                current = null;
            }
            if (current is null)
            {
                if (!seen.Add(dto.Round)) throw new JsonlFormatException(src, ln, "$.round", $"Round '{dto.Round}' continues after another round started; the lines of a round must be consecutive.");
                current = new Pending(dto.Round, ln);
            }
            current.LastLine = ln;
            Agree(current, dto, record, src, ln);
            if (!current.Ids.Add(record.Id)) throw new JsonlFormatException(src, ln, "$.id", $"Duplicate response id '{record.Id}' in round '{dto.Round}'.");
            var (tokens, reference) = TokenEvidenceJson.Read(dto.Tokens, record.Input.Response.Length == 0, src, ln);
            current.Responses.Add(new ObservedResponse
            {
                ResponseId = record.Id,
                Node = record.Input.Node,
                ClaimedModel = dto.Model,
                Response = record.Input.Response,
                Metrics = record.Input.Metrics,
                Scores = Scores(dto.Judgments, "$.judgments", src, ln),
                SpotCheck = dto.SpotCheck is { } sc
                    ? new SpotCheck { Response = sc.Response ?? "", Scores = Scores(sc.Judgments, "$.spot_check.judgments", src, ln) }
                    : null,
                BaselineVerdicts = Verdicts(dto.BaselineVerdicts, src, ln),
                Tokens = tokens,
                Reference = reference,
            });
        }
        if (current is not null) yield return Complete(current);

        TrafficRound Complete(Pending p) => new(new ObservedRound
        {
            RoundId = p.Round,
            RequestId = p.Request,
            Task = p.Task ?? TaskKind.Open,
            Query = p.Query ?? "",
            Context = p.Context,
            References = p.References ?? [],
            Responses = p.Responses,
        }, src, p.FirstLine, p.LastLine)
        {
            Declared = (p.RequestGiven ? TrafficRoundFields.Request : 0) | (p.Task is null ? 0 : TrafficRoundFields.Task)
                | (p.Query is null ? 0 : TrafficRoundFields.Query) | (p.Context is null ? 0 : TrafficRoundFields.Context)
                | (p.References is null ? 0 : TrafficRoundFields.References),
        };
    }

    private static void Agree(Pending p, LoggedOutputDto dto, LoggedOutput record, string src, long ln)
    {
        if (dto.Request is not null) p.RequestGiven = true;
        string request = dto.Request ?? p.Round;
        if (p.Request is null && p.Responses.Count == 0) p.Request = dto.Request;
        else if ((p.Request ?? p.Round) != request)
            throw new JsonlFormatException(src, ln, "$.request", $"Response for request '{request}' in round '{p.Round}', which serves request '{p.Request ?? p.Round}'.");
        var i = record.Input;
        if (dto.Task is not null)
        {
            if (p.Task is { } t && t != i.Task) throw new JsonlFormatException(src, ln, "$.task", $"Task '{dto.Task}' differs from the task of round '{p.Round}'.");
            p.Task = i.Task;
        }
        if (dto.Query is not null)
        {
            if (p.Query is { } q && q != i.Query) throw new JsonlFormatException(src, ln, "$.query", $"The query differs from the query of round '{p.Round}'.");
            p.Query = i.Query;
        }
        if (dto.Context is not null)
        {
            if (p.Context is { } c && c != i.Context) throw new JsonlFormatException(src, ln, "$.context", $"The context differs from the context of round '{p.Round}'.");
            p.Context = i.Context;
        }
        if (dto.References is not null)
        {
            if (p.References is { } r && !r.SequenceEqual(i.References, StringComparer.Ordinal))
                throw new JsonlFormatException(src, ln, "$.references", $"The references differ from the references of round '{p.Round}'.");
            p.References = i.References;
        }
    }

    private static SortedDictionary<string, double> Scores(SortedDictionary<string, List<double>?>? judgments, string field, string src, long ln)
    {
        var scores = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, values) in judgments ?? [])
        {
            if (values is null) continue;
            if (name.Length == 0) throw new JsonlFormatException(src, ln, field, "Evaluator names must be non-empty.");
            if (values.Count == 0) throw new JsonlFormatException(src, ln, $"{field}.{name}", "Expected at least one score.");
            double sum = 0;
            for (int i = 0; i < values.Count; i++)
            {
                double v = values[i];
                if (!double.IsFinite(v)) throw new JsonlFormatException(src, ln, $"{field}.{name}[{i}]", "Judgment scores must be finite numbers (1e400 overflows).");
                if (v is < 0 or > 1)
                    throw new JsonlFormatException(src, ln, $"{field}.{name}[{i}]", $"Traffic scores must be numbers in [0, 1], got {v.ToString("R", CultureInfo.InvariantCulture)}.");
                sum += v;
            }
            scores[name] = values.Count == 1 ? values[0] : Math.Clamp(sum / values.Count, 0, 1);
        }
        return scores;
    }

    private static List<double> Verdicts(List<double>? verdicts, string src, long ln)
    {
        var list = verdicts ?? [];
        for (int i = 0; i < list.Count; i++)
        {
            if (!double.IsFinite(list[i]) || list[i] is < 0 or > 1)
                throw new JsonlFormatException(src, ln, $"$.baseline_verdicts[{i}]", $"Verdicts must be numbers in [0, 1] (1 win, 0.5 tie, 0 loss), got {list[i].ToString("R", CultureInfo.InvariantCulture)}.");
        }
        return list;
    }

    /// <summary>Writes one round as consecutive JSONL lines (one per response, each ending in <c>\n</c>).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="round">The round.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(TextWriter writer, ObservedRound round)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(round);
        bool first = true;
        foreach (var r in round.Responses)
        {
            var m = r.Metrics;
            bool anyMetric = m.LatencyMs is not null || m.TimeToFirstTokenMs is not null || m.OutputTokens is not null || m.CostUsd is not null || m.Uptime is not null;
            var dto = new LoggedOutputDto
            {
                Round = round.RoundId,
                Request = round.RequestId,
                Id = r.ResponseId,
                Task = WireName.Of(round.Task),
                // The request's fields once per round (the first line sets them; the reader checks that later lines agree).
                Query = first && round.Query.Length > 0 ? round.Query : null,
                Context = first ? round.Context : null,
                References = first && round.References.Count > 0 ? [.. round.References] : null,
                Node = r.Node,
                Model = r.ClaimedModel,
                Response = r.Response,
                Metrics = anyMetric ? new MetricsDto { LatencyMs = m.LatencyMs, TtftMs = m.TimeToFirstTokenMs, OutputTokens = m.OutputTokens, CostUsd = m.CostUsd, Uptime = m.Uptime } : null,
                Judgments = r.Scores.Count == 0 ? null : Judgments(r.Scores),
                SpotCheck = r.SpotCheck is { } sc ? new SpotCheckDto { Response = sc.Response, Judgments = Judgments(sc.Scores) } : null,
                BaselineVerdicts = r.BaselineVerdicts.Count == 0 ? null : [.. r.BaselineVerdicts],
                Tokens = TokenEvidenceJson.Write(r.Tokens, r.Reference),
            };
            writer.Write(JsonSerializer.Serialize(dto, LoggedOutputJsonContext.Default.LoggedOutputDto));
            writer.Write('\n');
            first = false;
        }

        static SortedDictionary<string, List<double>?> Judgments(IReadOnlyDictionary<string, double> scores) =>
            new(scores.ToDictionary(p => p.Key, p => (List<double>?)[p.Value]), StringComparer.Ordinal);
    }
}
