using System.Text.Json;
using System.Text.RegularExpressions;
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

/// <summary>The library's Kendall τ-b before issue 25, kept as the benchmark baseline.</summary>
internal static class OldKendall
{
    public static double? TauB(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        if (n < 3) return null;
        var idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        var xs = x.ToArray();
        var ys = y.ToArray();
        Array.Sort(idx, (a, b) => xs[a] != xs[b] ? xs[a].CompareTo(xs[b]) : ys[a].CompareTo(ys[b]));
        long n1 = 0, n3 = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && xs[idx[j]] == xs[idx[i]]) j++;
            n1 += (long)(j - i) * (j - i - 1) / 2;
            for (int k = i; k < j;)
            {
                int m = k;
                while (m < j && ys[idx[m]] == ys[idx[k]]) m++;
                n3 += (long)(m - k) * (m - k - 1) / 2;
                k = m;
            }
            i = j;
        }
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = ys[idx[i]];
        long swaps = MergeCount(v, new double[n], 0, n);
        long n2 = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && v[j] == v[i]) j++;
            n2 += (long)(j - i) * (j - i - 1) / 2;
            i = j;
        }
        long n0 = (long)n * (n - 1) / 2;
        double denom = Math.Sqrt((double)(n0 - n1) * (n0 - n2));
        return denom <= 0 ? null : Math.Clamp((n0 - n1 - n2 + n3 - (2.0 * swaps)) / denom, -1, 1);
    }

    private static long MergeCount(double[] v, double[] tmp, int lo, int hi)
    {
        if (hi - lo < 2) return 0;
        int mid = (lo + hi) >>> 1;
        long swaps = MergeCount(v, tmp, lo, mid) + MergeCount(v, tmp, mid, hi);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi)
        {
            if (v[j] < v[i]) { swaps += mid - i; tmp[k++] = v[j++]; }
            else tmp[k++] = v[i++];
        }
        while (i < mid) tmp[k++] = v[i++];
        while (j < hi) tmp[k++] = v[j++];
        Array.Copy(tmp, lo, v, lo, hi - lo);
        return swaps;
    }
}

/// <summary>The library's bootstrap before issue 25 (item-major layout, a gather and six sums per draw), the baseline.</summary>
internal static class OldBootstrap
{
    public static (double Low, double High)?[] PearsonIntervals(double[][] columns, double[] y, int resamples, ulong seed)
    {
        int p = columns.Length, n = y.Length;
        double yMean = y.Sum() / Math.Max(n, 1);
        var yc = y.Select(v => v - yMean).ToArray();
        var x = new double[n * p];
        for (int d = 0; d < p; d++)
        {
            double mean = columns[d].Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Average();
            for (int i = 0; i < n; i++) x[(i * p) + d] = columns[d][i] - mean;
        }
        var r = new double[p][];
        for (int d = 0; d < p; d++) r[d] = new double[resamples];
        Parallel.For(0, resamples, () => new double[6 * p], (b, _, acc) =>
        {
            Array.Clear(acc);
            var rng = new Xoshiro256(Seeds.Derive(seed, (ulong)b));
            for (int k = 0; k < n; k++)
            {
                int i = OldNextInt(ref rng, n);
                double yi = yc[i];
                int row = i * p;
                for (int d = 0; d < p; d++)
                {
                    double xv = x[row + d];
                    if (double.IsNaN(xv)) continue;
                    int o = 6 * d;
                    acc[o] += 1;
                    acc[o + 1] += xv;
                    acc[o + 2] += yi;
                    acc[o + 3] += xv * xv;
                    acc[o + 4] += yi * yi;
                    acc[o + 5] += xv * yi;
                }
            }
            for (int d = 0; d < p; d++)
            {
                int o = 6 * d;
                double c = acc[o];
                double sxx = acc[o + 3] - (acc[o + 1] * acc[o + 1] / Math.Max(c, 1));
                double syy = acc[o + 4] - (acc[o + 2] * acc[o + 2] / Math.Max(c, 1));
                double sxy = acc[o + 5] - (acc[o + 1] * acc[o + 2] / Math.Max(c, 1));
                r[d][b] = c < 3 || sxx <= 0 || syy <= 0 ? double.NaN : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
            }
            return acc;
        }, _ => { });
        var result = new (double, double)?[p];
        for (int d = 0; d < p; d++)
        {
            var valid = r[d].Where(v => !double.IsNaN(v)).ToArray();
            if (valid.Length < resamples / 2) continue;
            Array.Sort(valid);
            result[d] = (Stats.Quantile(valid, 0.025), Stats.Quantile(valid, 0.975));
        }
        return result;
    }

