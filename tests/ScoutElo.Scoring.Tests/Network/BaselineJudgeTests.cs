using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Judging;
using ScoutElo.Scoring.Network;
using static ScoutElo.Scoring.Tests.Network.ScoutNetworkTests;

namespace ScoutElo.Scoring.Tests.Network;

/// <summary>Issue 37: baseline verdicts carry the judge's confidence, and under a calibrated policy only the verdicts it keeps
/// count in the health check, as the decisions they imply.</summary>
public sealed class BaselineJudgeTests
{
    private static JudgeThreshold Calibrated(double? threshold) =>
        new("gpt-judge", threshold, 200, 120, 0.9, threshold is null ? null : 0.14, threshold is null ? "no threshold passed" : null);

    /// <summary>Rounds of two nodes whose verdicts are drawn from the seed (probabilities, hard verdicts and ties).</summary>
    private static List<ObservedRound> Rounds(int seed, int count)
    {
        var rng = new Random(seed);
        double Verdict() => rng.Next(4) switch { 0 => 0.5, 1 => rng.Next(2), _ => Math.Round(rng.NextDouble(), 3) };
        return [.. Enumerable.Range(0, count).Select(i => Round($"r{i}",
            Answer("a", "n1") with { BaselineVerdicts = [.. Enumerable.Range(0, rng.Next(4)).Select(_ => Verdict() * 0.6)] },
            Answer("b", "n2") with { BaselineVerdicts = [.. Enumerable.Range(0, rng.Next(4)).Select(_ => Verdict())] }))];
    }

    [Property(MaxTest = 40)]
    public Property The_health_check_sees_exactly_the_verdicts_the_policy_keeps_as_decisions() =>
        Prop.ForAll(Gen.Choose(0, 10_000).ToArbitrary(), Gen.Elements(0.5, 0.55, 0.7, 0.85, 0.95, 1.0).ToArbitrary(), (seed, threshold) =>
        {
            var rounds = Rounds(seed, 24);
            var gated = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 4, BaselineJudge = Calibrated(threshold) });
            var reference = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 4 });
            foreach (var r in rounds)
            {
                gated.Submit(r);
                // The reference model: the policy applied by hand, each kept verdict replaced by its decision.
                reference.Submit(r with
                {
                    Responses = [.. r.Responses.Select(x => x with
                    {
                        BaselineVerdicts = [.. x.BaselineVerdicts.Where(v => v != 0.5 && Math.Max(v, 1 - v) >= threshold).Select(v => v > 0.5 ? 1.0 : 0.0)],
                    })],
                });
            }
            gated.Flush();
            reference.Flush();
            var expected = reference.Nodes().Select(n => (n.Node, n.JudgeVerdicts, n.Health, n.Reward)).ToList();
            Assert.Equal(expected, gated.Nodes().Select(n => (n.Node, n.JudgeVerdicts, n.Health, n.Reward)).ToList());
        });

    [Fact]
    public void A_judge_the_policy_cannot_trust_decides_no_health_check_and_a_trusted_one_still_fails_a_loser()
    {
        static ScoutNetwork Run(JudgeThreshold? judge)
        {
            var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1, BaselineJudge = judge });
            for (int i = 0; i < 9; i++)
                network.Submit(Round($"r{i}", Answer("a", "loser") with { BaselineVerdicts = [0.02] }, Answer("b", "peer") with { BaselineVerdicts = [0.6, 0.97] }));
            return network;
        }
        var ungated = Run(null).Nodes().ToDictionary(n => n.Node);
        Assert.Equal(HealthStatus.Fail, ungated["loser"].Health);

        var abstaining = Run(Calibrated(null)).Nodes().ToDictionary(n => n.Node);
        Assert.All(abstaining.Values, n => Assert.Equal(0, n.JudgeVerdicts));
        Assert.Equal(HealthStatus.Unknown, abstaining["loser"].Health);

        var trusted = Run(Calibrated(0.9)).Nodes().ToDictionary(n => n.Node);
        Assert.Equal((9, HealthStatus.Fail), (trusted["loser"].JudgeVerdicts, trusted["loser"].Health));
        Assert.Equal(9, trusted["peer"].JudgeVerdicts); // 0.6 is below the threshold, 0.97 counts
    }

    [Fact]
    public void The_policy_is_part_of_the_settlement_rules_and_an_invalid_threshold_is_refused()
    {
        string plain = new NetworkOptions().DescribeRules();
        Assert.DoesNotContain("baseline-judge", plain, StringComparison.Ordinal);
        Assert.EndsWith("; baseline-judge=(gpt-judge, 0.85)", new NetworkOptions { BaselineJudge = Calibrated(0.85) }.DescribeRules(), StringComparison.Ordinal);
        Assert.EndsWith("; baseline-judge=(gpt-judge, abstains)", new NetworkOptions { BaselineJudge = Calibrated(null) }.DescribeRules(), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoutNetwork(new NetworkOptions { BaselineJudge = Calibrated(1.5) }));
    }
}
