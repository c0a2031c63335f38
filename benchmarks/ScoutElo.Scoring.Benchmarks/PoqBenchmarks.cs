using BenchmarkDotNet.Attributes;
using ScoutElo.Scoring.ProofOfQuality;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>Consensus over 15 evaluator scores per output for 1M outputs, one rule per benchmark; the mean is the baseline.
/// Outputs per second = 1M / Mean.</summary>
[MemoryDiagnoser]
public class PoqBenchmarks
{
    private const int Evaluators = 15;
    private const int Outputs = 1_000_000;
    private double[] _scores = [];
    private double[] _weights = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(5); // benchmark data only; fixed seed
        _scores = [.. Enumerable.Range(0, Outputs * Evaluators).Select(_ => rng.NextDouble())];
        _weights = [.. Enumerable.Range(0, Evaluators).Select(_ => 0.1 + rng.NextDouble())];
    }

    private readonly double[] _consensus = new double[Outputs];

    private double Run(AggregationRule rule)
    {
        Consensus.AggregateMany(rule, _scores, Evaluators, _consensus, _weights);
        return _consensus[^1];
    }

    [Benchmark(Description = "Median, one output at a time")]
    public double MedianPerOutput()
    {
        double sum = 0;
        var all = _scores.AsSpan();
        for (int o = 0; o < Outputs; o++) sum += Consensus.Median(all.Slice(o * Evaluators, Evaluators));
        return sum;
    }

    [Benchmark(Baseline = true)] public double Mean() => Run(AggregationRule.Mean);

    [Benchmark] public double Median() => Run(AggregationRule.Median);

    [Benchmark] public double TrimmedMean() => Run(AggregationRule.TrimmedMean);

    [Benchmark] public double WeightedMedian() => Run(AggregationRule.WeightedMedian);

    [Benchmark] public double TrustWeightedMean() => Run(AggregationRule.TrustWeightedMean);

    [Benchmark] public double KappaClipped() => Run(AggregationRule.KappaClipped);
}
