using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Simulation;
using ScoutElo.Scoring.Storage.PostgreSql;
using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Orleans.Tests;

/// <summary>The network grain on a two-silo cluster in this process (its membership in process; the real, separate silo processes
/// are <see cref="FleetProcessTests"/>) with its state in a throw-away PostgreSQL: it settles to the single-process engine's
/// state byte for byte, also when the silo hosting it dies mid-period; a batch with a bad round is refused whole; a round
/// submitted concurrently from two silos settles once.</summary>
[Collection(FleetCollection.Name)]
public sealed class FleetTests(FleetServers servers)
{
    private static readonly NetworkSimulationOptions Sim = new() { Scouts = 8, Rounds = 110, Evaluators = 5, Seed = 6 };
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private static (List<string> Rounds, string Expected) Traffic()
    {
        var rounds = new List<ObservedRound>();
        NetworkSimulation.Run(Sim, traffic: rounds.Add);
        var engine = new ScoutNetwork(NetworkSimulation.EngineOptions(Sim));
        foreach (var r in rounds) engine.Submit(r);
        engine.Flush();
        return ([.. rounds.Select(Jsonl)], engine.ExportSnapshot().ToJson());
    }

    private static string Jsonl(ObservedRound r)
    {
        var w = new StringWriter();
        TrafficJsonl.Write(w, r);
        return w.ToString();
    }

    private async Task<(InProcessTestCluster Cluster, string Database)> Start()
    {
        string db = servers.Postgres.CreateDatabase();
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddScoutNetworkFleet(o =>
        {
            o.PostgresConnectionString = db;
            o.Network = NetworkSimulation.EngineOptions(Sim);
        }));
        var cluster = builder.Build();
        await cluster.DeployAsync().WaitAsync(Bound);
        return (cluster, db);
    }

    /// <summary>Retries a call while the cluster recovers from a dead silo (bounded).</summary>
    private static async Task<T> Retry<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            try
            {
                return await call().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception e) when (e is not ArgumentException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    [FleetFact]
    public async Task The_same_traffic_settles_to_the_single_process_state_byte_for_byte_and_again_settles_nothing()
    {
        var (rounds, expected) = Traffic();
        var (cluster, db) = await Start();
        await using var _ = cluster;
        var grain = cluster.Client.GetGrain<INetworkGrain>("net");
        foreach (var batch in rounds.Chunk(7)) Assert.Equal(batch.Length, (await grain.SubmitBatchAsync(string.Concat(batch))).Accepted);
        await grain.FlushAsync();
        Assert.Equal(expected, await grain.SnapshotAsync());
        var again = await grain.SubmitBatchAsync(string.Concat(rounds));
        Assert.Equal((0, rounds.Count), (again.Accepted, again.Skipped));
        Assert.Equal(expected, await grain.SnapshotAsync());
        using var store = new PostgreSqlNetworkStateStore(db, "net");
        LedgerAssert.SumsToStandings(new ScoutNetwork(NetworkSimulation.EngineOptions(Sim), store), store.ReadLedger());
    }

    [FleetFact]
    public async Task Killing_the_silo_that_settles_mid_period_loses_nothing_and_pays_nothing_twice()
    {
        var (rounds, expected) = Traffic();
        var (cluster, _) = await Start();
        await using var __ = cluster;
        var grain = cluster.Client.GetGrain<INetworkGrain>("net");
        await grain.SubmitBatchAsync(string.Concat(rounds.Take(47))); // 2 periods committed, 7 rounds journaled
        string host = await grain.SiloAsync();
        var victim = cluster.Silos.Single(s => host.Contains(s.SiloAddress.ToString(), StringComparison.Ordinal) || s.SiloAddress.ToString().Contains(host, StringComparison.Ordinal));
        await cluster.KillSiloAsync(victim).WaitAsync(Bound);
        foreach (var batch in rounds.Skip(47).Chunk(10)) await Retry(() => grain.SubmitBatchAsync(string.Concat(batch)));
        await Retry(grain.FlushAsync);
        Assert.NotEqual(host, await Retry(grain.SiloAsync));
        Assert.Equal(expected, await Retry(grain.SnapshotAsync));
    }

    [FleetFact]
    public async Task A_batch_holding_a_bad_round_is_refused_whole_naming_the_line_and_the_field()
    {
        var (rounds, _) = Traffic();
        var (cluster, db) = await Start();
        await using var _ = cluster;
        var grain = cluster.Client.GetGrain<INetworkGrain>("net");
        await grain.SubmitBatchAsync(string.Concat(rounds.Take(3)));
        string bad = rounds[4].Replace("\"uptime\":", "\"uptime\":7, \"x\":", StringComparison.Ordinal);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => grain.SubmitBatchAsync(rounds[3] + bad + rounds[5]));
        Assert.Contains("uptime", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, await grain.RoundsAcceptedAsync()); // nothing of the refused batch was kept
        using var store = new PostgreSqlNetworkStateStore(db, "net");
        Assert.Empty(store.ReadRounds()); // and nothing settled: the first period is not full
    }

    [FleetFact]
    public async Task A_round_submitted_concurrently_from_two_silos_settles_once()
    {
        var (rounds, _) = Traffic();
        var (cluster, _) = await Start();
        await using var __ = cluster;
        var factories = cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>()).ToList();
        Assert.Equal(2, factories.Count);
        foreach (var l in rounds.Take(30))
        {
            var results = await Task.WhenAll(factories.Select(f => f.GetGrain<INetworkGrain>("net").SubmitBatchAsync(l))).WaitAsync(Bound);
            Assert.Single(results, r => r.Accepted == 1);
        }
        var grain = cluster.Client.GetGrain<INetworkGrain>("net");
        await grain.FlushAsync();
        var snapshot = NetworkSnapshot.FromJson(await grain.SnapshotAsync());
        Assert.Equal(30, snapshot.RoundsSettled);
        var network = new ScoutNetwork(NetworkSimulation.EngineOptions(Sim), new InMemoryNetworkStateStore(snapshot));
        Assert.Equal((UInt128)30 * 1_000_000, network.Nodes().SumMoney(n => n.Reward) + network.UnallocatedNodeBudget);
    }

    [FleetFact]
    public async Task Stateless_workers_score_on_any_silo()
    {
        var (cluster, _) = await Start();
        await using var __ = cluster;
        var worker = cluster.Client.GetGrain<IScoringWorkerGrain>(0);
        double? good = await worker.ScoreAsync("{\"id\":\"1\",\"task\":\"qa\",\"query\":\"capital of france\",\"response\":\"Paris.\",\"references\":[\"Paris\"]}");
        double? bad = await worker.ScoreAsync("{\"id\":\"2\",\"task\":\"qa\",\"query\":\"capital of france\",\"response\":\"I am not sure at all, sorry.\",\"references\":[\"Paris\"]}");
        Assert.True(good > bad);
    }
}
