using Microsoft.Data.Sqlite;
using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Storage.Sqlite;

/// <summary>An <see cref="INetworkStateStore"/> in one SQLite file: the engine's snapshot and every settled round id, committed
/// in one transaction per rating period.</summary>
/// <remarks>
/// <para>Schema (version 1): <c>meta(key, value)</c> holds the schema version; <c>state(id = 1, periods, json)</c> the latest
/// snapshot without its round ids; <c>rounds(seq, round_id UNIQUE, period)</c> the settled round ids in settlement order (a
/// commit inserts only the new ones, so a commit costs O(state + period), not O(history)). The database runs in WAL mode with
/// <c>synchronous = FULL</c>: a commit is durable when <see cref="Commit"/> returns, and a process killed at any moment leaves
/// either the previous period or the new one — SQLite's atomic commit, not ours, is what guarantees it.</para>
/// <para>A commit checks that the stored period is the one before the snapshot's (an optimistic check): a second writer that
/// settled first makes the commit fail with <see cref="InvalidOperationException"/> and nothing changes; the unique round ids
/// make paying a round twice impossible even then.</para>
/// <para>The file is marked with SQLite's <c>application_id</c> ("SCOU"); a database of another application is refused
/// untouched (no table is added to it), and <see cref="OpenReadOnly"/> reads a store without writing anything.</para>
/// <para>Thread-safe (one connection behind a lock). Dispose to close the file.</para>
/// </remarks>
public sealed class SqliteNetworkStateStore : INetworkStateStore, IDisposable
{
    private const int Schema = 1;
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private bool _disposed;

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
                CheckSchema(path, null);
                return;
            }
            Execute("PRAGMA journal_mode = WAL;");
            Execute("PRAGMA synchronous = FULL;");
            using var tx = _connection.BeginTransaction();
            Execute($"PRAGMA application_id = {ApplicationId};", tx);
            Execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);", tx);
            Execute("CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), periods INTEGER NOT NULL, json TEXT NOT NULL);", tx);
            Execute("CREATE TABLE IF NOT EXISTS rounds (seq INTEGER PRIMARY KEY, round_id TEXT NOT NULL UNIQUE, period INTEGER NOT NULL);", tx);
            CheckSchema(path, tx);
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

    private void CheckSchema(string path, SqliteTransaction? tx)
    {
        using var cmd = Command("SELECT value FROM meta WHERE key = 'schema';", tx);
        if (cmd.ExecuteScalar() is string v)
        {
            if (v != Schema.ToString(System.Globalization.CultureInfo.InvariantCulture))
                throw new FormatException($"'{path}' is a network state store of schema {v}; this library reads schema {Schema}.");
        }
        else if (tx is not null)
        {
            Execute($"INSERT INTO meta (key, value) VALUES ('schema', '{Schema}');", tx);
        }
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    /// <exception cref="FormatException">The stored snapshot is invalid.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public NetworkSnapshot? Load()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var tx = _connection.BeginTransaction(deferred: true);
            string? json;
            using (var cmd = Command("SELECT json FROM state WHERE id = 1;", tx)) json = cmd.ExecuteScalar() as string;
            if (json is null) return null;
            var rounds = new List<string>();
            using (var cmd = Command("SELECT round_id FROM rounds ORDER BY seq;", tx))
            using (var reader = cmd.ExecuteReader())
            {
                while (reader.Read()) rounds.Add(reader.GetString(0));
            }
            return NetworkSnapshot.FromJson(json, rounds);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The snapshot does not follow the stored period, it re-lists a settled round
    /// differently, or the store is read-only; nothing changed.</exception>
    /// <exception cref="IOException">SQLite failed (disk full, locked); nothing changed.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public void Commit(NetworkSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (IsReadOnly) throw new InvalidOperationException($"'{Path}' was opened read-only; nothing was written.");
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var tx = _connection.BeginTransaction();
                long stored;
                using (var cmd = Command("SELECT periods FROM state WHERE id = 1;", tx)) stored = cmd.ExecuteScalar() is long p ? p : 0;
                if (snapshot.Periods != stored + 1)
                    throw new InvalidOperationException($"Snapshot of period {snapshot.Periods} does not follow the stored period {stored} (another writer settled first?); nothing was written.");
                long have;
                using (var cmd = Command("SELECT COUNT(*) FROM rounds;", tx)) have = (long)cmd.ExecuteScalar()!;
                var rounds = snapshot.SettledRounds;
                if (have > rounds.Count) throw new InvalidOperationException($"The store holds {have} settled rounds, the snapshot only {rounds.Count}; nothing was written.");
                using (var insert = Command("INSERT INTO rounds (seq, round_id, period) VALUES ($seq, $id, $period);", tx))
                {
                    var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
                    var id = insert.Parameters.Add("$id", SqliteType.Text);
                    insert.Parameters.AddWithValue("$period", snapshot.Periods);
                    for (int i = (int)have; i < rounds.Count; i++)
                    {
                        seq.Value = i + 1L;
                        id.Value = rounds[i];
                        insert.ExecuteNonQuery();
                    }
                }
                using (var upsert = Command("INSERT INTO state (id, periods, json) VALUES (1, $periods, $json) ON CONFLICT (id) DO UPDATE SET periods = excluded.periods, json = excluded.json;", tx))
                {
                    upsert.Parameters.AddWithValue("$periods", snapshot.Periods);
                    upsert.Parameters.AddWithValue("$json", snapshot.ToJson(includeSettledRounds: false));
                    upsert.ExecuteNonQuery();
                }
                tx.Commit();
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: a round id already settled
            {
                throw new InvalidOperationException($"A round of period {snapshot.Periods} was settled before; nothing was written. ({e.Message})", e);
            }
            catch (SqliteException e)
            {
                throw new IOException($"Could not commit period {snapshot.Periods} to '{Path}': {e.Message}; nothing was written.", e);
            }
        }
    }

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
