using BenchmarkDotNet.Attributes;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>Bradley–Terry on issue 23's battle log (1M matches among 100 nodes, 10% ties; the same log as
/// benchmarks/peers/bt_peers.py, which runs the arena's scikit-learn estimator with a 100-round bootstrap on it): the fit with
/// sandwich intervals (baseline), the fit plus 100 Poisson-bootstrap rounds, and the same with Davidson ties.</summary>
[MemoryDiagnoser]
public class BradleyTerryBenchmarks
{
    private MatchResult[] _matches = [];
    private PairwiseComparison[] _comparisons = [];

    [GlobalSetup]
    public void Setup()
    {
        _matches = PeerData.BattleLog();
        _comparisons = [.. _matches.Select(m => new PairwiseComparison(m.A, m.B, m.Score))];
    }

    [Benchmark(Baseline = true, Description = "fit + sandwich CIs")]
    public double FitSandwich() => BradleyTerry.Fit(_matches).Ratings[0].Rating;

    [Benchmark(Description = "fit + 100 bootstrap rounds")]
    public double FitBootstrap() => BradleyTerry.Fit(_matches, new BradleyTerryOptions { Intervals = IntervalMethod.Bootstrap, BootstrapRounds = 100 }).Ratings[0].Rating;

    [Benchmark(Description = "Davidson ties, fit + 100 bootstrap rounds")]
    public double DavidsonBootstrap() => BradleyTerry.Fit(_comparisons, new BradleyTerryOptions { Ties = TieModel.Davidson, Intervals = IntervalMethod.Bootstrap, BootstrapRounds = 100 }).Ratings[0].Rating;
}
