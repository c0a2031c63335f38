using BenchmarkDotNet.Attributes;
using Orleans.TestingHost;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Orleans;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Storage.Sqlite;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>The validator fleet against the in-process engine: one rating period (20 rounds, 8 of 200 nodes per round, 20
/// evaluators per answer) settled on a fresh network with SQLite state, in process (baseline) and through an Orleans cluster
/// of 1 or 2 silos on loopback (rounds submitted by a client as traffic JSONL); the cost of one grain call; and scoring one
/// response locally against a stateless worker grain.</summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: GlobalCleanup disposes the cluster.")]
public class FleetBenchmarks
{
    private const int Nodes = 200, RoundsPerPeriod = NetworkBenchmarks.RoundsPerPeriod;
    private static readonly NetworkOptions Options = new() { RoundsPerPeriod = RoundsPerPeriod };
    private List<ObservedRound> _rounds = null!;
    private List<string> _lines = null!;
    private string _dir = null!;
    private InProcessTestCluster _cluster = null!;
    private INetworkGrain _probe = null!;
    private IScoringWorkerGrain _worker = null!;
    private string _output = null!;
    private ScoringInput _input = null!;
    private readonly QualityScorer _scorer = BuiltInDimensions.CreateScorer();
    private int _network;

    [Params(1, 2)]
    public short Silos { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _rounds = NetworkBenchmarks.Rounds(0, RoundsPerPeriod, Nodes);
        _lines = [.. _rounds.Select(r =>
        {
            var w = new StringWriter();
            TrafficJsonl.Write(w, r);
            return w.ToString();
        })];
        _dir = Path.Combine(Path.GetTempPath(), "scoutelo-fleet-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(_dir);
        var builder = new InProcessTestClusterBuilder(Silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddScoutNetworkFleet(o =>
        {
            o.StateDirectory = _dir;
            o.Network = Options;
        }));
        _cluster = builder.Build();
        _cluster.DeployAsync().GetAwaiter().GetResult();
        _probe = _cluster.Client.GetGrain<INetworkGrain>("probe");
        _probe.SiloAsync().GetAwaiter().GetResult();
        _worker = _cluster.Client.GetGrain<IScoringWorkerGrain>(0);
        _output = "{\"id\":\"1\",\"task\":\"qa\",\"query\":\"who wrote the origin of species\",\"response\":\"Charles Darwin wrote it in 1859.\",\"references\":[\"Charles Darwin\"]}";
        _input = LoggedOutputJsonl.Parse(_output).Input;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cluster.StopAllSilosAsync().GetAwaiter().GetResult();
        _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "period in process (SQLite store)")]
    public long InProcess()
    {
        using var store = new SqliteNetworkStateStore(Path.Combine(_dir, $"local{_network++}.db"));
        var network = new ScoutNetwork(Options, store);
        long matches = 0;
        foreach (var r in _rounds) matches += network.Submit(r).Settlement?.Matches ?? 0;
        return matches;
    }

    [Benchmark(Description = "period through the fleet")]
    public async Task<int> Fleet()
    {
        var grain = _cluster.Client.GetGrain<INetworkGrain>($"net{_network++}");
        int accepted = 0;
        foreach (var l in _lines) accepted += await grain.SubmitAsync(l) ? 1 : 0;
        return accepted;
    }

    [Benchmark(Description = "one grain call (client → silo)")]
    public Task<string> GrainCall() => _probe.SiloAsync();

    [Benchmark(Description = "score one response, local")]
    public double? ScoreLocal() => _scorer.Score(_input).Composite.Value;

    [Benchmark(Description = "score one response, stateless worker grain")]
    public Task<double?> ScoreOnWorker() => _worker.ScoreAsync(_output);
}
