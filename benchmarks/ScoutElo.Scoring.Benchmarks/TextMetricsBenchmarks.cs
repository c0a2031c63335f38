using BenchmarkDotNet.Attributes;
using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>ROUGE and token F1 on SummEval-length pairs: a 60-word summary against 11 references of about 60 words
/// (and against a 400-word source). The dynamic-programming LCS is the baseline for the bit-parallel ROUGE-L kernel.</summary>
[MemoryDiagnoser]
public class TextMetricsBenchmarks
{
    private string _summary = "";
    private string _source = "";
    private string[] _references = [];
    private int[] _a = [];
    private int[] _b = [];
    private readonly TextScratch _scratch = new();

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42); // benchmark data only; fixed seed
        string[] vocab = [.. Enumerable.Range(0, 900).Select(i => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        string Words(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => vocab[Math.Min(rng.Next(vocab.Length), rng.Next(vocab.Length))]));
        _source = Words(400);
        _summary = Words(60);
        _references = [.. Enumerable.Range(0, 11).Select(_ => Words(60))];
        var s = _scratch;
        var seg1 = s.Tokenize(_summary, WordTokenizerMode.Unicode, false);
        var seg2 = s.Tokenize(_references[0], WordTokenizerMode.Unicode, false);
        _a = s.Ids(seg1).ToArray();
        _b = s.Ids(seg2).ToArray();
    }

    [Benchmark(Baseline = true, Description = "LCS 60x60, DP reference")]
    public int LcsDynamicProgramming() => Lcs.Length(_a, _b);

    [Benchmark(Description = "LCS 60x60, bit-parallel")]
    public int LcsBitParallel() => _scratch.LcsLength(_a, _b);

    [Benchmark(Description = "ROUGE-L, 60 words vs 11 refs")]
    public double RougeL11() => TextMetrics.RougeL(_references, _summary).F;

    [Benchmark(Description = "ROUGE-1, 60 words vs 11 refs")]
    public double Rouge1x11() => TextMetrics.RougeN(_references, _summary, 1).F;

    [Benchmark(Description = "ROUGE-2, 60 words vs 400-word source")]
    public double Rouge2Source() => TextMetrics.RougeN(_source, _summary, 2).F;

    [Benchmark(Description = "ROUGE-L, 60 words vs 400-word source")]
    public double RougeLSource() => TextMetrics.RougeL(_source, _summary).F;

    [Benchmark(Description = "SQuAD F1, 60 words vs 11 refs")]
    public double SquadF1x11() => TextMetrics.SquadF1(_summary, _references);
}
