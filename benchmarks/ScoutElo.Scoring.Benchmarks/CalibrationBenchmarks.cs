using BenchmarkDotNet.Attributes;
using ScoutElo.Scoring.Calibration;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>The calibration audit: bootstrap 95% CIs of Pearson for 6 dimensions × 100k items with 1,000 resamples.
/// The naive baseline resamples each dimension separately into fresh arrays and calls MathNet's Pearson; the library
/// draws one index stream per resample, feeds all six co-moment accumulators from it, and runs resamples in parallel.</summary>
[MemoryDiagnoser]
public class CalibrationBenchmarks
{
    private double[][] _columns = [];
    private double[] _labels = [];

    [Params(100_000)] public int Items { get; set; }

    [Params(1_000)] public int Resamples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(11); // benchmark data only; fixed seed
        _labels = [.. Enumerable.Range(0, Items).Select(_ => rng.NextDouble())];
        _columns = [.. Enumerable.Range(0, 6).Select(d => _labels.Select(y => (0.3 * d * y) + rng.NextDouble()).ToArray())];
    }

    [Benchmark(Baseline = true, Description = "naive: per dimension, arrays + MathNet")]
    public double Naive()
    {
        double last = 0;
        var x = new double[Items];
        var y = new double[Items];
        foreach (var column in _columns)
        {
            var r = new double[Resamples];
            for (int b = 0; b < Resamples; b++)
            {
                var rng = new Random(b);
                for (int k = 0; k < Items; k++)
                {
                    int i = rng.Next(Items);
                    x[k] = column[i];
                    y[k] = _labels[i];
                }
                r[b] = MathNet.Numerics.Statistics.Correlation.Pearson(x, y);
            }
            Array.Sort(r);
            last = r[(int)(0.025 * Resamples)];
        }
        return last;
    }

    [Benchmark(Description = "ScoutElo: shared resamples, co-moments, parallel")]
    public double Library() => Bootstrap.PearsonIntervals(_columns, _labels, Resamples, 1)[^1]!.Value.Low;
}
