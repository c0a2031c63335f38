using Microsoft.Data.Sqlite;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Tests;
using static ScoutElo.Scoring.Tests.ObservedTraffic;

namespace ScoutElo.Scoring.Storage.Sqlite.Tests;

/// <summary>Issue 34: a store knows its own files (SQLite application id), refuses others untouched, reads without writing.</summary>
public sealed class StoreIdentityTests
{
    private static void Sql(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long ApplicationId(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA application_id;";
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public void A_database_of_another_application_is_refused_and_left_byte_for_byte()
    {
        string path = Path.Combine(TestFiles.TempDirectory(), "app.db");
        Sql(path, "CREATE TABLE customers (id INTEGER); INSERT INTO customers VALUES (7);");
        byte[] before = File.ReadAllBytes(path);
        var e = Assert.Throws<FormatException>(() => new SqliteNetworkStateStore(path));
        Assert.Contains("'customers'", e.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => SqliteNetworkStateStore.OpenReadOnly(path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Sql(path, "PRAGMA application_id = 42;");
        Assert.Contains("0x0000002A", Assert.Throws<FormatException>(() => new SqliteNetworkStateStore(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_store_carries_the_application_id_and_a_store_written_before_it_is_adopted()
    {
        string dir = TestFiles.TempDirectory(), fresh = Path.Combine(dir, "new.db"), legacy = Path.Combine(dir, "old.db");
        new SqliteNetworkStateStore(fresh).Dispose();
        Assert.Equal(0x53434F55, ApplicationId(fresh));
        Sql(legacy, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE state (id INTEGER PRIMARY KEY CHECK (id = 1), periods INTEGER NOT NULL, json TEXT NOT NULL); "
            + "CREATE TABLE rounds (seq INTEGER PRIMARY KEY, round_id TEXT NOT NULL UNIQUE, period INTEGER NOT NULL); INSERT INTO meta VALUES ('schema', '1');");
        Assert.Equal(0, ApplicationId(legacy));
        using (var store = new SqliteNetworkStateStore(legacy)) Assert.Null(store.Load());
        Assert.Equal(0x53434F55, ApplicationId(legacy));
    }

    [Fact]
    public void A_read_only_store_loads_and_refuses_to_commit()
    {
        string path = Path.Combine(TestFiles.TempDirectory(), "s.db");
        using (var store = new SqliteNetworkStateStore(path))
        {
            var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, store);
            network.Submit(Round("r1", Answer("a", "n1")));
        }
        Assert.Throws<FileNotFoundException>(() => SqliteNetworkStateStore.OpenReadOnly(path + ".missing"));
        Assert.False(File.Exists(path + ".missing"));
        using var readOnly = SqliteNetworkStateStore.OpenReadOnly(path);
        Assert.True(readOnly.IsReadOnly);
        var engine = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, readOnly);
        Assert.Equal(1, engine.Periods);
        Assert.Throws<InvalidOperationException>(() => engine.Submit(Round("r2", Answer("a", "n1"))));
        using var again = SqliteNetworkStateStore.OpenReadOnly(path);
        Assert.Equal(1, new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, again).Periods);
    }
}