    /// <summary>The bounded draw before issue 25: a 64-bit division for the threshold on every call.</summary>
    private static int OldNextInt(ref Xoshiro256 rng, int maxExclusive)
    {
        ulong bound = (ulong)maxExclusive;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            UInt128 m = (UInt128)rng.NextUInt64() * bound;
            if ((ulong)m >= threshold) return (int)(m >> 64);
        }
    }
}

/// <summary>The library's sentence BLEU before issue 25 (regex 13a, dictionaries), the baseline.</summary>
internal static partial class OldBleu
{
    [GeneratedRegex(@"([\{-\~\[-\` -\&\(-\+\:-\@\/])", RegexOptions.CultureInvariant)]
    private static partial Regex Symbols();

    [GeneratedRegex(@"([^0-9])([\.,])", RegexOptions.CultureInvariant)]
    private static partial Regex After();

    [GeneratedRegex(@"([\.,])([^0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Before();

    [GeneratedRegex(@"([0-9])(-)", RegexOptions.CultureInvariant)]
    private static partial Regex Dash();

    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\xa0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];

    private static string Tokenize(string line)
    {
        line = line.Replace("<skipped>", "", StringComparison.Ordinal).Replace("-\n", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        line = " " + line + " ";
        line = Symbols().Replace(line, " $1 ");
        line = After().Replace(line, "$1 $2 ");
        line = Before().Replace(line, " $1 $2");
        return Dash().Replace(line, "$1 $2 ");
    }

    private static TextScratch.Segment Tokens(TextScratch s, string text)
    {
        string t = Tokenize(text);
        int start = s.IdLength;
        foreach (var range in t.AsSpan().SplitAny(Whitespace))
        {
            if (range.End.Value > range.Start.Value) s.OnToken(t.AsSpan(range));
        }
        return new TextScratch.Segment(start, s.IdLength - start);
    }

    public static double Sentence(string hypothesis, string[] references)
    {
        var s = TextScratch.Rent();
        try
        {
            var hyp = Tokens(s, hypothesis);
            int closestDiff = int.MaxValue, closestLen = int.MaxValue;
            var refSegs = new TextScratch.Segment[references.Length];
            for (int r = 0; r < references.Length; r++)
            {
                refSegs[r] = Tokens(s, references[r]);
                int diff = Math.Abs(hyp.Length - refSegs[r].Length);
                if (diff < closestDiff || (diff == closestDiff && refSegs[r].Length < closestLen)) { closestDiff = diff; closestLen = refSegs[r].Length; }
            }
            var correct = new long[4];
            var total = new long[4];
            var maxRef = new Dictionary<int, int>();
            var cur = new Dictionary<int, int>();
            for (int n = 1; n <= 4; n++)
            {
                maxRef.Clear();
                foreach (var seg in refSegs)
                {
                    cur.Clear();
                    int c = s.NgramIds(seg, n, 0);
                    foreach (int id in s.NgramBuffer(0, c)) cur[id] = cur.GetValueOrDefault(id) + 1;
                    foreach (var (id, count) in cur)
                    {
                        if (count > maxRef.GetValueOrDefault(id)) maxRef[id] = count;
                    }
                }
                cur.Clear();
                int hc = s.NgramIds(hyp, n, 0);
                foreach (int id in s.NgramBuffer(0, hc)) cur[id] = cur.GetValueOrDefault(id) + 1;
                foreach (var (id, count) in cur) correct[n - 1] += Math.Min(count, maxRef.GetValueOrDefault(id));
                total[n - 1] += hc;
            }
            if (hyp.Length == 0) return 0;
            double logSum = 0, smooth = 1;
            int eff = 4;
            for (int n = 1; n <= 4; n++)
            {
                if (total[n - 1] == 0) break;
                eff = n;
                double prec;
                if (correct[n - 1] == 0) { smooth *= 2; prec = 100.0 / (smooth * total[n - 1]); }
                else prec = 100.0 * correct[n - 1] / total[n - 1];
                logSum += Math.Log(prec);
            }
            double bp = hyp.Length >= closestLen ? 1 : Math.Exp(1.0 - ((double)closestLen / hyp.Length));
            return Math.Min(100, bp * Math.Exp(logSum / eff));
        }
        finally
        {
            TextScratch.Return(s);
        }
    }
}
