using BenchmarkDotNet.Attributes;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Storage.PostgreSql;
using ScoutElo.Scoring.Storage.Sqlite;
using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>Settlement cost per period as the network grows: one rating period of the same shape (20 rounds, each answered by 8
/// nodes, every answer scored by 20 evaluators: 160 responses, 3,200 scores, 560 matches) on a warm network of 1,000, 10,000
/// or 100,000 nodes (every node has played), with the in-memory store (baseline), SQLite (WAL, synchronous = FULL) and
/// PostgreSQL (a throw-away server on loopback with fsync on). Every invocation settles and commits the next period. Warmup
/// covers 640 periods: a method called once per period reaches the JIT's optimized tier only after dozens of calls, so fewer
/// warmup periods measure unoptimized code (the steady state of a running validator is what counts). The 2,400 measured
/// periods span the SQLite store's row-log folds (one per about 1,100 periods at 100,000 nodes), and no iteration is dropped
/// as an outlier: the mean is the amortized cost, folds included.</summary>
[MemoryDiagnoser]
[WarmupCount(4)]
[IterationCount(15)]
[InvocationCount(InvocationsPerIteration)]
[Outliers(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: GlobalCleanup disposes the stores.")]
public class NetworkBenchmarks
{
    internal const int Nodes = 1_000, Evaluators = 20, PerRound = 8, RoundsPerPeriod = 20;
    private const int InvocationsPerIteration = 160; // each iteration's periods are generated before it (IterationSetup)
    private static readonly NetworkOptions Options = new() { RoundsPerPeriod = RoundsPerPeriod };
    private readonly Dictionary<string, (ScoutNetwork Network, Queue<List<ObservedRound>> Periods)> _runs = [];
    private int _nextPeriod;
    private readonly List<IDisposable> _owned = [];
    private string _dir = null!;

    /// <summary>The network's size.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int Network { get; set; }

    /// <summary>Seeded rounds shared by the network and fleet benchmarks: each answered by <paramref name="perRound"/> of
    /// <paramref name="nodes"/> nodes, every answer scored by <paramref name="evaluators"/> evaluators around a per-node quality.</summary>
    internal static List<ObservedRound> Rounds(int first, int count, int nodes = Nodes, Func<Random, int, int>? pick = null, int perRound = PerRound, int evaluators = Evaluators)
    {
        var rng = new Random(first + 17);
        var rounds = new List<ObservedRound>(count);
        for (int t = first; t < first + count; t++)
        {
            var picked = new HashSet<int>();
            while (picked.Count < perRound) picked.Add(pick?.Invoke(rng, t) ?? rng.Next(nodes));
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
                        Node = $"node-{n:000000}",
                        Response = "answer",
                        Metrics = new InferenceMetrics { LatencyMs = 300 + rng.Next(1500), OutputTokens = 20 + rng.Next(200), Uptime = 0.99, CostUsd = 1e-5 },
                        Scores = Enumerable.Range(0, evaluators).ToDictionary(e => $"eval-{e:00}", e => Math.Clamp(q + (0.05 * (rng.NextDouble() - 0.5)), 0, 1)),
                    };
                })],
            });
        }
        return rounds;
    }

    [GlobalSetup]
    public void Setup()
    {
        // Warm: every node plays (rounds walk the nodes in order, 8 at a time), then a few random periods.
        int warmRounds = (Network / PerRound) + 200;
        var warm = new ScoutNetwork(Options);
        foreach (var r in Rounds(0, warmRounds, Network, (rng, t) => t < Network / PerRound ? (t * PerRound) + rng.Next(PerRound) : rng.Next(Network))) warm.Submit(r);
        warm.Flush();
        var snapshot = warm.ExportSnapshot();
        _dir = Path.Combine(Path.GetTempPath(), "scoutelo-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(_dir);
        var sqlite = new SqliteNetworkStateStore(Path.Combine(_dir, $"n{Network}.db"));
        var postgres = new ThrowawayPostgres(fsync: true);
        var pg = new PostgreSqlNetworkStateStore(postgres.CreateDatabase(), "bench");
        _owned.AddRange([sqlite, pg, postgres]);
        foreach (var (name, store) in new (string, INetworkStateStore)[] { ("memory", new InMemoryNetworkStateStore()), ("sqlite", sqlite), ("postgres", pg) })
        {
            store.Commit(NetworkChangeSet.FromSnapshot(snapshot));
            _runs[name] = (new ScoutNetwork(Options, store), new Queue<List<ObservedRound>>());
        }
    }

    /// <summary>The next iteration's periods (every store settles the same ones, in the same order).</summary>
    [IterationSetup]
    public void NextPeriods()
    {
        foreach (var (_, periods) in _runs.Values)
        {
            if (periods.Count >= InvocationsPerIteration) continue; // another benchmark's iteration, not this store's
            for (int p = 0; p < InvocationsPerIteration; p++) periods.Enqueue(Rounds(1_000_000 + ((_nextPeriod + p) * RoundsPerPeriod), RoundsPerPeriod, Network));
        }
        _nextPeriod += InvocationsPerIteration;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var d in _owned) d.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "period, in-memory store")]
    public long InMemoryStore() => Settle("memory");

    [Benchmark(Description = "period, SQLite store")]
    public long SqliteStore() => Settle("sqlite");

    [Benchmark(Description = "period, PostgreSQL store")]
    public long PostgreSqlStore() => Settle("postgres");

    private long Settle(string store)
    {
        var (network, periods) = _runs[store];
        long matches = 0;
        foreach (var r in periods.Dequeue()) matches += network.Submit(r).Settlement?.Matches ?? 0;
        return matches;
    }
}
