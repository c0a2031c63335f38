using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.TestingHost;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Orleans;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Simulation;

using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Orleans.Tests;

/// <summary>Issue 21: the engine on a two-silo Orleans cluster (loopback, in process, bounded in time) settles to the same
/// state as the single-process engine — also when the silo hosting the settlement dies mid-period — and a round submitted
/// concurrently from two silos settles once.</summary>
public sealed class FleetTests
{
    private static readonly NetworkSimulationOptions Sim = new() { Scouts = 8, Rounds = 110, Evaluators = 5, Seed = 6 };
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private static (List<string> Lines, string Expected) Traffic()
    {
        var rounds = new List<ObservedRound>();
        NetworkSimulation.Run(Sim, traffic: rounds.Add);
        var engine = new ScoutNetwork(NetworkSimulation.EngineOptions(Sim));
        foreach (var r in rounds) engine.Submit(r);
        engine.Flush();
        var lines = rounds.Select(r =>
        {
            var w = new StringWriter();
            TrafficJsonl.Write(w, r);
            return w.ToString();
        }).ToList();
        return (lines, engine.ExportSnapshot().ToJson());
    }

    private static async Task<InProcessTestCluster> Start(string stateDirectory)
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddScoutNetworkFleet(o =>
        {
            o.StateDirectory = stateDirectory;
            o.Network = NetworkSimulation.EngineOptions(Sim);
        }));
        var cluster = builder.Build();
        await cluster.DeployAsync().WaitAsync(Bound);
        return cluster;
    }

    private static string TempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "scoutelo-fleet-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
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

    [Fact]
    public async Task The_same_traffic_settles_to_the_single_process_state_byte_for_byte()
    {
        var (lines, expected) = Traffic();
        await using var cluster = await Start(TempDirectory());
        var grain = cluster.Client.GetGrain<INetworkGrain>("net");
        foreach (var l in lines) Assert.True(await grain.SubmitAsync(l));
        await grain.FlushAsync();
        Assert.Equal(expected, await grain.SnapshotAsync());
        foreach (var l in lines.Take(5)) Assert.False(await grain.SubmitAsync(l));
        Assert.Equal(expected, await grain.SnapshotAsync());
    }

    [Fact]
    public async Task Killing_the_silo_that_settles_mid_period_loses_nothing_and_pays_nothing_twice()
    {
        var (lines, expected) = Traffic();
        await using var cluster = await Start(TempDirectory());
        var grain = cluster.Client.GetGrain<INetworkGrain>("net");
        foreach (var l in lines.Take(47)) Assert.True(await grain.SubmitAsync(l)); // 2 periods committed, 7 rounds journaled
        string host = await grain.SiloAsync();
        var victim = cluster.Silos.Single(s => host.Contains(s.SiloAddress.ToString(), StringComparison.Ordinal) || s.SiloAddress.ToString().Contains(host, StringComparison.Ordinal));
        await cluster.KillSiloAsync(victim).WaitAsync(Bound);
        foreach (var l in lines.Skip(47)) await Retry(() => grain.SubmitAsync(l));
        await Retry(grain.FlushAsync);
        Assert.NotEqual(host, await Retry(grain.SiloAsync));
        Assert.Equal(expected, await Retry(grain.SnapshotAsync));
    }

    [Fact]
    public async Task A_round_submitted_concurrently_from_two_silos_settles_once()
    {
        var (lines, _) = Traffic();
        await using var cluster = await Start(TempDirectory());
        var factories = cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>()).ToList();
        Assert.Equal(2, factories.Count);
        foreach (var l in lines.Take(30))
        {
            var results = await Task.WhenAll(factories.Select(f => f.GetGrain<INetworkGrain>("net").SubmitAsync(l))).WaitAsync(Bound);
            Assert.Single(results, accepted => accepted);
        }
        var grain = cluster.Client.GetGrain<INetworkGrain>("net");
        await grain.FlushAsync();
        var snapshot = NetworkSnapshot.FromJson(await grain.SnapshotAsync());
        Assert.Equal(30, snapshot.RoundsSettled);
        var network = new ScoutNetwork(NetworkSimulation.EngineOptions(Sim), new InMemoryNetworkStateStore(snapshot));
        Assert.Equal((UInt128)30 * 1_000_000, network.Nodes().SumMoney(n => n.Reward) + network.UnallocatedNodeBudget);
    }

    [Fact]
    public async Task Stateless_workers_score_on_any_silo()
    {
        await using var cluster = await Start(TempDirectory());
        var worker = cluster.Client.GetGrain<IScoringWorkerGrain>(0);
        double? good = await worker.ScoreAsync("{\"id\":\"1\",\"task\":\"qa\",\"query\":\"capital of france\",\"response\":\"Paris.\",\"references\":[\"Paris\"]}");
        double? bad = await worker.ScoreAsync("{\"id\":\"2\",\"task\":\"qa\",\"query\":\"capital of france\",\"response\":\"I am not sure at all, sorry.\",\"references\":[\"Paris\"]}");
        Assert.True(good > bad);
    }
}
