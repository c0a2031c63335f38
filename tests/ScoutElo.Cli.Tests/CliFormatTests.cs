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
        Refused("--format ragas", "score", "--data", file, "--out", "-");
        Refused("looks like the ragas format", "score", "--data", file, "--format", "deepeval", "--out", "-");
    }

    /// <summary>Asserts the command exits 1 with <paramref name="expected"/> in its error.</summary>
    private static void Refused(string expected, params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(1, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
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

    /// <summary>RAGAS rows of capital-city questions, right or wrong, with the columns other tools add.</summary>
    private static string Capitals(bool extraColumns)
    {
        (string Country, string Capital, string Wrong)[] rows = [("France", "Paris", "Lyon"), ("Spain", "Madrid", "Seville"), ("Italy", "Rome", "Milan"), ("Japan", "Tokyo", "Osaka"), ("Canada", "Ottawa", "Toronto"), ("Australia", "Canberra", "Sydney")];
        var text = new System.Text.StringBuilder();
        int n = 0;
        foreach (var (country, capital, wrong) in rows)
        {
            foreach (var answer in new[] { capital, wrong })
            {
                n++;
                string extra = extraColumns ? $",\"row_number\":{n},\"human_score\":{(answer == capital ? 5 : 1)}" : "";
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{{\"id\":\"q{n}\",\"user_input\":\"What is the capital of {country}?\",\"response\":\"The capital of {country} is {answer}.\",\"reference\":\"{capital}\"{extra}}}\n");
            }
        }
        return text.ToString();
    }

    [Fact]
    public void Ragas_rows_with_references_are_scored_as_qa_without_a_flag_and_extra_columns_change_nothing()
    {
        string plain = Temp("capitals.jsonl", Capitals(false)), extra = Temp("capitals-extra.jsonl", Capitals(true));
        var (code, stdout, err) = Run("score", "--data", plain, "--format", "ragas", "--out", "-");
        Assert.True(code == 0, err);
        Assert.Contains("as ragas: task qa ×12 (a ragas row with a reference is QA", err, StringComparison.Ordinal);
        var rows = Scores(stdout);
        double right = rows.Where((_, i) => i % 2 == 0).Average(x => x.GetProperty("composite").GetDouble());
        double wrong = rows.Where((_, i) => i % 2 == 1).Average(x => x.GetProperty("composite").GetDouble());
        Assert.True(right > 0.8 && wrong < 0.4, $"right {right:0.000}, wrong {wrong:0.000}");

        var (code2, stdout2, err2) = Run("score", "--data", extra, "--format", "ragas", "--out", "-");
        Assert.True(code2 == 0, err2);
        Assert.Contains("not imported: 'human_score' (named like a human label", err2, StringComparison.Ordinal);
        Assert.Contains("'row_number' (named like a row number", err2, StringComparison.Ordinal);
        Assert.Equal(rows.Select(x => x.GetProperty("composite").GetDouble()), Scores(stdout2).Select(x => x.GetProperty("composite").GetDouble()));

        // --task chooses, and --json says what was imported.
        var (code3, json, err3) = Run("score", "--data", extra, "--format", "ragas", "--task", "open", "--out", Path.Combine(TempDirectory(), "s.jsonl"), "--json");
        Assert.True(code3 == 0, err3);
        using var doc = JsonDocument.Parse(json);
        var import = doc.RootElement.GetProperty("import")[0];
        Assert.Equal(12, import.GetProperty("tasks").GetProperty("open").GetInt32());
        Assert.Equal("--task", import.GetProperty("taskSource").GetString());
        Assert.Equal(["human_score", "row_number"], import.GetProperty("ignored").EnumerateArray().Select(c => c.GetProperty("column").GetString()));
        Assert.Contains("--task: unknown task 'qq'", Run("score", "--data", extra, "--format", "ragas", "--task", "qq", "--out", "-").Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_file_read_as_jsonl_or_ragas_gets_a_hint_to_read_it_as_csv()
    {
        string csv = Temp("rows.csv", "id,query,response\nq1,What is 2+2?,4\n");
        Refused("looks like CSV: read it with --format csv", "score", "--data", csv, "--out", "-");
        Refused("looks like CSV: read it with --format csv", "score", "--data", csv, "--format", "ragas", "--out", "-");
        string document = Temp("eval.json", "{\n  \"results\": {\n    \"results\": []\n  }\n}\n");
        Refused("read it with --format promptfoo", "score", "--data", document, "--out", "-");
    }

    [Fact]
    public void A_declared_judgment_scale_imports_a_column_rescaled_and_refuses_values_off_it()
    {
        string rows = string.Concat(Enumerable.Range(1, 5).Select(k =>
            $"{{\"id\":\"q{k}\",\"user_input\":\"What is {k} plus {k}?\",\"response\":\"{2 * k}\",\"reference\":\"{2 * k}\",\"faith\":{k}}}\n"));
        string file = Temp("faith.jsonl", rows), output = Path.Combine(TempDirectory(), "s.jsonl");
        // Undeclared, a 1-5 column is not a score on [0, 1]: not imported, and said so.
        var plain = Run("score", "--data", file, "--format", "ragas", "--out", output, "--json");
        Assert.True(plain.Code == 0, plain.Err);
        Assert.Contains("'faith' (values outside [0, 1]", plain.Err, StringComparison.Ordinal);
        // Declared: imported on its scale (rescaled to [0, 1]) whatever its name.
        var scaled = Run("score", "--data", file, "--format", "ragas", "--judgment-scale", "faith=1..5", "--out", output, "--json");
        Assert.True(scaled.Code == 0, scaled.Err);
        var import = JsonDocument.Parse(scaled.Out).RootElement.GetProperty("import")[0];
        Assert.Equal(["ragas/faith"], import.GetProperty("judgments").EnumerateArray().Select(j => j.GetString()));
        Assert.Empty(import.GetProperty("ignored").EnumerateArray());
        // Off its scale: an error naming the row, and nothing written.
        string off = Temp("faith-off.jsonl", rows.Replace("\"faith\":3", "\"faith\":7", StringComparison.Ordinal));
        string offOut = Path.Combine(TempDirectory(), "off.jsonl");
        var refused = Run("score", "--data", off, "--format", "ragas", "--judgment-scale", "faith=1..5", "--out", offOut);
        Assert.Equal(1, refused.Code);
        Assert.Contains("faith-off.jsonl:3: 'faith' = 7 is outside its declared scale [1, 5]", refused.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(offOut));
        Refused("--judgment-scale: expected COLUMN=MIN..MAX", "score", "--data", file, "--format", "ragas", "--judgment-scale", "faith=5..1", "--out", "-");
        Refused("--judgment-scale: applies to the score columns of --format ragas", "score", "--data", file, "--judgment-scale", "faith=1..5", "--out", "-");
        Refused("a scale was declared for column 'fiath', but no row has a numeric 'fiath' (the numeric columns: faith)", "score", "--data", file, "--format", "ragas", "--judgment-scale", "fiath=1..5", "--out", "-");
    }
}
