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
}
