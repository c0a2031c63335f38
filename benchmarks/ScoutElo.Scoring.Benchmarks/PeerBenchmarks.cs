using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Internal;
using ScoutElo.Scoring.Ranking;
using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>Issue 25's side-by-side inputs, generated exactly as benchmarks/peers/stats_peers.py generates them (splitmix64,
/// integer arithmetic and one division, so both languages hold the same doubles).</summary>
internal static class PeerData
{
    public static IEnumerable<ulong> SplitMix(ulong seed)
    {
        ulong x = seed;
        while (true)
        {
            x += 0x9E3779B97F4A7C15UL;
            ulong z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            yield return z ^ (z >> 31);
        }
    }

    /// <summary>Labels on 1..5 and six columns on a 0.001 grid, 100,000 items.</summary>
    public static (double[][] Columns, double[] Labels) Columns(int n = 100_000, int p = 6)
    {
        using var g = SplitMix(25).GetEnumerator();
        ulong Next() { g.MoveNext(); return g.Current; }
        var yi = new long[n];
        for (int i = 0; i < n; i++) yi[i] = 1 + (long)(Next() % 5);
        var cols = new double[p][];
        for (int d = 0; d < p; d++)
        {
            cols[d] = new double[n];
            for (int i = 0; i < n; i++) cols[d][i] = ((d * yi[i] * 100) + (long)(Next() % 1000)) / 1000.0;
        }
        return (cols, [.. yi.Select(v => (double)v)]);
    }

    /// <summary>1M matches over a registry of 10,000 id strings (each id one string instance).</summary>
    public static (string[] Ids, int[] A, int[] B, double[] Scores) Matches(int m = 1_000_000, int nodes = 10_000)
    {
        using var g = SplitMix(77).GetEnumerator();
        ulong Next() { g.MoveNext(); return g.Current; }
        var ids = Enumerable.Range(0, nodes).Select(k => "node-" + k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var a = new int[m];
        var b = new int[m];
        var s = new double[m];
        for (int j = 0; j < m; j++)
        {
            a[j] = (int)(Next() % (ulong)nodes);
            b[j] = (int)((ulong)(a[j] + 1) + (Next() % (ulong)(nodes - 1))) % nodes;
            s[j] = (Next() % 3) / 2.0;
        }
        return (ids, a, b, s);
    }

    /// <summary>Issue 23's battle log, as benchmarks/peers/bt_peers.py generates it: 1M matches among 100 nodes of strengths
    /// (i mod 10)·0.3, 10% ties, A winning a decisive match with probability σ(θ_a − θ_b). Node ids are one string instance
    /// each.</summary>
    public static MatchResult[] BattleLog(int m = 1_000_000, int nodes = 100)
    {
        using var g = SplitMix(23).GetEnumerator();
        ulong Next() { g.MoveNext(); return g.Current; }
        var ids = Enumerable.Range(0, nodes).Select(k => "model-" + k.ToString("000", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var log = new MatchResult[m];
        for (int k = 0; k < m; k++)
        {
            int i = (int)(Next() % (ulong)nodes);
            int j = (int)((ulong)(i + 1) + (Next() % (ulong)(nodes - 1))) % nodes;
            double u = (Next() >> 11) * (1.0 / (1UL << 53));
            double p = 1.0 / (1.0 + Math.Exp(((j % 10) * 0.3) - ((i % 10) * 0.3)));
            log[k] = new MatchResult(ids[i], ids[j], u < 0.1 ? 0.5 : u < 0.1 + (0.9 * p) ? 1 : 0);
        }
        return log;
    }

    /// <summary>SummEval's 1,600 summaries with their 11 references, read from ../shared (null when absent).</summary>
    public static (string Hypothesis, string[] References)[]? SummEval()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ScoutElo.Scoring.sln"))) dir = dir.Parent;
        string? path = dir is null ? null : Path.Combine(dir.FullName, "..", "shared", "data", "jsonl", "summeval.jsonl");
        if (path is null || !File.Exists(path)) return null;
        return [.. File.ReadLines(path).Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            var r = doc.RootElement;
            return (r.GetProperty("response").GetString()!, r.GetProperty("references").EnumerateArray().Select(e => e.GetString()!).ToArray());
        })];
    }
}

/// <summary>Pearson + Spearman + Kendall τ-b for 6 dimensions × 100,000 items (scipy.stats' pearsonr, spearmanr, kendalltau on
/// the same data in stats_peers.py). Baseline: the library before issue 25 (MathNet's Spearman; Kendall by a comparison sort
/// of index pairs and a recursive merge count).</summary>
[MemoryDiagnoser]
public class CorrelationPeerBenchmarks
{
    private double[][] _columns = [];
    private double[] _labels = [];

    [GlobalSetup]
    public void Setup() => (_columns, _labels) = PeerData.Columns();

    [Benchmark(Baseline = true, Description = "before: MathNet Spearman, comparison-sort Kendall")]
    public double Before()
    {
        double sum = 0;
        foreach (var x in _columns)
        {
            sum += Stats.Pearson(x, _labels)!.Value;
            sum += MathNet.Numerics.Statistics.Correlation.Spearman(x, _labels);
            sum += OldKendall.TauB(x, _labels)!.Value;
        }
        return sum;
    }

