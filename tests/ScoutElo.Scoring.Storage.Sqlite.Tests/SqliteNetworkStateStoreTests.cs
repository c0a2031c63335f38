using Microsoft.Data.Sqlite;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Simulation;
using ScoutElo.Scoring.Storage.Sqlite;

using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Storage.Sqlite.Tests;

public sealed class SqliteNetworkStateStoreTests
{
    [Fact]
    public void Commits_survive_reopening_and_equal_the_in_memory_engine_byte_for_byte()
    {
        var o = new NetworkSimulationOptions { Scouts = 6, Rounds = 90, Evaluators = 4, Seed = 2 };
        var rounds = new List<ObservedRound>();
        NetworkSimulation.Run(o, traffic: rounds.Add);
        var options = NetworkSimulation.EngineOptions(o);
        string path = Path.Combine(TestFiles.TempDirectory(), "network.db");
        string memory;
        {
            var network = new ScoutNetwork(options);
            foreach (var r in rounds) network.Submit(r);
            network.Flush();
            memory = network.ExportSnapshot().ToJson();
        }
        using (var store = new SqliteNetworkStateStore(path))
        {
            var network = new ScoutNetwork(options, store);
            foreach (var r in rounds.Take(50)) network.Submit(r);
        } // "killed" with 10 rounds queued: they were never committed
        using (var store = new SqliteNetworkStateStore(path))
        {
            Assert.Equal(2, new ScoutNetwork(options, store).Periods);
            var network = new ScoutNetwork(options, store);
            int accepted = rounds.Count(r => network.Submit(r).Accepted);
            network.Flush();
            Assert.Equal(50, accepted);
            Assert.Equal(memory, network.ExportSnapshot().ToJson());
        }
        using (var store = new SqliteNetworkStateStore(path)) Assert.Equal(memory, new ScoutNetwork(options, store).ExportSnapshot().ToJson());
        using var c = new SqliteConnection($"Data Source={path}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", cmd.ExecuteScalar());
        cmd.CommandText = "SELECT COUNT(*) FROM rounds;";
        Assert.Equal(90L, cmd.ExecuteScalar());
    }

    /// <summary>Simulated traffic and the engine options it was simulated under, with the given period.</summary>
    private static (List<ObservedRound> Rounds, NetworkOptions Options) Simulated(NetworkSimulationOptions o, int period)
    {
        var rounds = new List<ObservedRound>();
        NetworkSimulation.Run(o, traffic: rounds.Add);
        return (rounds, NetworkSimulation.EngineOptions(o) with { RoundsPerPeriod = period });
    }

    /// <summary>A store as 0.2 wrote it: schema 1, one snapshot (schema 2) per commit, the round ids apart.</summary>
    private static string LegacyStore(ScoutNetwork network, IReadOnlyList<long> periods)
    {
        string path = Path.Combine(TestFiles.TempDirectory(), "old.db");
        var snapshot = network.ExportSnapshot();
        string json = snapshot.ToJson(includeSettledRounds: false).Replace("\"schema\":3", "\"schema\":2", StringComparison.Ordinal);
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE state (id INTEGER PRIMARY KEY CHECK (id = 1), periods INTEGER NOT NULL, json TEXT NOT NULL); "
            + "CREATE TABLE rounds (seq INTEGER PRIMARY KEY, round_id TEXT NOT NULL UNIQUE, period INTEGER NOT NULL); INSERT INTO meta VALUES ('schema', '1'); PRAGMA application_id = 1396920149;";
        cmd.ExecuteNonQuery();
        cmd.CommandText = "INSERT INTO state VALUES (1, $p, $json);";
        cmd.Parameters.AddWithValue("$p", snapshot.Periods);
        cmd.Parameters.AddWithValue("$json", json);
        cmd.ExecuteNonQuery();
        for (int i = 0; i < snapshot.SettledRounds.Count; i++)
        {
            cmd.CommandText = $"INSERT INTO rounds VALUES ({i + 1}, '{snapshot.SettledRounds[i]}', {periods[i]});";
            cmd.ExecuteNonQuery();
        }
        return path;
    }

    [Fact]
    public void A_store_of_schema_1_is_read_as_it_is_and_upgraded_in_place_when_opened_for_settling()
    {
        var (rounds, options) = Simulated(new NetworkSimulationOptions { Scouts = 5, Rounds = 60, Evaluators = 3, Seed = 4 }, 20);
        var network = new ScoutNetwork(options);
        foreach (var r in rounds.Take(40)) network.Submit(r);
        string path = LegacyStore(network, [.. Enumerable.Range(0, 40).Select(i => (long)(i / 20) + 1)]);
        string expected = network.ExportSnapshot().ToJson(includeSettledRounds: false);
        byte[] before = File.ReadAllBytes(path);
        using (var readOnly = SqliteNetworkStateStore.OpenReadOnly(path))
        {
            var view = new ScoutNetwork(options, readOnly);
            Assert.Equal(expected, view.ExportSnapshot().ToJson(includeSettledRounds: false));
            Assert.Equal(2, readOnly.FindRound(rounds[25].RoundId)!.Period);
            LedgerAssert.SumsToStandings(view, readOnly.ReadLedger());
        }
        Assert.Equal(before, File.ReadAllBytes(path));
        using (var store = new SqliteNetworkStateStore(path))
        {
            var upgraded = new ScoutNetwork(options, store);
            Assert.Equal(expected, upgraded.ExportSnapshot().ToJson(includeSettledRounds: false));
            var old = store.FindRound(rounds[25].RoundId)!;
            Assert.Equal((26L, 2L, (string?)null), (old.Sequence, old.Period, old.ContentHash));
            Assert.False(upgraded.Submit(rounds[25] with { Query = "other" }).Accepted); // settled before hashes: skipped as then
            foreach (var r in rounds) upgraded.Submit(r);
            upgraded.Flush();
            foreach (var r in rounds.Skip(40)) network.Submit(r);
            network.Flush();
            Assert.Equal(network.ExportSnapshot().ToJson(includeSettledRounds: false), upgraded.ExportSnapshot().ToJson(includeSettledRounds: false));
            LedgerAssert.SumsToStandings(upgraded, store.ReadLedger());
            Assert.Contains(store.ReadLedger(), e => e.Reason == PayoutReason.Opening);
        }
        using var c = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT value FROM meta WHERE key = 'schema';";
        Assert.Equal("3", cmd.ExecuteScalar());
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'state';";
        Assert.Equal(0L, cmd.ExecuteScalar());
    }

