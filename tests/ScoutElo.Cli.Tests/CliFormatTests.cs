using System.Text.Json;
using System.Xml.Linq;
using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 24 (formats): other tools' rows are read with --format (RAGAS, DeepEval, promptfoo, CSV) and --map, a
/// file read in the wrong format says which one it looks like, and score writes CSV and JUnit XML.</summary>
public sealed class CliFormatTests
{
    private const string Ragas =
        "{\"user_input\":\"Who wrote Hamlet?\",\"response\":\"William Shakespeare wrote Hamlet.\",\"reference\":\"William Shakespeare\",\"retrieved_contexts\":[\"Hamlet is a tragedy by William Shakespeare.\",\"It dates from about 1600.\"],\"faithfulness\":1.0}\n"
        + "{\"user_input\":\"What is the capital of France?\",\"response\":\"Lyon.\",\"reference\":\"Paris\",\"retrieved_contexts\":[\"Paris is the capital of France.\"],\"faithfulness\":0.0}\n";

    private static List<JsonElement> Scores(string stdout) => [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public void A_ragas_file_is_read_with_its_fields_and_metric_columns_become_judgments()
    {
        string file = Temp("ragas.jsonl", Ragas);
        var (code, stdout, err) = Run("score", "--data", file, "--format", "ragas", "--out", "-");
        Assert.True(code == 0, err);
        var rows = Scores(stdout);
        Assert.Equal(2, rows.Count);
        var dims = rows[0].GetProperty("dimensions");
        // query, reference and contexts reached the dimensions that need them; the faithfulness column is an external judgment.
        Assert.Equal(JsonValueKind.Number, dims.GetProperty("semantic").ValueKind);
        Assert.Equal(JsonValueKind.Number, dims.GetProperty("alignment").ValueKind);
        Assert.Equal(JsonValueKind.Number, dims.GetProperty("faithfulness").ValueKind);
        Assert.Equal(JsonValueKind.Number, dims.GetProperty("agreement").ValueKind);
        Assert.True(rows[0].GetProperty("composite").GetDouble() > rows[1].GetProperty("composite").GetDouble());
        Assert.Equal("ragas.jsonl:1", rows[0].GetProperty("id").GetString());

        // Read as logged-output JSONL, the same file is refused with a hint naming the right format.
        var plain = Run("score", "--data", file, "--out", "-");
        Assert.Equal(1, plain.Code);
        Assert.Contains("--format ragas", plain.Err, StringComparison.Ordinal);
        var wrong = Run("score", "--data", file, "--format", "deepeval", "--out", "-");
        Assert.Equal(1, wrong.Code);
        Assert.Contains("looks like the ragas format", wrong.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Deepeval_promptfoo_and_csv_rows_with_maps_feed_evaluate_and_score()
    {
        string deepeval = Temp("de.jsonl", string.Concat(Enumerable.Range(0, 12).Select(i =>
            $"{{\"input\":\"question {i}\",\"actual_output\":\"{(i % 2 == 0 ? "answer " + i : "something else")}\",\"expected_output\":\"answer {i}\",\"human\":{i % 2}}}\n")));
        var (code, _, err) = Run("score", "--data", deepeval, "--format", "deepeval", "--map", "labels.quality=human", "--out", "-");
        Assert.True(code == 0, err);

        string promptfoo = Temp("pf.json", JsonSerializer.Serialize(new
        {
            results = new
            {
                results = new object[]
                {
                    new { vars = new { question = "2+2?", expected = "4" }, response = new { output = "4" }, provider = new { id = "openai:gpt-4o-mini" }, score = 1.0 },
                    new { vars = new { question = "3+3?", expected = "6" }, response = new { output = "7" }, provider = new { id = "openai:gpt-4o-mini" }, score = 0.0 },
                },
            },
        }));
        var pf = Run("score", "--data", promptfoo, "--format", "promptfoo", "--out", "-");
        Assert.True(pf.Code == 0, pf.Err);
        var rows = Scores(pf.Out);
        Assert.True(rows[0].GetProperty("dimensions").GetProperty("semantic").GetDouble() > rows[1].GetProperty("dimensions").GetProperty("semantic").GetDouble());

        // CSV: quoted commas and a line break inside a field; labels.X columns are labels.
        string csv = Temp("in.csv", "id,query,response,references,labels.quality\n1,\"Capital of France?\",\"Paris, of course\",Paris,1\n2,\"Capital of Spain?\",\"Lisbon,\nI think\",Madrid,0\n");
        var c = Run("score", "--data", csv, "--format", "csv", "--out", "-");
        Assert.True(c.Code == 0, c.Err);
        Assert.Equal(["1", "2"], Scores(c.Out).Select(e => e.GetProperty("id").GetString()));
        var bad = Run("score", "--data", csv, "--format", "csv", "--map", "query=missing", "--out", "-");
        Assert.Equal(1, bad.Code);
        Assert.Contains("in.csv:2", bad.Err, StringComparison.Ordinal);
        Assert.Contains("query=missing", bad.Err, StringComparison.Ordinal);
        Assert.Equal(1, Run("score", "--data", csv, "--format", "csv", "--map", "answer=response", "--out", "-").Code);
    }

    [Fact]
    public void Score_writes_csv_and_junit_with_the_gate_as_failures()
    {
        string file = Temp("ragas.jsonl", Ragas);
        var csv = Run("score", "--data", file, "--format", "ragas", "--out", "-", "--output-format", "csv");
        Assert.True(csv.Code == 0, csv.Err);
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,composite,", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.Equal(lines[0].Split(',').Length, lines[1].Split(',').Length);

        var junit = Run("score", "--data", file, "--format", "ragas", "--out", "-", "--output-format", "junit", "--fail-below", "0.5");
        Assert.Equal(3, junit.Code);
        var xml = XDocument.Parse(junit.Out);
        var cases = xml.Descendants("testcase").ToList();
        Assert.Equal(2, cases.Count);
        Assert.Equal("1", xml.Root!.Attribute("failures")!.Value);
        Assert.Single(cases, t => t.Element("failure") is not null);
        Assert.Equal("ragas.jsonl:2", cases.Single(t => t.Element("failure") is not null).Attribute("name")!.Value);
    }
}
