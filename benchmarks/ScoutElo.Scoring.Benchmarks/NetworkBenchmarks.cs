using BenchmarkDotNet.Attributes;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Storage.Sqlite;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>Settlement throughput of the network engine: one rating period of 20 rounds on a warm network of 1,000 nodes,
/// each round answered by 8 nodes and every answer scored by 20 evaluators (160 responses, 3,200 scores, 560 matches per
/// period), with the in-memory store (baseline) and the SQLite store (WAL, synchronous = FULL, one transaction per period).</summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: GlobalCleanup disposes the store.")]
public class NetworkBenchmarks
{
    internal const int Nodes = 1_000, Evaluators = 20, PerRound = 8, RoundsPerPeriod = 20;
    private static readonly NetworkOptions Options = new() { RoundsPerPeriod = RoundsPerPeriod };
    private NetworkSnapshot _warm = null!;
    private List<ObservedRound> _period = null!;
    private string _dir = null!;
    private SqliteNetworkStateStore? _sqlite;
    private int _iteration;

    /// <summary>Seeded rounds shared by the network and fleet benchmarks: each answered by <see cref="PerRound"/> of
    /// <paramref name="nodes"/> nodes, every answer scored by <see cref="Evaluators"/> evaluators around a per-node quality.</summary>
    internal static List<ObservedRound> Rounds(int first, int count, int nodes = Nodes)
    {
        var rng = new Random(first + 17);
        var rounds = new List<ObservedRound>(count);
        for (int t = first; t < first + count; t++)
        {
            var picked = new HashSet<int>();
            while (picked.Count < PerRound) picked.Add(rng.Next(nodes));
            rounds.Add(new ObservedRound
            {
                RoundId = $"r{t}",
                Task = TaskKind.Qa,
                Query = "q",
                Responses = [.. picked.Select(n =>
                {
                    double q = 0.3 + (0.6 * n / nodes);
                    return new ObservedResponse
                    {
                        ResponseId = $"r{t}/n{n}",
                        Node = $"node-{n:0000}",
                        Response = "answer",
                        Metrics = new InferenceMetrics { LatencyMs = 300 + rng.Next(1500), OutputTokens = 20 + rng.Next(200), Uptime = 0.99, CostUsd = 1e-5 },
                        Scores = Enumerable.Range(0, Evaluators).ToDictionary(e => $"eval-{e:00}", e => Math.Clamp(q + (0.05 * (rng.NextDouble() - 0.5)), 0, 1)),
                    };
                })],
            });
        }
        return rounds;
    }

    [GlobalSetup]
    public void Setup()
    {
        // Warm the network: enough periods that every node has played.
        var network = new ScoutNetwork(Options);
        foreach (var r in Rounds(0, 2_000)) network.Submit(r);
        // A store accepts period k + 1 only after k: the warm state is taken as period 1, so an empty SQLite file can take it.
        var json = System.Text.Json.Nodes.JsonNode.Parse(network.ExportSnapshot().ToJson())!;
        json["periods"] = 1;
        _warm = NetworkSnapshot.FromJson(json.ToJsonString());
        _period = Rounds(1_000_000, RoundsPerPeriod);
        _dir = Path.Combine(Path.GetTempPath(), "scoutelo-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(_dir);
    }

    [IterationSetup] // for both methods, so both run one invocation per iteration and their ratio is computed
    public void SetupSqlite()
    {
        _sqlite?.Dispose();
        string path = Path.Combine(_dir, $"n{_iteration++}.db");
        _sqlite = new SqliteNetworkStateStore(path);
        _sqlite.Commit(NetworkChangeSet.FromSnapshot(_warm));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "period of 20 rounds, in-memory store")]
    public long InMemoryStore() => Settle(new InMemoryNetworkStateStore(_warm));

    [Benchmark(Description = "period of 20 rounds, SQLite store")]
    public long SqliteStore() => Settle(_sqlite!);

    private long Settle(INetworkStateStore store)
    {
        var network = new ScoutNetwork(Options, store);
        long matches = 0;
        foreach (var r in _period) matches += network.Submit(r).Settlement?.Matches ?? 0;
        return matches;
    }
}
