using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Caching.Distributed;

namespace ScoutElo.Cli;

/// <summary>The command's persistent cache on SQLite, as an <see cref="IDistributedCache"/> under Microsoft.Extensions.AI's
/// distributed caching clients (judge answers, baseline answers, embeddings): they key an entry by a hash of the exact request
/// (messages and options, or the text), this store adds a scope (endpoint and model) so <c>cache stats</c> can count per
/// scope and <c>cache clean --older-than</c> can remove by age: both need the row's scope and creation time, which a generic
/// SQLite cache does not keep. Every write is its own committed transaction in WAL mode: a killed run leaves every answer it
/// stored and nothing half-written. Honours absolute and sliding expirations. Counts hits and misses. Thread-safe.</summary>
internal sealed class SqliteJudgeCache : IDistributedCache, IDisposable
{
    private readonly SqliteConnection _db;
    private readonly string _scope;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private int _hits, _misses;

    public SqliteJudgeCache(string path, string scope, TimeProvider? clock = null)
    {
        _scope = scope;
        _clock = clock ?? TimeProvider.System;
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        _db = Open(path);
    }

    public int Hits => _hits;

    public int Misses => _misses;

    private static SqliteConnection Open(string path)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        // 'answers' is the format before the judge was composed from Microsoft.Extensions.AI's clients: its keys are not the
        // caching clients' keys, so its rows could never be read again; dropping it frees the space once.
        Execute(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; DROP TABLE IF EXISTS answers;"
            + "CREATE TABLE IF NOT EXISTS entries (scope TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, created_ms INTEGER NOT NULL,"
            + " expires_ms INTEGER, sliding_ms INTEGER, PRIMARY KEY (scope, key));"); // times: Unix milliseconds, UTC
        return db;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    public byte[]? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT value, expires_ms, sliding_ms FROM entries WHERE scope = $s AND key = $k";
            cmd.Parameters.AddWithValue("$s", _scope);
            cmd.Parameters.AddWithValue("$k", key);
            using (var reader = cmd.ExecuteReader())
            {
                if (reader.Read() && (reader.IsDBNull(1) || reader.GetInt64(1) > NowMs))
                {
                    var value = (byte[])reader.GetValue(0);
                    bool sliding = !reader.IsDBNull(2);
                    reader.Close();
                    if (sliding) Touch(key);
                    _hits++;
                    return value;
                }
            }
            _misses++;
            return null;
        }
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var now = _clock.GetUtcNow();
        DateTimeOffset? expires = options.AbsoluteExpiration ?? (now + options.AbsoluteExpirationRelativeToNow);
        if (options.SlidingExpiration is { } slide && (expires is null || now + slide < expires)) expires = now + slide;
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "INSERT OR REPLACE INTO entries (scope, key, value, created_ms, expires_ms, sliding_ms) VALUES ($s, $k, $v, $t, $e, $w)";
            cmd.Parameters.AddWithValue("$s", _scope);
            cmd.Parameters.AddWithValue("$k", key);
            cmd.Parameters.AddWithValue("$v", value);
            cmd.Parameters.AddWithValue("$t", now.ToUnixTimeMilliseconds());
            cmd.Parameters.AddWithValue("$e", expires is { } e ? e.ToUnixTimeMilliseconds() : DBNull.Value);
            cmd.Parameters.AddWithValue("$w", options.SlidingExpiration is { } w ? (long)w.TotalMilliseconds : DBNull.Value);
            cmd.ExecuteNonQuery();
        }
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Set(key, value, options);
        return Task.CompletedTask;
    }

    public void Refresh(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock) Touch(key);
    }

    public Task RefreshAsync(string key, CancellationToken token = default)
    {
        Refresh(key);
        return Task.CompletedTask;
    }

    /// <summary>Moves a sliding entry's expiry forward by its sliding window.</summary>
    private void Touch(string key)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "UPDATE entries SET expires_ms = $now + sliding_ms WHERE scope = $s AND key = $k AND sliding_ms IS NOT NULL";
        cmd.Parameters.AddWithValue("$now", NowMs);
        cmd.Parameters.AddWithValue("$s", _scope);
        cmd.Parameters.AddWithValue("$k", key);
        cmd.ExecuteNonQuery();
    }

    public void Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "DELETE FROM entries WHERE scope = $s AND key = $k";
            cmd.Parameters.AddWithValue("$s", _scope);
            cmd.Parameters.AddWithValue("$k", key);
            cmd.ExecuteNonQuery();
        }
    }

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    /// <summary>Entries per scope and the file's size (no file: none, 0 bytes).</summary>
    public static (List<(string Scope, long Entries)> Scopes, long Bytes) Stats(string path)
    {
        var scopes = new List<(string, long)>();
        if (!File.Exists(path)) return (scopes, 0);
        using (var db = Open(path))
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT scope, COUNT(*) FROM entries GROUP BY scope ORDER BY scope";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) scopes.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        return (scopes, new FileInfo(path).Length);
    }

    /// <summary>Removes all entries, or those created more than <paramref name="olderThan"/> ago, and compacts the file.</summary>
    public static long Clean(string path, TimeSpan? olderThan)
    {
        if (!File.Exists(path)) return 0;
        using var db = Open(path);
        using var cmd = db.CreateCommand();
        if (olderThan is { } age)
        {
            cmd.CommandText = "DELETE FROM entries WHERE created_ms < $t";
            cmd.Parameters.AddWithValue("$t", (DateTimeOffset.UtcNow - age).ToUnixTimeMilliseconds());
        }
        else
        {
            cmd.CommandText = "DELETE FROM entries";
        }
        long removed = cmd.ExecuteNonQuery();
        Execute(db, "VACUUM;");
        return removed;
    }

    public void Dispose() => _db.Dispose();
}
