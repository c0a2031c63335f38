using BenchmarkDotNet.Attributes;
using ScoutElo.Scoring.Verification;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>The model-equality test, 200 against 200 answers of ~100 characters: the kernel matrix alone (one permutation,
/// the baseline) against the default 1,000 permutations. Target: under 2 s on one core.</summary>
[MemoryDiagnoser]
public class ModelEqualityBenchmarks
{
    private List<TextSample> _node = [];
    private List<TextSample> _reference = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(5); // benchmark data only; fixed seed
        string[] words = ["the", "answer", "is", "Paris", "in", "1901", "William", "Shakespeare", "wrote", "it", "around", "was", "founded", "by"];
        string Text() => string.Join(' ', Enumerable.Range(0, 14).Select(_ => words[rng.Next(words.Length)]));
        _node = [.. Enumerable.Range(0, 200).Select(i => new TextSample(Text(), $"q{i}"))];
        _reference = [.. Enumerable.Range(0, 200).Select(i => new TextSample(Text(), $"r{i}"))];
    }

    [Benchmark(Baseline = true)]
    public double KernelAndOnePermutation() => ModelEqualityTest.Run(_node, _reference, new ModelEqualityOptions { Permutations = 1 }).Statistic;

    [Benchmark]
    public double ThousandPermutations() => ModelEqualityTest.Run(_node, _reference).PValue;
}
