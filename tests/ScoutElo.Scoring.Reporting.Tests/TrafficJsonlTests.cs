using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Reporting;

namespace ScoutElo.Scoring.Reporting.Tests;

public sealed class TrafficJsonlTests
{
    private static List<TrafficRound> Read(string text) => [.. TrafficJsonl.Read(new StringReader(text), "t.jsonl")];

    private const string Line1 = "{\"round\":\"r1\",\"id\":\"r1/a\",\"task\":\"qa\",\"query\":\"q\",\"node\":\"a\",\"response\":\"x\",\"metrics\":{\"latency_ms\":10,\"output_tokens\":2,\"uptime\":1},\"judgments\":{\"e\":[0.5,0.7]}}";
    private const string Line2 = "{\"round\":\"r1\",\"id\":\"r1/b\",\"node\":\"b\",\"response\":\"\",\"model\":\"m\"}";

    [Fact]
    public void Rounds_group_consecutive_lines_and_round_trip_exactly()
    {
        var rounds = Read(Line1 + "\n" + Line2 + "\n");
        var r = Assert.Single(rounds);
        Assert.Equal((1, 2), (r.FirstLine, r.LastLine));
        Assert.Equal(2, r.Round.Responses.Count);
        Assert.Equal(0.6, r.Round.Responses[0].Scores["e"], 15); // several samples are averaged
        Assert.True(r.Round.Responses[1].Dropped);
        Assert.Equal("m", r.Round.Responses[1].ClaimedModel);
        var a = new StringWriter();
        TrafficJsonl.Write(a, r.Round);
        var again = Assert.Single(Read(a.ToString())).Round;
        var b = new StringWriter();
        TrafficJsonl.Write(b, again);
        Assert.Equal(a.ToString(), b.ToString());
        Assert.Equal(r.Round.Query, again.Query);
    }

    private const string Evidence1 = "{\"round\":\"r1\",\"id\":\"a\",\"node\":\"a\",\"response\":\"x\"";

    [Fact]
    public void Token_evidence_round_trips_exactly()
    {
        const string line = Evidence1 + ",\"tokens\":{\"ids\":[7,8],\"logprobs\":[-0.1,-2.5],\"top\":[[{\"id\":7,\"logprob\":-0.1},{\"id\":9,\"logprob\":-3}],[{\"id\":3,\"logprob\":-0.5}]],"
            + "\"sampling\":{\"temperature\":0.7,\"top_p\":0.9,\"seed\":42,\"max_tokens\":64},"
            + "\"reference\":{\"ids\":[7,8],\"logprobs\":[-0.12,-2.4],\"ranks\":[1,3],\"top\":[[{\"id\":7,\"logprob\":-0.12}],[{\"id\":3,\"logprob\":-0.4}]],\"margins\":[0,-0.25]}}}";
        var r = Assert.Single(Read(line)).Round.Responses[0];
        Assert.Equal([7, 8], r.Tokens!.TokenIds);
        Assert.Equal(42, r.Tokens.Sampling!.Seed);
        Assert.Equal(-0.25, r.Reference!.Margins![1]);
        Assert.Equal(new Verification.TokenLogprob(9, -3), r.Tokens.TopLogprobs![0][1]);
        var w = new StringWriter();
        TrafficJsonl.Write(w, Assert.Single(Read(line)).Round);
        var back = Assert.Single(Read(w.ToString())).Round.Responses[0];
        Assert.Equal(r.Reference.Ranks, back.Reference!.Ranks);
        Assert.Equal(r.Tokens.Logprobs, back.Tokens!.Logprobs);
        var w2 = new StringWriter();
        TrafficJsonl.Write(w2, Assert.Single(Read(w.ToString())).Round);
        Assert.Equal(w.ToString(), w2.ToString());
    }

    [Fact]
    public void A_top_level_reference_is_not_token_evidence() =>
        Assert.Null(Assert.Single(Read(Evidence1 + ",\"reference\":\"the gold answer\"}")).Round.Responses[0].Reference);

    [Fact]
    public void Traffic_lines_are_also_logged_output_lines() =>
        Assert.Equal(2, LoggedOutputJsonl.Read(new StringReader(Line1 + "\n" + Line2 + "\n")).Count());

