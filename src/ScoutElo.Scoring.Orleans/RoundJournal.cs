using Microsoft.Data.Sqlite;

namespace ScoutElo.Scoring.Orleans;

/// <summary>Acknowledged rounds of the current period, durable before the acknowledgement: a grain that dies mid-period is
/// reactivated elsewhere and replays them. Entries of a committed period may survive a crash between the commit and
/// <see cref="Clear"/>; replaying them is harmless because the engine skips settled round ids.</summary>
internal sealed class RoundJournal : IDisposable
{
    private readonly SqliteConnection _connection;

    public RoundJournal(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode = WAL;");
        Execute("PRAGMA synchronous = FULL;");
        Execute("PRAGMA busy_timeout = 5000;");
        Execute("CREATE TABLE IF NOT EXISTS journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, round_id TEXT NOT NULL UNIQUE, jsonl TEXT NOT NULL);");
    }

    public void Append(string roundId, string jsonl)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "INSERT OR IGNORE INTO journal (round_id, jsonl) VALUES ($id, $jsonl);";
        cmd.Parameters.AddWithValue("$id", roundId);
        cmd.Parameters.AddWithValue("$jsonl", jsonl);
        cmd.ExecuteNonQuery();
    }

    public List<string> ReadAll()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT jsonl FROM journal ORDER BY seq;";
        using var reader = cmd.ExecuteReader();
        var list = new List<string>();
        while (reader.Read()) list.Add(reader.GetString(0));
        return list;
    }

    public void Clear() => Execute("DELETE FROM journal;");

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
