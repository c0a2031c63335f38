using Microsoft.Data.Sqlite;
using ScoutElo.Scoring.AI;

namespace ScoutElo.Cli;

/// <summary>The command's persistent cache of judge answers (and baseline answers) on SQLite. Entries are keyed by a scope
/// (endpoint and model) and the judge's own key (a SHA-256 of model, prompt version, mode, sample index, query, response,
/// baseline), so anything that changes the answer changes the key. Every insert is its own committed transaction in WAL
/// mode: a killed run leaves every answer it stored and nothing half-written. Counts hits and misses. Thread-safe.</summary>
internal sealed class SqliteJudgeCache : IJudgeCache, IDisposable
{
    private readonly SqliteConnection _db;
    private readonly string _scope;
    private readonly Lock _lock = new();
    private int _hits, _misses;

    public SqliteJudgeCache(string path, string scope)
    {
        _scope = scope;
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
        Execute(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            + "CREATE TABLE IF NOT EXISTS answers (scope TEXT NOT NULL, key TEXT NOT NULL, answer TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (scope, key));");
        return db;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public bool TryGet(string key, out string answer)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT answer FROM answers WHERE scope = $s AND key = $k";
            cmd.Parameters.AddWithValue("$s", _scope);
            cmd.Parameters.AddWithValue("$k", key);
            if (cmd.ExecuteScalar() is string found)
            {
                _hits++;
                answer = found;
                return true;
            }
            _misses++;
            answer = "";
            return false;
        }
    }

    public void Set(string key, string answer)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "INSERT OR REPLACE INTO answers (scope, key, answer, created) VALUES ($s, $k, $a, $t)";
            cmd.Parameters.AddWithValue("$s", _scope);
            cmd.Parameters.AddWithValue("$k", key);
            cmd.Parameters.AddWithValue("$a", answer);
            cmd.Parameters.AddWithValue("$t", DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Entries per scope, and the file's size.</summary>
    public static (List<(string Scope, long Entries)> Scopes, long Bytes) Stats(string path)
    {
        var scopes = new List<(string, long)>();
        if (!File.Exists(path)) return (scopes, 0);
        using (var db = Open(path))
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT scope, COUNT(*) FROM answers GROUP BY scope ORDER BY scope";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) scopes.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        return (scopes, new FileInfo(path).Length);
    }

    /// <summary>Deletes every entry (or those older than <paramref name="olderThan"/>) and compacts the file; returns how many.</summary>
    public static long Clean(string path, TimeSpan? olderThan)
    {
        if (!File.Exists(path)) return 0;
        using var db = Open(path);
        using var cmd = db.CreateCommand();
        if (olderThan is { } age)
        {
            cmd.CommandText = "DELETE FROM answers WHERE created < $t";
            cmd.Parameters.AddWithValue("$t", (DateTime.UtcNow - age).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            cmd.CommandText = "DELETE FROM answers";
        }
        long removed = cmd.ExecuteNonQuery();
        Execute(db, "VACUUM;");
        return removed;
    }

    public void Dispose() => _db.Dispose();
}