    [Fact]
    public void A_store_of_schema_2_without_the_row_log_is_read_as_it_is_and_gains_the_log_when_opened_for_settling()
    {
        var (rounds, options) = Simulated(new NetworkSimulationOptions { Scouts = 6, Rounds = 80, Evaluators = 4, Seed = 9 }, 20);
        var memory = new ScoutNetwork(options);
        foreach (var r in rounds) memory.Submit(r);
        memory.Flush();
        string path = Path.Combine(TestFiles.TempDirectory(), "v2.db");
        using (var store = new SqliteNetworkStateStore(path, minimumLogRows: 1, tableFactor: 0)) // every commit folds: the tables alone hold the state
        {
            var network = new ScoutNetwork(options, store);
            foreach (var r in rounds.Take(40)) network.Submit(r);
        }
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM row_log;";
            Assert.Equal(0L, cmd.ExecuteScalar());
            cmd.CommandText = "DROP TABLE row_log; UPDATE meta SET value = '2' WHERE key = 'schema';"; // as 0.3 wrote it
            cmd.ExecuteNonQuery();
        }
        string periodTwo;
        using (var readOnly = SqliteNetworkStateStore.OpenReadOnly(path))
        {
            var view = new ScoutNetwork(options, readOnly);
            Assert.Equal(2, view.Periods);
            periodTwo = view.ExportSnapshot().ToJson();
        }
        using (var store = new SqliteNetworkStateStore(path))
        {
            var network = new ScoutNetwork(options, store);
            Assert.Equal(periodTwo, network.ExportSnapshot().ToJson());
            foreach (var r in rounds) network.Submit(r);
            network.Flush();
            Assert.Equal(memory.ExportSnapshot().ToJson(), network.ExportSnapshot().ToJson());
        }
        using var check = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        check.Open();
        using var q = check.CreateCommand();
        q.CommandText = "SELECT (SELECT value FROM meta WHERE key = 'schema') || '/' || (SELECT count(*) > 0 FROM row_log);";
        Assert.Equal("3/1", q.ExecuteScalar()); // upgraded; the later periods were appended to the log (below the fold limit)
    }

    [Fact]
    public void The_row_log_is_folded_once_it_holds_twice_the_tables_rows_and_the_state_reads_back_the_same()
    {
        var (rounds, options) = Simulated(new NetworkSimulationOptions { Scouts = 40, Rounds = 200, Evaluators = 4, Seed = 5 }, 4);
        string path = Path.Combine(TestFiles.TempDirectory(), "fold.db");
        var memory = new ScoutNetwork(options);
        using var store = new SqliteNetworkStateStore(path, minimumLogRows: 1);
        var network = new ScoutNetwork(options, store);
        using var c = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT (SELECT count(*) FROM row_log), (SELECT count(*) FROM nodes) + (SELECT count(*) FROM evaluators);";
        var seen = new HashSet<(long Log, long Tables)>();
        for (int i = 0; i < rounds.Count; i++)
        {
            memory.Submit(rounds[i]);
            network.Submit(rounds[i]);
            if ((i + 1) % options.RoundsPerPeriod != 0) continue;
            using var reader = cmd.ExecuteReader();
            reader.Read();
            var (log, tables) = (reader.GetInt64(0), reader.GetInt64(1));
            Assert.True(log < Math.Max(1, 2 * tables), $"after round {i + 1}: {log} logged rows, {tables} table rows");
            seen.Add((log, tables));
            using var reopened = new SqliteNetworkStateStore(path);
            Assert.Equal(memory.ExportSnapshot().ToJson(), new ScoutNetwork(options, reopened).ExportSnapshot().ToJson());
        }
        Assert.Contains(seen, s => s.Log == 0); // folded
        Assert.Contains(seen, s => s.Log > 0); // appended without folding
    }

    [Fact]
    public void A_file_that_is_not_a_store_is_refused_clearly()
    {
        string path = TestFiles.Temp("not.db", "this is not a database, just text that is long enough to have a header");
        Assert.Throws<IOException>(() => new SqliteNetworkStateStore(path));
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => new SqliteNetworkStateStore("")).ParamName);
    }
}
