using ScoutElo.Scoring.ProofOfQuality;

namespace ScoutElo.Scoring.Tests.ProofOfQuality;

public sealed class NetworkSimulationTests
{
    [Fact]
    public void Default_seed_ranks_scouts_by_true_quality_and_underpays_malicious_evaluators()
    {
        var r = NetworkSimulation.Run();
        Assert.True(r.GroundTruthSpearman >= 0.8, $"Spearman {r.GroundTruthSpearman:0.000}");
        Assert.True(r.MaliciousRewardShare < r.MaliciousHeadcountShare, $"malicious share {r.MaliciousRewardShare:P1} vs headcount {r.MaliciousHeadcountShare:P1}");
        Assert.Equal(24, r.Leaderboard.Count);
        Assert.All(r.Leaderboard, e => Assert.InRange(e.Rating, e.Low, e.High));
        Assert.Equal(2000L * 1_000_000, r.Leaderboard.Sum(e => e.Reward)); // every round pays its node budget exactly
    }

    [Fact]
    public void Simulation_is_deterministic_by_seed()
    {
        var o = new NetworkSimulationOptions { Rounds = 120, Scouts = 8, Seed = 5 };
        var a = NetworkSimulation.Run(o);
        var b = NetworkSimulation.Run(o);
        Assert.Equal(a.Leaderboard, b.Leaderboard);
        Assert.Equal(a.GroundTruthSpearman, b.GroundTruthSpearman);
    }

    [Fact]
    public void Invalid_options_throw_naming_options() =>
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => NetworkSimulation.Run(new NetworkSimulationOptions { Scouts = 1 })).ParamName);
}
