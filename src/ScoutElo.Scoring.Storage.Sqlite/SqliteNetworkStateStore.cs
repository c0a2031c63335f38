using Microsoft.Data.Sqlite;
using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Storage.Sqlite;

/// <summary>An <see cref="INetworkStateStore"/> in one SQLite file: one row per node, per evaluator, per settled round and per
/// payout, committed in one transaction per rating period.</summary>
/// <remarks>
/// <para>Schema (version 3): <c>meta(key, value)</c> holds the schema version; <c>header(id = 1, periods, json)</c> the state's
/// counters; <c>nodes(id, json)</c> and <c>evaluators(id, json)</c> one row each; <c>row_log(seq, tbl, id, json)</c> the node
/// and evaluator rows written since the last compaction, in commit order (the latest row of an id wins over its table row);
/// <c>rounds(seq, round_id UNIQUE, period, hash)</c> the settled rounds in settlement order with their content hashes;
/// <c>ledger(seq, period, round_id, party, recipient, amount, reason)</c> every payout. A commit writes only what its period
/// changed, so it costs O(the period), not O(the network or its history).</para>
/// <para>Why a row log: rewriting a touched node's row in place costs a page per node once the network is large (at 100,000
/// nodes no two of a period's nodes share a page), so a period's write volume would grow with the network. A commit appends
/// its rows at the log's end instead (a few pages), and when the log holds twice as many rows as the tables (at least 4,096)
/// the commit that crossed the limit also folds the log's latest rows into the tables, in id order, and empties it. Amortized, a
/// period then writes a number of pages that does not depend on the network's size; the folding commit is the slow one (about
/// 1.5 s at 100,000 nodes on a 2-core machine, once per 1,100 periods of 160 responses), and loading reads at most three times
/// the rows of the tables.</para>
/// <para>A store of schema 1 (one JSON snapshot per commit, written by 0.2) is upgraded in place, in one transaction, when it
/// is opened for settling (its balances become opening ledger rows; its rounds keep their periods and have no content hash);
/// a store of schema 2 (written by 0.3, without the log) gains the empty log. Opened read-only, either is read as it is.</para>
/// <para>The database runs in WAL mode with <c>synchronous = FULL</c>: a commit is durable when <see cref="Commit"/> returns,
/// and a process killed at any moment leaves either the previous period or the new one — SQLite's atomic commit, not ours,
/// is what guarantees it.</para>
/// <para>A commit checks that the stored period is the one the changes follow (an optimistic check): a second writer that
/// settled first makes the commit fail with <see cref="InvalidOperationException"/> and nothing changes; the unique round ids
/// make paying a round twice impossible even then.</para>
/// <para>The file is marked with SQLite's <c>application_id</c> ("SCOU"); a database of another application is refused
/// untouched (no table is added to it), and <see cref="OpenReadOnly"/> reads a store without writing anything.</para>
/// <para>Thread-safe (one connection behind a lock). Dispose to close the file.</para>
/// </remarks>
public sealed partial class SqliteNetworkStateStore : INetworkStateStore, IDisposable
{
    private const int Schema = 3;

    /// <summary>The fewest logged rows that are folded into the tables (below it, the tables' size decides).</summary>
    internal const int MinimumLogRows = 4096;

    /// <summary>The log is folded when it holds this many times the tables' rows (so loading reads at most 1 + this many times
    /// the tables' rows, and a fold's cost, which is that of rewriting the tables, is spread over as many periods).</summary>
    internal const int TableFactor = 2;
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private bool _disposed;
    private Legacy? _legacy; // a schema-1 store opened read-only, read as it is
    private bool _hasLog = true; // false for a schema-2 store opened read-only
    private int _minimumLogRows = MinimumLogRows, _tableFactor = TableFactor;
    private long _logRows, _tableRows; // counted at opening and kept by the commits of this connection (a fold trigger only)

    /// <summary>Opens (or creates) the store at <paramref name="path"/> for settling.</summary>
    /// <param name="path">The database file; created with its schema when missing.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FormatException">The file is a SQLite database of another application (its tables are named; it is left
    /// untouched), or a network state of another schema version.</exception>
    /// <exception cref="IOException">The file cannot be opened as a SQLite database.</exception>
    public SqliteNetworkStateStore(string path)
        : this(path, readOnly: false)
    {
    }

