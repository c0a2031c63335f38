using System.Globalization;
using Microsoft.Data.Sqlite;
using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Storage.Sqlite;

public sealed partial class SqliteNetworkStateStore
{
    /// <inheritdoc/>
    /// <exception cref="FormatException">The stored state is invalid.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public NetworkStoredState? Load()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_legacy is not null) return _legacy.State;
            using var tx = _connection.BeginTransaction(deferred: true);
            string? header;
            using (var cmd = Command("SELECT json FROM header WHERE id = 1;", tx)) header = cmd.ExecuteScalar() as string;
            if (header is null) return null;
            var nodes = ReadRows("nodes", tx);
            var evaluators = ReadRows("evaluators", tx);
            if (_hasLog) ApplyLog(tx, nodes, evaluators);
            return new NetworkStoredState(header, nodes, evaluators);
        }
    }

    private List<NetworkStateRow> ReadRows(string table, SqliteTransaction tx)
    {
        var rows = new List<NetworkStateRow>();
        using var cmd = Command($"SELECT id, json FROM {table};", tx);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) rows.Add(new NetworkStateRow(reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    /// <summary>The log's rows over the tables' rows, in commit order: an id's latest row replaces its table row (or is added).</summary>
    private void ApplyLog(SqliteTransaction tx, List<NetworkStateRow> nodes, List<NetworkStateRow> evaluators)
    {
        using var cmd = Command("SELECT tbl, id, json FROM row_log ORDER BY seq;", tx);
        using var reader = cmd.ExecuteReader();
        Dictionary<string, int>?[] index = [null, null];
        List<NetworkStateRow>[] lists = [nodes, evaluators];
        while (reader.Read())
        {
            long tbl = reader.GetInt64(0);
            if (tbl is not (0 or 1)) throw new FormatException($"'{Path}' holds an invalid row log entry (table {tbl}).");
            var list = lists[tbl];
            var ids = index[tbl] ??= Index(list);
            var row = new NetworkStateRow(reader.GetString(1), reader.GetString(2));
            if (ids.TryGetValue(row.Id, out int at)) list[at] = row;
            else
            {
                ids[row.Id] = list.Count;
                list.Add(row);
            }
        }

        static Dictionary<string, int> Index(List<NetworkStateRow> rows)
        {
            var ids = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
            for (int i = 0; i < rows.Count; i++) ids[rows[i].Id] = i;
            return ids;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The changes do not follow the stored period, a round id was settled before,
    /// or the store is read-only; nothing changed.</exception>
    /// <exception cref="IOException">SQLite failed (disk full, locked); nothing changed.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public void Commit(NetworkChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (IsReadOnly) throw new InvalidOperationException($"'{Path}' was opened read-only; nothing was written.");
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var tx = _connection.BeginTransaction();
                long stored;
                using (var cmd = Command("SELECT periods FROM header WHERE id = 1;", tx)) stored = cmd.ExecuteScalar() is long p ? p : 0;
                if (stored != changes.PreviousPeriod)
                    throw new InvalidOperationException($"Changes of period {changes.Period} follow period {changes.PreviousPeriod}, but the store holds period {stored} (another writer settled first?); nothing was written.");
                long logged = _logRows + WriteRows(tx, changes.Header, changes.Period, changes.Nodes, changes.Evaluators);
                long tables = _tableRows;
                if (logged >= Math.Max(_minimumLogRows, _tableFactor * _tableRows))
                {
                    tables = Fold(tx);
                    logged = 0;
                }
                try
                {
                    WriteRounds(tx, changes.Rounds);
                }
                catch (SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: a round id already settled
                {
                    throw new InvalidOperationException($"{Repeated(tx, changes)} of period {changes.Period} was settled before; nothing was written.", e);
                }
                WriteLedger(tx, changes.Payouts);
                tx.Commit();
                (_logRows, _tableRows) = (logged, tables);
            }
            catch (SqliteException e)
            {
                throw new IOException($"Could not commit period {changes.Period} to '{Path}': {e.Message}; nothing was written.", e);
            }
        }
    }

    /// <summary>Names the first round of the changes that the store already holds (or that the changes repeat).</summary>
    private string Repeated(SqliteTransaction tx, NetworkChangeSet changes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var cmd = Command("SELECT 1 FROM rounds WHERE round_id = $id AND seq < $first;", tx);
        var id = cmd.Parameters.Add("$id", SqliteType.Text);
        cmd.Parameters.AddWithValue("$first", changes.Rounds.Count > 0 ? changes.Rounds[0].Sequence : 0);
        foreach (var r in changes.Rounds)
        {
            id.Value = r.RoundId;
            if (!seen.Add(r.RoundId) || cmd.ExecuteScalar() is not null) return $"Round '{r.RoundId}'";
        }
        return "A round";
    }

    // Rows go to SQLite as one JSON array per table and statement (json_each), not one statement per row: a period writes
    // hundreds of ledger rows, and a statement's managed overhead (binding by name, a reader per step) costs more than the row.

    /// <summary>Appends the rows to the log and replaces the header; returns the rows appended.</summary>
    private int WriteRows(SqliteTransaction tx, string header, long periods, IReadOnlyList<NetworkStateRow> nodes, IReadOnlyList<NetworkStateRow> evaluators)
    {
        // One prepared statement per row: rows that are JSON themselves cost more escaped into one JSON array (measured).
        using var insert = Command("INSERT INTO row_log (tbl, id, json) VALUES ($tbl, $id, $json);", tx);
        var tbl = insert.Parameters.Add("$tbl", SqliteType.Integer);
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var json = insert.Parameters.Add("$json", SqliteType.Text);
        foreach (var (t, rows) in new[] { (0, nodes), (1, evaluators) })
        {
            tbl.Value = t;
            foreach (var row in rows)
            {
                id.Value = row.Id;
                json.Value = row.Json;
                insert.ExecuteNonQuery();
            }
        }
        using var h = Command("INSERT INTO header (id, periods, json) VALUES (1, $periods, $json) ON CONFLICT (id) DO UPDATE SET periods = excluded.periods, json = excluded.json;", tx);
        h.Parameters.AddWithValue("$periods", periods);
        h.Parameters.AddWithValue("$json", header);
        h.ExecuteNonQuery();
        return nodes.Count + evaluators.Count;
    }

    /// <summary>Folds the log into the tables and empties it; returns the tables' row count. The log's rows are upserted in
    /// commit order, so an id's latest row is the one kept; the tables' pages are all in the page cache then, so the order costs
    /// nothing on disk, and it spares the sort that picking each id's latest row first would take (measured: half the time).</summary>
    private long Fold(SqliteTransaction tx)
    {
        int tbl = 0;
        foreach (string table in new[] { "nodes", "evaluators" })
        {
            Execute($"INSERT INTO {table} (id, json) SELECT id, json FROM row_log WHERE tbl = {tbl} ORDER BY seq "
                + "ON CONFLICT (id) DO UPDATE SET json = excluded.json;", tx);
            tbl++;
        }
        Execute("DELETE FROM row_log;", tx);
        return Count("SELECT (SELECT count(*) FROM nodes) + (SELECT count(*) FROM evaluators);", tx);
    }

    private void WriteRounds(SqliteTransaction tx, IReadOnlyList<SettledRound> rounds)
    {
        if (rounds.Count == 0) return;
        using var insert = Command("INSERT INTO rounds (seq, round_id, period, hash) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
            + "json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each($rows) ORDER BY key;", tx);
        insert.Parameters.Add("$rows", SqliteType.Text).Value = JsonRows(rounds, static (w, r) =>
        {
            w.WriteNumberValue(r.Sequence);
            w.WriteStringValue(r.RoundId);
            w.WriteNumberValue(r.Period);
            if (r.ContentHash is null) w.WriteNullValue();
            else w.WriteStringValue(r.ContentHash);
        });
        insert.ExecuteNonQuery();
    }

    private void WriteLedger(SqliteTransaction tx, IReadOnlyList<PayoutEntry> payouts)
    {
        if (payouts.Count == 0) return;
        using var insert = Command("INSERT INTO ledger (period, round_id, party, recipient, amount, reason) SELECT json_extract(value, '$[0]'), "
            + "json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]'), "
            + "json_extract(value, '$[5]') FROM json_each($rows) ORDER BY key;", tx);
        insert.Parameters.Add("$rows", SqliteType.Text).Value = JsonRows(payouts, static (w, p) =>
        {
            w.WriteNumberValue(p.Period);
            if (p.RoundId is null) w.WriteNullValue();
            else w.WriteStringValue(p.RoundId);
            w.WriteStringValue(WireName.Of(p.Party));
            if (p.Recipient is null) w.WriteNullValue();
            else w.WriteStringValue(p.Recipient);
            w.WriteStringValue(p.Amount.ToString(CultureInfo.InvariantCulture));
            w.WriteStringValue(WireName.Of(p.Reason));
        });
        insert.ExecuteNonQuery();
    }

    /// <summary>Rows as one JSON array of arrays (UTF-16 text, as SQLite's parameter binding takes it).</summary>
    private static string JsonRows<T>(IReadOnlyList<T> rows, Action<System.Text.Json.Utf8JsonWriter, T> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(rows.Count * 96);
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var row in rows)
            {
                w.WriteStartArray();
                write(w, row);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="roundId"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public SettledRound? FindRound(string roundId)
    {
        ArgumentNullException.ThrowIfNull(roundId);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_legacy is not null) return _legacy.Rounds.FirstOrDefault(r => r.RoundId == roundId);
            using var cmd = Command("SELECT round_id, seq, period, hash FROM rounds WHERE round_id = $id;");
            cmd.Parameters.AddWithValue("$id", roundId);
            using var reader = cmd.ExecuteReader();
            return reader.Read() ? RoundOf(reader) : null;
        }
    }

    private static SettledRound RoundOf(SqliteDataReader r) => new(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3));

    /// <inheritdoc/>
    /// <remarks>Read in one pass into a list (a store's rounds are read once, when an engine starts or exports).</remarks>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public IEnumerable<SettledRound> ReadRounds()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_legacy is not null) return _legacy.Rounds;
            var rounds = new List<SettledRound>();
            using var cmd = Command("SELECT round_id, seq, period, hash FROM rounds ORDER BY seq;");
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) rounds.Add(RoundOf(reader));
            return rounds;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="FormatException">A stored ledger row is invalid.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public IReadOnlyList<PayoutEntry> ReadLedger(LedgerQuery? query = null)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_legacy is not null) return query is null ? _legacy.Ledger : [.. _legacy.Ledger.Where(query.Matches)];
            using var cmd = LedgerCommand(query);
            using var reader = cmd.ExecuteReader();
            var rows = new List<PayoutEntry>();
            while (reader.Read())
            {
                if (!WireName.TryParse(reader.GetString(2), out PayoutParty p) || !WireName.TryParse(reader.GetString(5), out PayoutReason why)
                    || !UInt128.TryParse(reader.GetString(4), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
                    throw new FormatException($"'{Path}' holds an invalid ledger row (period {reader.GetInt64(0)}).");
                rows.Add(new PayoutEntry(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), p, reader.IsDBNull(3) ? null : reader.GetString(3), amount, why));
            }
            return rows;
        }
    }

    /// <summary>The ledger query by the index on (period, recipient): a round's rows from its period; a recipient's by one seek
    /// per period (the periods are few beside the rows); a period's by one seek; else the whole ledger in order.</summary>
    private SqliteCommand LedgerCommand(LedgerQuery? query)
    {
        const string Columns = "SELECT l.period, l.round_id, l.party, l.recipient, l.amount, l.reason FROM ";
        var where = new List<string>();
        SqliteCommand cmd;
        if (query?.RoundId is { } round)
        {
            cmd = Command(Columns + "rounds r JOIN ledger l ON l.period = r.period AND l.round_id = r.round_id WHERE r.round_id = $round");
            cmd.Parameters.AddWithValue("$round", round);
            if (query.Recipient is { } recipient)
            {
                where.Add("l.recipient = $recipient");
                cmd.Parameters.AddWithValue("$recipient", recipient);
            }
        }
        else if (query?.Period is not null)
        {
            cmd = Command(Columns + "ledger l WHERE 1");
            if (query.Recipient is { } recipient)
            {
                where.Add("l.recipient = $recipient");
                cmd.Parameters.AddWithValue("$recipient", recipient);
            }
        }
        else if (query?.Recipient is { } recipient)
        {
            cmd = Command("WITH RECURSIVE p(n) AS (SELECT min(period) FROM ledger UNION ALL SELECT n + 1 FROM p WHERE n < (SELECT max(period) FROM ledger)) "
                + Columns + "p CROSS JOIN ledger l ON l.period = p.n AND l.recipient = $recipient WHERE 1");
            cmd.Parameters.AddWithValue("$recipient", recipient);
        }
        else
        {
            cmd = Command(Columns + "ledger l WHERE 1");
        }
        if (query?.Party is { } party)
        {
            where.Add("l.party = $party");
            cmd.Parameters.AddWithValue("$party", WireName.Of(party));
        }
        if (query?.Period is { } period)
        {
            where.Add("l.period = $period");
            cmd.Parameters.AddWithValue("$period", period);
        }
        foreach (string w in where) cmd.CommandText += " AND " + w;
        cmd.CommandText += " ORDER BY l.seq;";
        return cmd;
    }
}