    [Benchmark(Description = "CorrelationSummary.Compute: one radix sort per variable")]
    public double Library()
    {
        double sum = 0;
        foreach (var x in _columns)
        {
            var c = CorrelationSummary.Compute(x, _labels);
            sum += c.Pearson!.Value + c.Spearman!.Value + c.Kendall!.Value;
        }
        return sum;
    }
}

/// <summary>Bootstrap 95% CIs of Pearson, 1,000 resamples, 6 × 100,000 (numpy: gather by index, centre, dot products).
/// Baseline: the library before issue 25 (every draw gathers its item and adds it to six sums).</summary>
[MemoryDiagnoser]
public class BootstrapPeerBenchmarks
{
    private double[][] _columns = [];
    private double[] _labels = [];

    [GlobalSetup]
    public void Setup() => (_columns, _labels) = PeerData.Columns();

    [Benchmark(Baseline = true, Description = "before: draw by draw, item-major gather")]
    public double Before() => OldBootstrap.PearsonIntervals(_columns, _labels, 1000, 1)[^1]!.Value.Low;

    [Benchmark(Description = "count vectors, column-sequential SIMD sums")]
    public double Library() => Bootstrap.PearsonIntervals(_columns, _labels, 1000, 1)[^1]!.Value.Low;

    /// <summary>The bandwidth roof of the count-weighted pass: per resample, a vectorized sum over exactly the arrays the
    /// library's sums read (weights and labels once, then weights, column and labels per dimension), no arithmetic beyond
    /// the adds and no index stream.</summary>
    [Benchmark(Description = "roof: stream the same arrays (TensorPrimitives.Sum)")]
    public double Roof()
    {
        var w = new double[_labels.Length];
        double total = 0;
        for (int b = 0; b < 1000; b++)
        {
            total += System.Numerics.Tensors.TensorPrimitives.Sum(w) + System.Numerics.Tensors.TensorPrimitives.Sum(_labels);
            foreach (var x in _columns)
                total += System.Numerics.Tensors.TensorPrimitives.Sum(w) + System.Numerics.Tensors.TensorPrimitives.Sum(x) + System.Numerics.Tensors.TensorPrimitives.Sum(_labels);
        }
        return total;
    }
}

/// <summary>Sentence BLEU (sacreBLEU 13a, exp smoothing) of SummEval's 1,600 summaries, 11 references each (nltk's
/// sentence_bleu on the same strings split on spaces). Baseline: the library before issue 25 (four compiled regexes and
/// their intermediate strings per text; dictionaries for the clipped counts). Skips without ../shared/data.</summary>
[MemoryDiagnoser]
public class BleuPeerBenchmarks
{
    private (string Hypothesis, string[] References)[] _pairs = [];

    [GlobalSetup]
    public void Setup() => _pairs = PeerData.SummEval() ?? throw new InvalidOperationException("../shared/data/jsonl/summeval.jsonl is absent.");

    [Benchmark(Baseline = true, Description = "before: regex 13a, dictionary counts")]
    public double Before()
    {
        double sum = 0;
        foreach (var (h, refs) in _pairs) sum += OldBleu.Sentence(h, refs);
        return sum;
    }

    [Benchmark(Description = "TextMetrics.SentenceBleu")]
    public double Library()
    {
        double sum = 0;
        foreach (var (h, refs) in _pairs) sum += TextMetrics.SentenceBleu(h, refs);
        return sum;
    }
}

/// <summary>Online Elo, 1,000,000 matches among 10,000 string ids (a plain Python loop over (id, id, score) tuples with a
/// dict of ratings). Baseline: <c>Apply(MatchResult)</c> per match, two id lookups each; then the ids interned once per
/// table (<c>Add</c> per registry id) and the matches applied as indices.</summary>
[MemoryDiagnoser]
public class EloPeerBenchmarks
{
    private string[] _ids = [];
    private int[] _a = [], _b = [];
    private double[] _scores = [];
    private MatchResult[] _matches = [];

    [GlobalSetup]
    public void Setup()
    {
        (_ids, _a, _b, _scores) = PeerData.Matches();
        _matches = [.. _a.Select((a, j) => new MatchResult(_ids[a], _ids[_b[j]], _scores[j]))];
    }

    [Benchmark(Baseline = true, Description = "Apply(MatchResult) per match (string ids)")]
    public double PerMatch()
    {
        var table = new EloRatingTable();
        foreach (var m in _matches) table.Apply(m);
        return table.Rating(_ids[0]);
    }

    [Benchmark(Description = "ids interned once, ApplySequential(indices)")]
    public double Interned()
    {
        var table = new EloRatingTable();
        var index = new int[_ids.Length];
        for (int i = 0; i < _ids.Length; i++) index[i] = table.Add(_ids[i]);
        var a = new int[_a.Length];
        var b = new int[_b.Length];
        for (int j = 0; j < a.Length; j++) { a[j] = index[_a[j]]; b[j] = index[_b[j]]; }
        table.ApplySequential(a, b, _scores);
        return table.Rating(_ids[0]);
    }
}

