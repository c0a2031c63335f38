using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Reporting.Tests;

/// <summary>Issue 33: the formats in live in the Reporting package, one reader per format family, errors naming file:line.</summary>
public sealed class ImportTests
{
    [Fact]
    public void Ragas_rows_become_logged_outputs_and_a_wrong_map_target_is_refused()
    {
        string file = TestFiles.Temp("r.jsonl", "{\"user_input\":\"Capital of France?\",\"response\":\"Paris.\",\"reference\":\"Paris\",\"faithfulness\":0.9}\n");
        var rows = LoggedOutputImport.ReadFile(file, LoggedOutputFormat.Ragas);
        var row = Assert.Single(rows);
        Assert.Equal("Capital of France?", row.Input.Query);
        Assert.Equal("Paris.", row.Input.Response);
        Assert.Equal(["Paris"], row.Input.References!);
        Assert.Equal("fieldMap", Assert.Throws<ArgumentException>(() => LoggedOutputImport.ReadFile(file, LoggedOutputFormat.Ragas, new Dictionary<string, string> { ["answer"] = "response" })).ParamName);
        Assert.Equal("format", Assert.Throws<ArgumentOutOfRangeException>(() => LoggedOutputImport.ReadFile(file, (LoggedOutputFormat)42)).ParamName);
        var e = Assert.Throws<FormatException>(() => LoggedOutputImport.ReadFile(file, LoggedOutputFormat.DeepEval));
        Assert.Contains("r.jsonl:1", e.Message, StringComparison.Ordinal);
        Assert.Contains("ragas", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arena_battles_read_from_a_json_array_with_ties_and_a_log_index()
    {
        string file = TestFiles.Temp("b.json", "[{\"model_a\":\"x\",\"model_b\":\"y\",\"winner\":\"model_a\"},{\"model_a\":\"x\",\"model_b\":\"y\",\"winner\":\"tie\"}]");
        var read = MatchLogImport.ReadFile(file, MatchLogFormat.Arena, log: 1);
        Assert.Equal(2, read.Count);
        Assert.Equal(1.0, read[0].Score);
        Assert.Equal(0.5, read[1].Score);
        Assert.All(read, c => Assert.Equal(1, c.Log));
        string empty = TestFiles.Temp("e.jsonl", "\n");
        Assert.Contains("holds no matches", Assert.Throws<FormatException>(() => MatchLogImport.ReadFile(empty, MatchLogFormat.Jsonl)).Message, StringComparison.Ordinal);
        Assert.Equal("log", Assert.Throws<ArgumentOutOfRangeException>(() => MatchLogImport.ReadFile(file, MatchLogFormat.Arena, log: -1)).ParamName);
    }

    [Fact]
    public void An_import_says_which_task_each_row_got_and_which_numeric_columns_became_judgments()
    {
        string file = TestFiles.Temp("cols.jsonl",
            "{\"user_input\":\"Capital of France?\",\"response\":\"Paris.\",\"reference\":\"Paris\",\"faithfulness\":0.9,\"row_number\":1,\"human_score\":0.5,\"latency_s\":0.4,\"bleu\":0.3}\n"
            + "{\"user_input\":\"Capital of Spain?\",\"response\":\"Madrid.\",\"faithfulness\":0.7,\"row_number\":2,\"human_score\":1,\"latency_s\":1.2,\"bleu\":7}\n");
        var result = LoggedOutputImport.Import(file, LoggedOutputFormat.Ragas);
        Assert.Equal([TaskKind.Qa, TaskKind.Open], result.Records.Select(x => x.Input.Task)); // a reference makes a RAGAS row a QA item
        Assert.Equal(1, result.Tasks[TaskKind.Qa]);
        Assert.Equal(["ragas/faithfulness"], result.Judgments);
        Assert.Equal(["bleu", "human_score", "latency_s", "row_number"], result.Ignored.Select(c => c.Column));
        Assert.Contains("outside [0, 1] (7 at cols.jsonl:2)", result.Ignored[0].Reason, StringComparison.Ordinal);
        Assert.Contains("human label", result.Ignored[1].Reason, StringComparison.Ordinal);
        Assert.Contains("serving metric", result.Ignored[2].Reason, StringComparison.Ordinal);
        Assert.Contains("row number", result.Ignored[3].Reason, StringComparison.Ordinal);
        Assert.All(result.Records, x => Assert.Equal(["ragas/faithfulness"], x.Input.Judgments.Keys));

        // A given task applies to every row that names none; an explicit map imports any column on its own scale.
        var given = LoggedOutputImport.Import(file, LoggedOutputFormat.Ragas, new LoggedOutputImportOptions
        {
            Task = TaskKind.Summarization,
            FieldMap = new Dictionary<string, string> { ["judgments.bleu"] = "bleu", ["labels.human"] = "human_score" },
        });
        Assert.All(given.Records, x => Assert.Equal(TaskKind.Summarization, x.Input.Task));
        Assert.Equal(7, given.Records[1].Input.Judgments["bleu"][0]);
        Assert.Equal(1, given.Records[1].Labels["human"]);
        Assert.DoesNotContain(given.Ignored, c => c.Column is "bleu" or "human_score");
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => LoggedOutputImport.Import(file, LoggedOutputFormat.Ragas, new LoggedOutputImportOptions { Task = (TaskKind)42 })).ParamName);
    }

    [Fact]
    public void A_declared_scale_rescales_a_column_onto_zero_one_and_bad_scales_name_options()
    {
        string file = TestFiles.Temp("scaled.jsonl",
            "{\"user_input\":\"Capital of France?\",\"response\":\"Paris.\",\"reference\":\"Paris\",\"human_rating\":4}\n"
            + "{\"user_input\":\"Capital of Spain?\",\"response\":\"Seville.\",\"reference\":\"Madrid\",\"human_rating\":1}\n");
        var scales = new Dictionary<string, Dimensions.JudgmentScale> { ["human_rating"] = new(1, 5) };
        var result = LoggedOutputImport.Import(file, LoggedOutputFormat.Ragas, new LoggedOutputImportOptions { JudgmentScales = scales });
        Assert.Equal(["ragas/human_rating"], result.Judgments);
        Assert.Equal(0.75, result.Records[0].Input.Judgments["ragas/human_rating"][0], 12);
        Assert.Equal(0.0, result.Records[1].Input.Judgments["ragas/human_rating"][0], 12);
        Assert.Throws<FormatException>(() => LoggedOutputImport.Import(file, LoggedOutputFormat.Ragas,
            new LoggedOutputImportOptions { JudgmentScales = new Dictionary<string, Dimensions.JudgmentScale> { ["human_rating"] = new(2, 5) } }));
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => LoggedOutputImport.Import(file, LoggedOutputFormat.Jsonl, new LoggedOutputImportOptions { JudgmentScales = scales })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => LoggedOutputImport.Import(file, LoggedOutputFormat.Ragas,
            new LoggedOutputImportOptions { JudgmentScales = new Dictionary<string, Dimensions.JudgmentScale> { ["human_rating"] = new(5, 5) } })).ParamName);
    }
}
