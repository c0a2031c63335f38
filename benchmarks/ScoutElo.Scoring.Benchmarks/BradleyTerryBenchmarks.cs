using BenchmarkDotNet.Attributes;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>Bradley–Terry on 1M matches among 100 nodes: the fit with sandwich intervals (baseline) and the fit plus 100
/// Poisson-bootstrap rounds.</summary>
[MemoryDiagnoser]
public class BradleyTerryBenchmarks
{
    private MatchResult[] _matches = [];

    [GlobalSetup]
    public void Setup()
    {
        const int Nodes = 100;
        var rng = new Random(9); // benchmark data only; fixed seed
        var strength = Enumerable.Range(0, Nodes).Select(_ => rng.NextDouble() * 3).ToArray();
        var ids = Enumerable.Range(0, Nodes).Select(i => "node-" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        _matches = [.. Enumerable.Range(0, 1_000_000).Select(_ =>
        {
            int i = rng.Next(Nodes), j = (i + 1 + rng.Next(Nodes - 1)) % Nodes;
            double p = 1 / (1 + Math.Exp(strength[j] - strength[i]));
            double u = rng.NextDouble();
            return new MatchResult(ids[i], ids[j], u < 0.1 ? 0.5 : u < 0.1 + (0.9 * p) ? 1 : 0);
        })];
    }

    [Benchmark(Baseline = true, Description = "fit + sandwich CIs")]
    public double FitSandwich() => BradleyTerry.Fit(_matches).Ratings[0].Rating;

    [Benchmark(Description = "fit + 100 bootstrap rounds")]
    public double FitBootstrap() => BradleyTerry.Fit(_matches, new BradleyTerryOptions { Intervals = IntervalMethod.Bootstrap, BootstrapRounds = 100 }).Ratings[0].Rating;
}