    [Theory]
    [InlineData("{\"id\":\"a\",\"node\":\"a\",\"response\":\"x\"}", 1, "$.round")]
    [InlineData(Line1 + "\n{\"round\":\"r2\",\"id\":\"z\",\"node\":\"z\",\"response\":\"x\"}\n" + Line2, 3, "$.round")]
    [InlineData(Line1 + "\n{\"round\":\"r1\",\"request\":\"other\",\"id\":\"z\",\"node\":\"z\",\"response\":\"x\"}", 2, "$.request")]
    [InlineData("{\"round\":\"r1\",\"id\":\"a\",\"node\":\"a\",\"response\":\"x\",\"judgments\":{\"e\":[3]}}", 1, "$.judgments.e[0]")]
    [InlineData(Line1 + "\n" + Line1, 2, "$.id")]
    [InlineData("{\"round\":\"r1\",\"id\":\"a\",\"response\":\"x\"}", 1, "$.node")]
    [InlineData("{\"round\":\"r1\",\"id\":\"a\",\"node\":\"a\",\"response\":\"x\",\"baseline_verdicts\":[-1]}", 1, "$.baseline_verdicts[0]")]
    [InlineData(Line1 + "\n{\"round\":\"r1\",\"id\":\"z\",\"node\":\"z\",\"response\":\"x\",\"query\":\"other\"}", 2, "$.query")]
    [InlineData(Evidence1 + ",\"tokens\":{\"ids\":[1,2],\"logprobs\":[-0.1,0.5]}}", 1, "$.tokens.logprobs[1]")]
    [InlineData(Evidence1 + ",\"tokens\":{\"ids\":[1,2],\"logprobs\":[-0.1]}}", 1, "$.tokens.logprobs")]
    [InlineData(Evidence1 + ",\"tokens\":{\"logprobs\":[-0.1]}}", 1, "$.tokens.ids")]
    [InlineData(Evidence1 + ",\"tokens\":{\"ids\":[1,2],\"logprobs\":[-0.1,-0.2],\"reference\":{\"ids\":[1,3],\"logprobs\":[-0.1,-0.2],\"ranks\":[1,1]}}}", 1, "$.tokens.reference.ids[1]")]
    [InlineData(Evidence1 + ",\"tokens\":{\"ids\":[1,2],\"logprobs\":[-0.1,-0.2],\"reference\":{\"ids\":[1,2],\"logprobs\":[-0.1,-0.2],\"ranks\":[1,0]}}}", 1, "$.tokens.reference.ranks[1]")]
    [InlineData(Evidence1 + ",\"tokens\":{\"ids\":[1,2],\"logprobs\":[-0.1,-0.2],\"top\":[[{\"id\":1,\"logprob\":-2},{\"id\":5,\"logprob\":-1}],[]]}}", 1, "$.tokens.top[0]")]
    [InlineData("{\"round\":\"r1\",\"id\":\"a\",\"node\":\"a\",\"response\":\"\",\"tokens\":{\"ids\":[1],\"logprobs\":[-0.1]}}", 1, "$.tokens")]
    public void Bad_lines_name_the_file_line_and_field(string text, long line, string field)
    {
        var e = Assert.Throws<JsonlFormatException>(() => Read(text));
        Assert.Equal(line, e.LineNumber);
        Assert.Equal(field, e.Field);
        Assert.Equal("t.jsonl", e.Source);
    }

    [Fact]
    public void A_round_records_which_round_fields_its_lines_stated()
    {
        const string Head = "{\"round\":\"r1\",\"id\":\"a\",\"task\":\"qa\",\"query\":\"q\",\"references\":[\"x\"],\"node\":\"n1\",\"response\":\"x\",\"metrics\":{\"latency_ms\":1,\"output_tokens\":1,\"uptime\":1}}";
        const string Tail = "{\"round\":\"r1\",\"id\":\"b\",\"node\":\"n2\",\"response\":\"y\",\"metrics\":{\"latency_ms\":1,\"output_tokens\":1,\"uptime\":1}}";
        var whole = Assert.Single(TrafficJsonl.Read(new StringReader(Head + "\n" + Tail)));
        Assert.Equal(TrafficRoundFields.Task | TrafficRoundFields.Query | TrafficRoundFields.References, whole.Declared);
        var part = Assert.Single(TrafficJsonl.Read(new StringReader(Tail)));
        Assert.Equal(TrafficRoundFields.None, part.Declared); // a later part of the round: its fields were left out, not empty
        Assert.Equal("", part.Round.Query);
    }
}
