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
            memory = network.Snapshot.ToJson();
        }
        using (var store = new SqliteNetworkStateStore(path))
        {
            var network = new ScoutNetwork(options, store);
            foreach (var r in rounds.Take(50)) network.Submit(r);
        } // "killed" with 10 rounds queued: they were never committed
        using (var store = new SqliteNetworkStateStore(path))
        {
            Assert.Equal(2, store.Load()!.Periods);
            var network = new ScoutNetwork(options, store);
            int accepted = rounds.Count(r => network.Submit(r).Accepted);
            network.Flush();
            Assert.Equal(50, accepted);
            Assert.Equal(memory, network.Snapshot.ToJson());
        }
        using (var store = new SqliteNetworkStateStore(path)) Assert.Equal(memory, store.Load()!.ToJson());
        using var c = new SqliteConnection($"Data Source={path}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", cmd.ExecuteScalar());
        cmd.CommandText = "SELECT COUNT(*) FROM rounds;";
        Assert.Equal(90L, cmd.ExecuteScalar());
    }

    [Fact]
    public void A_commit_that_does_not_follow_the_stored_period_is_refused_and_changes_nothing()
    {
        string path = Path.Combine(TestFiles.TempDirectory(), "n.db");
        using var a = new SqliteNetworkStateStore(path);
        using var b = new SqliteNetworkStateStore(path);
        var one = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, a);
        var two = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, b);
        one.Submit(ObservedTraffic.Round("r1", ObservedTraffic.Answer("x", "n1")));
        string stored = a.Load()!.ToJson();
        Assert.Throws<InvalidOperationException>(() => two.Submit(ObservedTraffic.Round("r1", ObservedTraffic.Answer("x", "n1"))));
        Assert.Equal(stored, b.Load()!.ToJson());
        Assert.Empty(two.Nodes());
    }

    [Fact]
    public void A_file_that_is_not_a_store_is_refused_clearly()
    {
        string path = TestFiles.Temp("not.db", "this is not a database, just text that is long enough to have a header");
        Assert.Throws<IOException>(() => new SqliteNetworkStateStore(path));
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => new SqliteNetworkStateStore("")).ParamName);
    }
}
