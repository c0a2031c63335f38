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
    public void Bad_lines_name_the_file_line_and_field(string text, long line, string field)
    {
        var e = Assert.Throws<JsonlFormatException>(() => Read(text));
        Assert.Equal(line, e.LineNumber);
        Assert.Equal(field, e.Field);
        Assert.Equal("t.jsonl", e.Source);
    }
}