    /// <summary>A store that folds its row log at max(<paramref name="minimumLogRows"/>, <paramref name="tableFactor"/> × the
    /// tables' rows) rows (tests fold often with it; 1 and 0 fold at every commit).</summary>
    internal SqliteNetworkStateStore(string path, int minimumLogRows, int tableFactor = TableFactor)
        : this(path, readOnly: false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumLogRows, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tableFactor);
        _minimumLogRows = minimumLogRows;
        _tableFactor = tableFactor;
    }

    private SqliteNetworkStateStore(string path, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        IsReadOnly = readOnly;
        if (readOnly && !File.Exists(Path)) throw new FileNotFoundException($"'{path}' does not exist.", path);
        var mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = mode, Pooling = false }.ToString());
        try
        {
            _connection.Open();
            Execute("PRAGMA busy_timeout = 5000;");
            var kind = Identify(path); // before anything is written: another application's file is refused untouched
            if (readOnly)
            {
                if (kind == FileKind.Empty) throw new FormatException($"'{path}' holds no network state (an empty database).");
                int? schema = StoredSchema(path, null);
                if (schema == 1) _legacy = ReadLegacy(null);
                _hasLog = schema == Schema;
                return;
            }
            Execute("PRAGMA journal_mode = WAL;");
            Execute("PRAGMA synchronous = FULL;");
            Execute("PRAGMA cache_size = -65536;"); // up to 64 MiB of pages cached, taken as used

            using var tx = _connection.BeginTransaction();
            Execute($"PRAGMA application_id = {ApplicationId};", tx);
            Execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);", tx);
            int? stored = StoredSchema(path, tx);
            if (stored == 1) Upgrade(tx);
            CreateTables(tx);
            if (stored is null) Execute($"INSERT INTO meta (key, value) VALUES ('schema', '{Schema}');", tx);
            else if (stored != Schema) Execute($"UPDATE meta SET value = '{Schema}' WHERE key = 'schema';", tx);
            tx.Commit();
            _logRows = Count("SELECT count(*) FROM row_log;");
            _tableRows = Count("SELECT (SELECT count(*) FROM nodes) + (SELECT count(*) FROM evaluators);");
        }
        catch (SqliteException e)
        {
            _connection.Dispose();
            throw new IOException($"'{path}' cannot be used as a network state store: {e.Message}", e);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing store for reading only (a leaderboard, an audit): nothing is ever written, so a file the
    /// process may read but not write works, and a file of another application is refused untouched.</summary>
    /// <param name="path">The database file.</param>
    /// <returns>The store; <see cref="Commit"/> on it throws.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is not a network state of this schema.</exception>
    /// <exception cref="IOException">The file cannot be opened as a SQLite database.</exception>
    public static SqliteNetworkStateStore OpenReadOnly(string path) => new(path, readOnly: true);

    /// <summary>Whether the store was opened with <see cref="OpenReadOnly"/>.</summary>
    public bool IsReadOnly { get; }

    /// <summary>The SQLite application id marking a file as a ScoutElo network state ("SCOU").</summary>
    internal const int ApplicationId = 0x53434F55;

    private enum FileKind
    {
        Empty,
        Ours,
    }

    /// <summary>Ours (the application id, or the tables of a store written before the id existed), or empty; anything else is refused.</summary>
    private FileKind Identify(string path)
    {
        long id;
        using (var cmd = Command("PRAGMA application_id;", null)) id = (long)cmd.ExecuteScalar()!;
        var tables = new List<string>();
        using (var cmd = Command("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;", null))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        if (id == ApplicationId) return FileKind.Ours;
        if (id == 0 && tables.Count == 0) return FileKind.Empty;
        if (id == 0 && tables.SequenceEqual(["meta", "rounds", "state"], StringComparer.Ordinal)) return FileKind.Ours; // written by 0.2, before the id
        string what = (id == 0 ? "" : $"application id 0x{id:X8}") + (id != 0 && tables.Count > 0 ? "; " : "")
            + (tables.Count == 0 ? "" : "tables " + string.Join(", ", tables.Take(8).Select(t => $"'{t}'")));
        throw new FormatException($"'{path}' is a SQLite database of another application ({what}), not a network state; it was left untouched.");
    }

    /// <summary>The stored schema version (null for a new file); another version than 1, 2 or <see cref="Schema"/> is refused.</summary>
    private int? StoredSchema(string path, SqliteTransaction? tx)
    {
        string? v;
        using (var cmd = Command("SELECT value FROM meta WHERE key = 'schema';", tx)) v = cmd.ExecuteScalar() as string;
        if (v is null) return null;
        return v switch
        {
            "1" => 1,
            "2" => 2,
            "3" => Schema,
            _ => throw new FormatException($"'{path}' is a network state store of schema {v}; this library reads schemas 1 to {Schema}."),
        };
    }

    private void CreateTables(SqliteTransaction tx)
    {
        Execute("CREATE TABLE IF NOT EXISTS header (id INTEGER PRIMARY KEY CHECK (id = 1), periods INTEGER NOT NULL, json TEXT NOT NULL);", tx);
        Execute("CREATE TABLE IF NOT EXISTS nodes (id TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;", tx);
        Execute("CREATE TABLE IF NOT EXISTS evaluators (id TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;", tx);
        Execute("CREATE TABLE IF NOT EXISTS row_log (seq INTEGER PRIMARY KEY, tbl INTEGER NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL);", tx);
        Execute("CREATE TABLE IF NOT EXISTS rounds (seq INTEGER PRIMARY KEY, round_id TEXT NOT NULL UNIQUE, period INTEGER NOT NULL, hash TEXT);", tx);
        Execute("CREATE TABLE IF NOT EXISTS ledger (seq INTEGER PRIMARY KEY, period INTEGER NOT NULL, round_id TEXT, party TEXT NOT NULL, "
            + "recipient TEXT, amount TEXT NOT NULL, reason TEXT NOT NULL);", tx);
        // One index, led by the period: a period's rows land at its right edge (a few pages per commit). An index led by the
        // recipient took one page per paid recipient per commit, most of a period's write volume; a recipient's rows are found
        // by a seek per period instead (ReadLedger).
        Execute("DROP INDEX IF EXISTS ledger_recipient;", tx);
        Execute("DROP INDEX IF EXISTS ledger_round;", tx);
        Execute("CREATE INDEX IF NOT EXISTS ledger_period ON ledger (period, recipient);", tx);
    }

    /// <summary>A schema-1 store's content in the current form.</summary>
    private sealed record Legacy(NetworkStoredState? State, long Periods, IReadOnlyList<SettledRound> Rounds, IReadOnlyList<PayoutEntry> Ledger);

    /// <summary>Schema 1 read as it is: its snapshot as rows, its rounds (periods kept, no content hashes), opening ledger rows.</summary>
    private Legacy ReadLegacy(SqliteTransaction? tx)
    {
        string? json;
        using (var cmd = Command("SELECT json FROM state WHERE id = 1;", tx)) json = cmd.ExecuteScalar() as string;
        if (json is null) return new Legacy(null, 0, [], []);
        var rounds = new List<SettledRound>();
        using (var cmd = Command("SELECT round_id, seq, period FROM rounds ORDER BY seq;", tx))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read()) rounds.Add(new SettledRound(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), null));
        }
        var snapshot = NetworkSnapshot.FromJson(json, rounds.Select(r => r.RoundId));
        if (snapshot.Periods == 0) return new Legacy(null, 0, [], []);
        var import = NetworkChangeSet.FromSnapshot(snapshot);
        return new Legacy(new NetworkStoredState(import.Header, import.Nodes, import.Evaluators), import.Period, rounds, import.Payouts);
    }

    /// <summary>Schema 1 → 2 inside the opening transaction: the snapshot becomes rows and opening ledger rows, the rounds gain
    /// a (null) hash column and keep their periods, the snapshot table goes.</summary>
    private void Upgrade(SqliteTransaction tx)
    {
        var legacy = ReadLegacy(tx);
        Execute("ALTER TABLE rounds ADD COLUMN hash TEXT;", tx);
        CreateTables(tx);
        if (legacy.State is { } state)
        {
            WriteRows(tx, state.Header, legacy.Periods, state.Nodes, state.Evaluators);
            Fold(tx);
            WriteLedger(tx, legacy.Ledger);
        }
        Execute("DROP TABLE state;", tx);
        Execute($"UPDATE meta SET value = '{Schema}' WHERE key = 'schema';", tx);
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <summary>Closes the database.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _connection.Dispose();
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private long Count(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Command(sql, tx);
        return (long)cmd.ExecuteScalar()!;
    }

    private void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Command(sql, tx);
        cmd.ExecuteNonQuery();
    }
}
