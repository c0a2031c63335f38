using BenchmarkDotNet.Attributes;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>One rating period of 1M matches among 10k nodes from a 12-bytes-per-match log (int a, int b, float score).
/// Scalar is the plain per-match loop with Math.Exp. Simd is the kernel as shipped: with no more nodes than matches it takes one
/// vector exp per node (strengths) and gathers them with AVX2. SimdPerMatchExp is the same kernel forced onto its other path
/// (ratings spread over 105,600 points, just past the strengths' ±300 range, so no exp overflows): AVX2 gathers and one vector exp per match.</summary>
[MemoryDiagnoser]
public class EloBatchBenchmarks
{
    private double[] _ratings = [];
    private double[] _k = [];
    private double[] _deltas = [];
    private double[] _wide = [];
    private int[] _a = [];
    private int[] _b = [];
    private float[] _s = [];
    private double[] _scores = [];
    private MatchResult[] _matches = [];
    private EloRatingTable _table = new();

    [Params(1_000, 1_000_000)] public int Matches { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const int Nodes = 10_000;
        var rng = new Random(3); // benchmark data only; fixed seed
        _ratings = [.. Enumerable.Range(0, Nodes).Select(_ => 800 + (rng.NextDouble() * 1600))];
        _k = [.. Enumerable.Repeat(32.0, Nodes)];
        _wide = [.. _ratings.Select(r => r * 66)]; // a 105,600-point spread: past the strengths' range, every exp finite
        _deltas = new double[Nodes];
        _a = [.. Enumerable.Range(0, Matches).Select(_ => rng.Next(Nodes))];
        _b = [.. _a.Select(x => (x + 1 + rng.Next(Nodes - 1)) % Nodes)];
        _s = [.. Enumerable.Range(0, Matches).Select(_ => (float)(rng.Next(3) / 2.0))];
        _scores = [.. _s.Select(x => (double)x)];
        _table = new EloRatingTable();
        for (int i = 0; i < Nodes; i++) _table.Add("node-" + i, _ratings[i]);
        _matches = [.. Enumerable.Range(0, Matches).Select(j => new MatchResult("node-" + _a[j], "node-" + _b[j], _s[j]))];
    }

    [Benchmark(Baseline = true)]
    public double Scalar()
    {
        EloBatchUpdater.ComputeDeltasScalar(_ratings, _k, _a, _b, _s, _deltas);
        return _deltas[^1];
    }

    [Benchmark]
    public double Simd()
    {
        EloBatchUpdater.ComputeDeltas(_ratings, _k, _a, _b, _s, _deltas);
        return _deltas[^1];
    }

    [Benchmark]
    public double SimdPerMatchExp()
    {
        EloBatchUpdater.ComputeDeltas(_wide, _k, _a, _b, _s, _deltas);
        return _deltas[^1];
    }

    /// <summary>The rating table's integer-index rating period (scores as doubles, narrowed once for the kernel): kernel + K
    /// per node + finiteness check + commit.</summary>
    [Benchmark]
    public double TableByIndex()
    {
        _table.ApplyBatch(_a, _b, _scores);
        return _table.Count;
    }

    /// <summary>The rating table's id-keyed rating period (MatchResult with string ids): one dictionary lookup per id.</summary>
    [Benchmark]
    public double TableById()
    {
        _table.ApplyBatch(_matches);
        return _table.Count;
    }
}
