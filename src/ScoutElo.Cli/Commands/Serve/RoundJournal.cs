using Microsoft.Data.Sqlite;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Reporting;

namespace ScoutElo.Cli.Commands.Serve;

/// <summary>The rounds the service acknowledged and has not settled yet, durable before the acknowledgement: a SQLite file
/// beside the state (<c>STATE.pending</c>; WAL, <c>synchronous = FULL</c>), one transaction per request. Settled rounds are
/// removed after their period is committed; a crash between the two leaves rounds the engine already settled, which it skips
/// as known on the next start (same content), so nothing acknowledged is lost and nothing is paid twice.</summary>
internal sealed class RoundJournal : IDisposable
{
    private readonly SqliteConnection _db;

    public RoundJournal(string path)
    {
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;"
            + "CREATE TABLE IF NOT EXISTS pending (round_id TEXT PRIMARY KEY, head TEXT NOT NULL, traffic TEXT NOT NULL);"
            // What each round the service settled held (its fields and each response's hash), so a part of it posted again
            // is recognized as settled: about 100 bytes per settled response.
            + "CREATE TABLE IF NOT EXISTS settled_rounds (round_id TEXT PRIMARY KEY, header TEXT NOT NULL);"
            + "CREATE TABLE IF NOT EXISTS settled_responses (round_id TEXT NOT NULL, response_id TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (round_id, response_id));");
    }

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Every pending round: its declared fields (JSON) and its responses as traffic JSONL.</summary>
    public List<(string RoundId, string Head, string Traffic)> ReadAll()
    {
        var rows = new List<(string, string, string)>();
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT round_id, head, traffic FROM pending";
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    /// <summary>Adds or replaces (a round grown by a new part) held rounds in one committed transaction (all or none).</summary>
    public void Add(IReadOnlyList<RoundParts> rounds)
    {
        using var tx = _db.BeginTransaction();
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT OR REPLACE INTO pending (round_id, head, traffic) VALUES ($id, $h, $t)";
        var id = cmd.Parameters.Add("$id", SqliteType.Text);
        var head = cmd.Parameters.Add("$h", SqliteType.Text);
        var traffic = cmd.Parameters.Add("$t", SqliteType.Text);
        foreach (var round in rounds)
        {
            var w = new StringWriter { NewLine = "\n" };
            TrafficJsonl.Write(w, round.Build());
            id.Value = round.Id;
            head.Value = round.Head.ToJson();
            traffic.Value = w.ToString();
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>Records settled rounds (their fields' hash and each response's) and removes them from the pending ones, in one
    /// transaction.</summary>
    public void MarkSettled(IEnumerable<RoundParts> rounds)
    {
        using var tx = _db.BeginTransaction();
        using var delete = Command(tx, "DELETE FROM pending WHERE round_id = $id");
        using var header = Command(tx, "INSERT OR REPLACE INTO settled_rounds (round_id, header) VALUES ($id, $h)");
        using var response = Command(tx, "INSERT OR REPLACE INTO settled_responses (round_id, response_id, hash) VALUES ($id, $r, $h)");
        foreach (var parts in rounds)
        {
            delete.Parameters["$id"].Value = parts.Id;
            delete.ExecuteNonQuery();
            header.Parameters["$id"].Value = parts.Id;
            header.Parameters["$h"].Value = parts.Head.ToJson();
            header.ExecuteNonQuery();
            foreach (var (responseId, hash) in parts.ResponseHashes)
            {
                response.Parameters["$id"].Value = parts.Id;
                response.Parameters["$r"].Value = responseId;
                response.Parameters["$h"].Value = hash;
                response.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    /// <summary>What the service recorded of a round it settled (its fields as JSON, each response's hash), or null.</summary>
    public (string Header, Dictionary<string, string> Responses)? Settled(string roundId)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT header FROM settled_rounds WHERE round_id = $id";
        cmd.Parameters.AddWithValue("$id", roundId);
        if (cmd.ExecuteScalar() is not string header) return null;
        var responses = new Dictionary<string, string>(StringComparer.Ordinal);
        using var rows = _db.CreateCommand();
        rows.CommandText = "SELECT response_id, hash FROM settled_responses WHERE round_id = $id";
        rows.Parameters.AddWithValue("$id", roundId);
        using var reader = rows.ExecuteReader();
        while (reader.Read()) responses[reader.GetString(0)] = reader.GetString(1);
        return (header, responses);
    }

    private SqliteCommand Command(SqliteTransaction tx, string sql)
    {
        var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var name in new[] { "$id", "$h", "$r" })
        {
            if (sql.Contains(name, StringComparison.Ordinal)) cmd.Parameters.Add(name, SqliteType.Text);
        }
        return cmd;
    }

    public void Dispose() => _db.Dispose();
}
