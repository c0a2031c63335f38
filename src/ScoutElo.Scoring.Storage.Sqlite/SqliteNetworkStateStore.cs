using Microsoft.Data.Sqlite;
using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Storage.Sqlite;

/// <summary>An <see cref="INetworkStateStore"/> in one SQLite file: one row per node, per evaluator, per settled round and per
/// payout, committed in one transaction per rating period.</summary>
/// <remarks>
/// <para>Schema (version 2): <c>meta(key, value)</c> holds the schema version; <c>header(id = 1, periods, json)</c> the state's
/// counters; <c>nodes(id, json)</c> and <c>evaluators(id, json)</c> one row each (replaced when a period touches them);
/// <c>rounds(seq, round_id UNIQUE, period, hash)</c> the settled rounds in settlement order with their content hashes;
/// <c>ledger(seq, period, round_id, party, recipient, amount, reason)</c> every payout. A commit writes only what its period
/// changed, so it costs O(the period), not O(the network or its history). A store of schema 1 (one JSON snapshot per commit,
/// written by 0.2) is upgraded in place, in one transaction, when it is opened for settling (its balances become opening
/// ledger rows; its rounds keep their periods and have no content hash); opened read-only, it is read as it is.</para>
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
    private const int Schema = 2;
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private bool _disposed;
    private Legacy? _legacy; // a schema-1 store opened read-only, read as it is

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
                if (StoredSchema(path, null) == 1) _legacy = ReadLegacy(null);
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
            tx.Commit();
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

    /// <summary>The stored schema version (null for a new file); another version than 1 or <see cref="Schema"/> is refused.</summary>
    private int? StoredSchema(string path, SqliteTransaction? tx)
    {
        string? v;
        using (var cmd = Command("SELECT value FROM meta WHERE key = 'schema';", tx)) v = cmd.ExecuteScalar() as string;
        if (v is null) return null;
        if (v == "1") return 1;
        if (v != Schema.ToString(System.Globalization.CultureInfo.InvariantCulture))
            throw new FormatException($"'{path}' is a network state store of schema {v}; this library reads schemas 1 and {Schema}.");
        return Schema;
    }

    private void CreateTables(SqliteTransaction tx)
    {
        Execute("CREATE TABLE IF NOT EXISTS header (id INTEGER PRIMARY KEY CHECK (id = 1), periods INTEGER NOT NULL, json TEXT NOT NULL);", tx);
        Execute("CREATE TABLE IF NOT EXISTS nodes (id TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;", tx);
        Execute("CREATE TABLE IF NOT EXISTS evaluators (id TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;", tx);
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

    private void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Command(sql, tx);
        cmd.ExecuteNonQuery();
    }
}
