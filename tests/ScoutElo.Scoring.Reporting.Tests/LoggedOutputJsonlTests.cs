using ScoutElo.Scoring.Reporting;

using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Reporting.Tests;

public sealed class LoggedOutputJsonlTests
{
    private const string Full = """{"id": "nq/17/gpt4", "task": "qa", "query": "who wrote ...", "context": null, "response": "Bobby Scott", "references": ["Bobby Scott", "Bob Russell"], "node": "gpt4", "metrics": {"latency_ms": 812, "ttft_ms": 120, "output_tokens": 57, "cost_usd": 0.0004, "uptime": 0.998}, "samples": ["alternate response", "..."], "logprobs": [-0.01, -0.3], "judgments": {"gpt-4": [1.0], "gpt35/geval/coherence": [3, 2, 3]}, "labels": {"correct": 1.0}, "unknown": {"x": [1]}}""";

    [Fact]
    public void Parse_DesignExample_ReadsEveryField()
    {
        var r = LoggedOutputJsonl.Parse(Full);
        Assert.Equal("nq/17/gpt4", r.Id);
        Assert.Equal(TaskKind.Qa, r.Input.Task);
        Assert.Equal(["Bobby Scott", "Bob Russell"], r.Input.References);
        Assert.Equal(812, r.Input.Metrics.LatencyMs);
        Assert.Equal(57, r.Input.Metrics.OutputTokens);
        Assert.Equal(0.998, r.Input.Metrics.Uptime);
        Assert.Equal([3.0, 2, 3], r.Input.Judgments["gpt35/geval/coherence"]);
        Assert.Equal([-0.01, -0.3], r.Input.LogProbs);
        Assert.Equal(1.0, r.Labels["correct"]);
        Assert.Null(r.Input.Context);
    }

    [Theory]
    [InlineData("""{"id":"a","response":"x","task":"poem"}""", "$.task")]
    [InlineData("""{"id":"a","response":"x","metrics":{"latency_ms":-1}}""", "$.metrics.latency_ms")]
    [InlineData("""{"id":"a","response":"x","metrics":{"uptime":1.5}}""", "$.metrics.uptime")]
    [InlineData("""{"id":"a","response":"x","metrics":{"output_tokens":2.5}}""", "$.metrics.output_tokens")]
    [InlineData("""{"id":"a","response":"x","metrics":{"latency_ms":"fast"}}""", "$.metrics.latency_ms")]
    [InlineData("""{"id":"a"}""", "$.response")]
    [InlineData("""{"response":"x"}""", "$.id")]
    [InlineData("""{"id":"a","response":"x","logprobs":[-1, 0.5]}""", "$.logprobs[1]")]
    [InlineData("""{"id":"a","response":"x","judgments":{"j":[]}}""", "$.judgments.j")]
    [InlineData("""{"id":"a","response":"x","references":["ok", null]}""", "$.references[1]")]
    [InlineData("""{"id":"a","response":""", "$")]
    public void Parse_BadLine_NamesLineAndField(string line, string field)
    {
        var e = Assert.Throws<JsonlFormatException>(() => LoggedOutputJsonl.Parse(line, "f.jsonl", 7));
        Assert.Equal(7, e.LineNumber);
        Assert.StartsWith(field, e.Field, StringComparison.Ordinal);
        Assert.StartsWith("f.jsonl:7: field '", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SkipOption_SkipsAndCountsBadLines()
    {
        string text = "{\"id\":\"a\",\"response\":\"x\"}\n\nnot json\n{\"id\":\"b\",\"response\":\"y\",\"task\":\"dialogue\"}\n{\"id\":\"c\"}\n";
        var seen = new List<long>();
        var records = LoggedOutputJsonl.Read(new StringReader(text), "t", new JsonlReadOptions { SkipInvalidLines = true, OnInvalidLine = e => seen.Add(e.LineNumber) }).ToList();
        Assert.Equal(["a", "b"], records.Select(r => r.Id));
        Assert.Equal([3L, 5L], seen);
        var strict = Assert.Throws<JsonlFormatException>(() => LoggedOutputJsonl.Read(new StringReader(text), "t").ToList());
        Assert.Equal(3, strict.LineNumber);
    }

    [Fact]
    public void Serialize_ThenParse_RoundTripsEveryField()
    {
        var r = LoggedOutputJsonl.Parse(Full);
        var back = LoggedOutputJsonl.Parse(LoggedOutputJsonl.Serialize(r));
        AssertSame(r, back);
    }

    internal static void AssertSame(LoggedOutput a, LoggedOutput b)
    {
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(a.Labels, b.Labels);
        var x = a.Input;
        var y = b.Input;
        Assert.Equal(x.Query, y.Query);
        Assert.Equal(x.Response, y.Response);
        Assert.Equal(x.Context, y.Context);
        Assert.Equal(x.References, y.References);
        Assert.Equal(x.Task, y.Task);
        Assert.Equal(x.Node, y.Node);
        Assert.Equal(x.Metrics, y.Metrics);
        Assert.Equal(x.Samples, y.Samples);
        Assert.Equal(x.LogProbs, y.LogProbs);
        Assert.Equal(x.Judgments.Keys, y.Judgments.Keys);
        foreach (var k in x.Judgments.Keys) Assert.Equal(x.Judgments[k], y.Judgments[k]);
    }

    [DataFact("summeval.jsonl")] public void ReadAllFile_SummEval_ReadsEveryLine() => ReadsEveryLine("summeval.jsonl", 1600);
    [DataFact("evouna-tq.jsonl")] public void ReadAllFile_EvounaTq_ReadsEveryLine() => ReadsEveryLine("evouna-tq.jsonl", 9690);
    [DataFact("evouna-nq.jsonl")] public void ReadAllFile_EvounaNq_ReadsEveryLine() => ReadsEveryLine("evouna-nq.jsonl", 13798);
    [DataFact("qags-cnndm.jsonl")] public void ReadAllFile_QagsCnndm_ReadsEveryLine() => ReadsEveryLine("qags-cnndm.jsonl", 235);
    [DataFact("qags-xsum.jsonl")] public void ReadAllFile_QagsXsum_ReadsEveryLine() => ReadsEveryLine("qags-xsum.jsonl", 239);
    [DataFact("topical-chat.jsonl")] public void ReadAllFile_TopicalChat_ReadsEveryLine() => ReadsEveryLine("topical-chat.jsonl", 360);

    private static void ReadsEveryLine(string file, int expected)
    {
        var result = LoggedOutputJsonl.ReadAllFile(SharedData.PathOf(file));
        Assert.Equal(expected, result.Records.Count);
        Assert.Equal(0, result.SkippedLines);
        Assert.All(result.Records, r => Assert.NotEmpty(r.Labels));
    }
}
