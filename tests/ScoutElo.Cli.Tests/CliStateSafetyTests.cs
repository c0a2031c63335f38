using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 34: a failed settle changes nothing and leaves no file behind; a store refuses another application's
/// database untouched; read-only verbs open read-only; names from the input cannot drive the terminal.</summary>
public sealed class CliStateSafetyTests
{
    private static readonly Lazy<string[]> Traffic = new(() =>
    {
        string file = Path.Combine(TempDirectory(), "t.jsonl");
        var (code, _, err) = Run("simulate", "--rounds", "60", "--no-audit", "--traffic-out", file);
        Assert.True(code == 0, err);
        return File.ReadAllLines(file);
    });

    private static string Write(string name, IEnumerable<string> lines) => Temp(name, string.Join("\n", lines) + "\n");

    private static JsonObject Row(int i) => JsonNode.Parse(Traffic.Value[i])!.AsObject();

    [Fact]
    public void A_round_with_a_duplicate_response_id_is_refused_and_no_state_file_is_left()
    {
        var rows = Traffic.Value.ToArray();
        var second = Row(1);
        second["id"] = Row(0)["id"]!.GetValue<string>();
        rows[1] = second.ToJsonString();
        string data = Write("dup.jsonl", rows), state = Path.Combine(TempDirectory(), "new.db");
        var (code, stdout, err) = Run("settle", "--data", data, "--state", state);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("dup.jsonl:2", err, StringComparison.Ordinal);
        Assert.False(File.Exists(state), "a failed first settle left a state file behind");
    }

    [Fact]
    public void A_bad_line_after_whole_periods_changes_nothing_in_an_existing_state()
    {
        string dir = TempDirectory(), state = Path.Combine(dir, "s.db");
        Assert.Equal(0, Run("settle", "--data", Write("first.jsonl", Traffic.Value.Take(40)), "--state", state).Code);
        var before = Run("leaderboard", "--state", state, "--json").Out;
        var rest = Traffic.Value.Skip(40).ToList();
        rest[^1] = "{\"round\":\"late\",\"id\":\"x\",\"response\":\"r\",\"node\":\"n\",\"metrics\":{\"latency_ms\":-1}}";
        var (code, _, err) = Run("settle", "--data", Write("rest.jsonl", rest), "--state", state, "--period", "20");
        Assert.Equal(1, code);
        Assert.Contains($"rest.jsonl:{rest.Count}", err, StringComparison.Ordinal);
        Assert.Equal(before, Run("leaderboard", "--state", state, "--json").Out);
    }

    [Fact]
    public void Another_applications_database_is_refused_untouched_by_settle_and_leaderboard()
    {
        string db = Path.Combine(TempDirectory(), "app.db");
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE customers (id INTEGER, name TEXT); INSERT INTO customers VALUES (1, 'ada');";
            cmd.ExecuteNonQuery();
        }
        byte[] original = File.ReadAllBytes(db);
        string data = Write("t.jsonl", Traffic.Value);
        foreach (var args in new[] { new[] { "settle", "--data", data, "--state", db }, ["leaderboard", "--state", db] })
        {
            var (code, _, err) = Run(args);
            Assert.Equal(1, code);
            Assert.Contains("another application", err, StringComparison.Ordinal);
            Assert.Contains("customers", err, StringComparison.Ordinal);
        }
        Assert.Equal(original, File.ReadAllBytes(db));
        Assert.False(File.Exists(db + "-wal"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Leaderboard_reads_a_state_it_may_not_write_and_changes_no_byte()
    {
        string dir = TempDirectory(), state = Path.Combine(dir, "s.db");
        Assert.Equal(0, Run("settle", "--data", Write("t.jsonl", Traffic.Value), "--state", state).Code);
        var bytes = Directory.GetFiles(dir).Where(f => f.StartsWith(state, StringComparison.Ordinal)).ToDictionary(f => f, File.ReadAllBytes);
        File.SetUnixFileMode(state, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            var (code, stdout, err) = Run("leaderboard", "--state", state, "--json");
            Assert.True(code == 0, err);
            Assert.Equal(60, JsonDocument.Parse(stdout).RootElement.GetProperty("totalRoundsSettled").GetInt32());
            foreach (var (file, content) in bytes) Assert.Equal(content, File.ReadAllBytes(file));
        }
        finally
        {
            File.SetUnixFileMode(state, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void Control_characters_in_ids_are_escaped_for_the_terminal_and_kept_exact_in_json()
    {
        const string Evil = "evil\u001b]0;PWNED\u0007\u001b[2J";
        var rows = Traffic.Value.ToArray();
        var first = Row(0);
        first["node"] = Evil;
        rows[0] = first.ToJsonString();
        string data = Write("ctrl.jsonl", rows), dir = TempDirectory();
        var text = Run("settle", "--data", data, "--state", Path.Combine(dir, "a.db"), "--no-color");
        Assert.Equal(0, text.Code);
        Assert.DoesNotContain('\u001b', text.Out);
        Assert.DoesNotContain('\u0007', text.Out);
        Assert.Contains("evil\\x1B]0;", text.Out, StringComparison.Ordinal);
        var json = Run("settle", "--data", data, "--state", Path.Combine(dir, "b.db"), "--json");
        Assert.Contains(JsonDocument.Parse(json.Out).RootElement.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("node").GetString() == Evil);
    }
}
