using Microsoft.Data.Sqlite;

namespace ScoutElo.Cli.Commands.Serve;

/// <summary>The rounds the service acknowledged and has not settled yet, durable before the acknowledgement: a SQLite file
/// beside the state (<c>STATE.pending</c>; WAL, <c>synchronous = FULL</c>), one transaction per request. Settled rounds are
/// removed after their period is committed; a crash between the two leaves rounds the engine already settled, which it skips
/// as known on the next start (same content), so nothing acknowledged is lost and nothing is paid twice. One connection, used
/// by one call at a time (the service's committer writes while requests read). The rating points of
/// the periods settled in that instant are then missing from the nodes' histories (the standings are not affected).</summary>
internal sealed class SqliteRoundJournal : IRoundJournal
{
    private readonly SqliteConnection _db;

    public SqliteRoundJournal(string path)
    {
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;"
            + "CREATE TABLE IF NOT EXISTS pending (round_id TEXT PRIMARY KEY, head TEXT NOT NULL, traffic TEXT NOT NULL);"
            // What each round the service settled held (its fields and each response's hash), so a part of it posted again
            // is recognized as settled: about 100 bytes per settled response.
            + "CREATE TABLE IF NOT EXISTS settled_rounds (round_id TEXT PRIMARY KEY, header TEXT NOT NULL);"
            + "CREATE TABLE IF NOT EXISTS settled_responses (round_id TEXT NOT NULL, response_id TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (round_id, response_id));"
            + "CREATE TABLE IF NOT EXISTS rating_history (node TEXT NOT NULL, period INTEGER NOT NULL, rating REAL NOT NULL, deviation REAL NOT NULL, reward TEXT NOT NULL, PRIMARY KEY (node, period));");
    }

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public List<(string RoundId, string Head, string Traffic)> ReadAll()
    {
        lock (_db)
        {
            var rows = new List<(string, string, string)>();
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT round_id, head, traffic FROM pending";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            return rows;
        }
    }

    /// <inheritdoc/>
    public void Add(IReadOnlyList<RoundParts> rounds)
    {
        lock (_db)
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
                id.Value = round.Id;
                head.Value = round.Head.ToJson();
                traffic.Value = round.ToJsonl();
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    /// <inheritdoc/>
    public void MarkSettled(IReadOnlyList<RoundParts> rounds, IReadOnlyList<RatingPoint> points)
    {
        lock (_db)
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
            using var point = Command(tx, "INSERT OR REPLACE INTO rating_history (node, period, rating, deviation, reward) VALUES ($n, $p, $r, $d, $w)");
            foreach (var p in points)
            {
                point.Parameters["$n"].Value = p.Node;
                point.Parameters["$p"].Value = p.Period;
                point.Parameters["$r"].Value = p.Rating;
                point.Parameters["$d"].Value = p.Deviation;
                point.Parameters["$w"].Value = p.Reward.ToString(System.Globalization.CultureInfo.InvariantCulture);
                point.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    /// <inheritdoc/>
    public (string Header, Dictionary<string, string> Responses)? Settled(string roundId)
    {
        lock (_db)
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
    }

    private SqliteCommand Command(SqliteTransaction tx, string sql)
    {
        var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var name in new[] { "$id", "$h", "$r", "$n", "$p", "$d", "$w" })
        {
            if (sql.Contains(name, StringComparison.Ordinal)) cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return cmd;
    }

    /// <inheritdoc/>
    public List<RatingPoint> History(string node)
    {
        lock (_db)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT period, rating, deviation, reward FROM rating_history WHERE node = $n ORDER BY period";
            cmd.Parameters.AddWithValue("$n", node);
            using var reader = cmd.ExecuteReader();
            var points = new List<RatingPoint>();
            while (reader.Read())
                points.Add(new RatingPoint(node, reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), UInt128.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture)));
            return points;
        }
    }

    public void Dispose()
    {
        lock (_db) _db.Dispose();
    }
}
