using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Tests.PropertyTests;

namespace ScoutElo.Scoring.Tests.ProofOfQuality;

/// <summary>Issue 11: for any allowed parameters, a node that lowers its quality at equal or lower cost never earns more.</summary>
public sealed class IncentiveProperties
{
    private static readonly Gen<double> Unit = Gen.Choose(0, 1000).Select(i => i / 1000.0);

    private static readonly Gen<NodeRewardRule> Rule = Gen.OneOf(
        Gen.Constant(NodeRewardRule.QualityGated),
        Gen.Zip(Gen.Zip(Gen.Choose(1, 1000).Select(i => i / 100.0), Gen.Choose(1, 100).Select(i => i / 100.0)), Unit)
            .Select(t => NodeRewardRule.CostAware(t.Item1.Item1, t.Item2 * NodeRewardRule.MaxSafeBeta(t.Item1.Item1, t.Item1.Item2), t.Item1.Item2)));

    private static readonly Gen<double[]> Units6 = Gen.Zip(Gen.Zip(Unit, Unit), Gen.Zip(Gen.Zip(Unit, Unit), Gen.Zip(Unit, Unit)))
        .Select(t => new[] { t.Item1.Item1, t.Item1.Item2, t.Item2.Item1.Item1, t.Item2.Item1.Item2, t.Item2.Item2.Item1, t.Item2.Item2.Item2 });

    private static readonly Gen<UInt128> Budget = Gen.OneOf(Gen.Choose(0, 1_000_000).Select(i => (UInt128)(uint)i), Gen.Constant(UInt128.MaxValue / 3), Gen.Constant((UInt128)1_000_000_000_000UL), Gen.Constant(UInt128.Parse("1000000000000000000000000", System.Globalization.CultureInfo.InvariantCulture)));

    private static UInt128 PayoutOfFirst(UInt128 budget, double share, double[] others)
    {
        var shares = others.Prepend(share).ToArray();
        var payouts = new UInt128[shares.Length];
        if (shares.Sum() == 0) return 0; // a round with no share withholds its budget
        Rewards.Split(budget, shares, payouts);
        return payouts[0];
    }

    [Property]
    public Property Lowering_quality_at_equal_or_lower_cost_never_earns_more() =>
        Prop.ForAll(Gen.Zip(Rule, Units6).ToArbitrary(), Gen.Zip(Budget, Unit.ArrayOf()).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkMoney, Generators.ShrinkArray)), (p, round) =>
        {
            var (rule, u) = p;
            var (q, drop, c, saving, w, passUnit) = (u[0], u[1], u[2], u[3], u[4], u[5]);
            var (budget, others) = round;
            double lowQ = q * (1 - drop);
            double lowC = c * (1 - saving);
            // The cost-aware rule promises this for drops of at least its resolution; the gated rule for every drop.
            if (rule.Kind == NodeRewardKind.CostAware && q - lowQ < rule.QualityResolution) lowQ = Math.Max(0, q - rule.QualityResolution);
            bool pass = passUnit < 0.9;
            double honest = rule.Share(q, c, pass, w);
            double cheat = rule.Share(lowQ, lowC, pass, w);
            Assert.True(cheat <= honest + 1e-12, $"{rule.Kind}: share {cheat} > {honest}");
            // In the paid round, with every other node fixed, the payout cannot rise either (integer rounding aside: within 1 unit).
            Assert.True(PayoutOfFirst(budget, cheat, others) <= PayoutOfFirst(budget, honest, others) + 1);
        });

    [Property]
    public Property Failing_the_health_check_earns_nothing_and_the_share_grows_with_quality() =>
        Prop.ForAll(Gen.Zip(Rule, Units6).ToArbitrary(), t =>
        {
            var (rule, u) = t;
            var (q, c, w) = (u[0], u[1], u[2]);
            Assert.Equal(0, rule.Share(q, c, false, w));
            Assert.True(rule.Share(Math.Min(1, q + 0.01), c, true, w) >= rule.Share(q, c, true, w));
        });

    [Property]
    public Property Serving_uniformly_worse_answers_can_only_fail_the_health_check_sooner() =>
        Prop.ForAll(Gen.Zip(Gen.Zip(Unit.ArrayOf(), Unit.ArrayOf()), Gen.Choose(0, 50).Select(i => i / 100.0)).Shrinking(x => Generators.ShrinkPair(x, y => Generators.ShrinkPair(y, Generators.ShrinkArray, Generators.ShrinkArray), Generators.ShrinkDouble)), t =>
        {
            var ((node, reference), shift) = t;
            int n = Math.Min(node.Length, reference.Length);
            var honest = new ClaimedModelHealthCheck();
            var worse = new ClaimedModelHealthCheck();
            for (int i = 0; i < n; i++)
            {
                honest.Record("n", node[i], reference[i]);
                worse.Record("n", Math.Max(0, node[i] - shift), reference[i]);
                if (!honest.Passes("n")) Assert.False(worse.Passes("n"), $"step {i}: the honest record fails but the uniformly worse one passes");
            }
        });

    [Fact]
    public void The_safe_region_is_exactly_beta_at_most_alpha_times_resolution()
    {
        Assert.Equal(0.05, NodeRewardRule.MaxSafeBeta(0.5, 0.1), 12);
        _ = NodeRewardRule.CostAware(0.5, 0.05, 0.1);
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => NodeRewardRule.CostAware(0.5, 0.0500001, 0.1)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => NodeRewardRule.CostAware(double.NaN, 0)).ParamName);
        Assert.Equal("qualityResolution", Assert.Throws<ArgumentOutOfRangeException>(() => NodeRewardRule.CostAware(1, 0, 0)).ParamName);
        // At the boundary, a drop of exactly δ with the largest possible saving breaks even — never gains.
        var rule = NodeRewardRule.CostAware(1, 0.1, 0.1);
        Assert.True(rule.Share(0.5, 0.0, true, 1) <= rule.Share(0.6, 1.0, true, 1) + 1e-12);
    }

    [Fact]
    public void Routing_weight_rises_with_rating_and_falls_with_deviation()
    {
        Assert.Equal(0.5, NodeRewardRule.RoutingWeight(1500, 0, 1500), 12);
        Assert.True(NodeRewardRule.RoutingWeight(1600, 50, 1500) > NodeRewardRule.RoutingWeight(1600, 100, 1500));
        Assert.True(NodeRewardRule.RoutingWeight(1700, 50, 1500) > NodeRewardRule.RoutingWeight(1600, 50, 1500));
        Assert.InRange(NodeRewardRule.RoutingWeight(1e300, 0, 0), 0, 1);
        Assert.Equal("deviation", Assert.Throws<ArgumentOutOfRangeException>(() => NodeRewardRule.RoutingWeight(1500, -1, 1500)).ParamName);
    }
}
