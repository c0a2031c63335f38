using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Simulation;
using ScoutElo.Scoring.Tests.PropertyTests;

namespace ScoutElo.Scoring.Tests.ProofOfQuality;

public sealed class ConsensusTests
{
    [Fact]
    public void Exact_small_cases_for_every_rule()
    {
        double[] s = [0.1, 0.9, 0.4, 0.5, 0.2];
        double[] w = [1, 1, 1, 1, 6];
        Assert.Equal(0.42, Consensus.Mean(s), 12);
        Assert.Equal(0.4, Consensus.Median(s), 12);
        Assert.Equal(0.45, Consensus.Median([0.4, 0.5]), 12);
        Assert.Equal((0.2 + 0.4 + 0.5) / 3, Consensus.TrimmedMean(s, 0.2), 12);   // floor(0.2·5) = 1 dropped per end
        Assert.Equal(0.2, Consensus.WeightedMedian(s, w), 12);                    // 0.1 (1) + 0.2 (6) reaches half of 10
        Assert.Equal(((0.1 + 0.9 + 0.4 + 0.5) + 1.2) / 10, Consensus.WeightedMean(s, w), 12);
        Assert.Equal(0.2, Consensus.KappaQuantile(s, w, 0.5), 12);                // scores ≥ 0.2 carry 9/10 ≥ ½; ≥ 0.4 only 3/10
        Assert.Equal(0.4, Consensus.KappaQuantile(s, default, 0.5), 12);           // equal weights: 3 of 5 are ≥ 0.4
        Span<double> clipped = stackalloc double[5];
        Assert.Equal(0.2, Consensus.KappaClip(s, w, clipped, 0.5), 12);
        Assert.Equal([0.1, 0.2, 0.2, 0.2, 0.2], clipped.ToArray());
    }

    private static readonly Gen<(double[] S, double[] W)> Panel =
        Gen.Choose(1, 40).SelectMany(n => Gen.Zip(Generators.UnitDouble.ArrayOf(n), Gen.Choose(1, 100).Select(i => i / 10.0).ArrayOf(n)));

    [Property]
    public Property Every_consensus_lies_within_min_and_max_and_ignores_order() =>
        Prop.ForAll(Panel.Shrinking(Generators.ShrinkParallel), p =>
        {
            var (s, w) = p;
            var perm = Enumerable.Range(0, s.Length).Reverse().ToArray();
            var s2 = perm.Select(i => s[i]).ToArray();
            var w2 = perm.Select(i => w[i]).ToArray();
            foreach (var rule in Enum.GetValues<AggregationRule>())
            {
                double c = Consensus.Aggregate(rule, s, w);
                Assert.InRange(c, s.Min(), s.Max());
                Assert.Equal(c, Consensus.Aggregate(rule, s2, w2), 1e-12);
            }
        });

    [Property]
    public Property Trimmed_mean_is_the_mean_of_the_sorted_middle_after_dropping_floor_of_fraction_times_n_per_end() =>
        Prop.ForAll(Gen.Zip(Panel, Gen.Choose(0, 49)).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkParallel, _ => [])), p =>
        {
            var (panel, percent) = p;
            double fraction = percent / 100.0;
            var sorted = panel.S.Order().ToArray();
            int k = (int)Math.Floor(fraction * sorted.Length);
            var middle = sorted[k..(sorted.Length - k)];
            Assert.Equal(middle.Average(), Consensus.TrimmedMean(panel.S, fraction), 1e-12);
        });

    [Property]
    public Property Median_and_kappa_consensus_stay_in_the_honest_range_when_less_than_half_the_weight_is_adversarial() =>
        Prop.ForAll(Gen.Zip(Gen.Zip(Gen.Choose(1, 20), Gen.Choose(0, 1)), Gen.Zip(Generators.UnitDouble, Generators.UnitDouble)).Shrinking(x => Generators.ShrinkPair(x, y => Generators.ShrinkPair(y, Generators.ShrinkToward(1), Generators.ShrinkToward(0)), y => Generators.ShrinkPair(y, Generators.ShrinkDouble, Generators.ShrinkDouble))), p =>
        {
            var ((honestCount, side), (lo, width)) = p;
            int attackers = honestCount - 1; // the most that is still less than half of the (equal) weight
            double a = Math.Min(lo, 1 - width), b = a + (width * (1 - a));
            var honest = Enumerable.Range(0, honestCount).Select(i => honestCount == 1 ? a : a + ((b - a) * i / (honestCount - 1))).ToArray();
            var scores = honest.Concat(Enumerable.Repeat(side == 0 ? 1e6 : -1e6, attackers)).ToArray();
            var weights = Enumerable.Repeat(1.0, scores.Length).ToArray();
            double min = honest.Min(), max = honest.Max();
            Assert.InRange(Consensus.Median(scores), min, max);
            Assert.InRange(Consensus.WeightedMedian(scores, weights), min, max);
            Assert.InRange(Consensus.KappaQuantile(scores, weights, 0.5), min, max);
        });

    [Fact]
    public void Bad_input_gives_clear_errors()
    {
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => Consensus.Mean([])).ParamName);
        Assert.Equal("scores", Assert.Throws<ArgumentOutOfRangeException>(() => Consensus.Median([0.1, double.NaN])).ParamName);
        Assert.Equal("scores", Assert.Throws<ArgumentOutOfRangeException>(() => Consensus.Median([double.PositiveInfinity])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentOutOfRangeException>(() => Consensus.WeightedMean([0.1, 0.2], [1, -1])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => Consensus.WeightedMedian([0.1, 0.2], [0, 0])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => Consensus.WeightedMean([0.1, 0.2], [1])).ParamName);
        Assert.Equal("fraction", Assert.Throws<ArgumentOutOfRangeException>(() => Consensus.TrimmedMean([0.1], 0.5)).ParamName);
        Assert.Equal("kappa", Assert.Throws<ArgumentOutOfRangeException>(() => Consensus.KappaQuantile([0.1], default, 0)).ParamName);
    }
}

public sealed class RewardsTests
{
    [Property]
    public Property Paid_rewards_always_sum_to_the_budget_and_are_never_negative() =>
        Prop.ForAll(Gen.Zip(Gen.Choose(0, 1_000_000), Gen.Choose(0, 1000).Select(i => i / 7.0).NonEmptyListOf()).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkToward(0), Generators.ShrinkList)), p =>
        {
            var (budget, shares) = p;
            var payouts = new UInt128[shares.Count];
            UInt128 withheld = Rewards.Split((uint)budget, [.. shares], payouts);
            Assert.Equal((UInt128)(uint)budget, payouts.SumMoney() + withheld);
        });

    [Fact]
    public void Ledger_pays_nodes_by_the_named_rule_and_accumulates()
    {
        var ledger = new RewardLedger();
        var nodes = new Dictionary<string, (double, double)> { ["a"] = (0.9, 1.0), ["b"] = (0.9, 0.0), ["c"] = (0.05, 1.0) };
        var round = ledger.PayNodes(1000, nodes, NodeRewardRule.CostAware(1.0, 0.1));
        Assert.Equal((UInt128)1000, round.Payouts.Values.SumMoney());
        Assert.True(round.Payouts["b"] > round.Payouts["a"]);
        Assert.Equal(UInt128.Zero, round.Payouts["c"]); // 0.05 − 0.1 < 0 earns nothing
        var gated = new RewardLedger().PayNodes(1000, nodes, NodeRewardRule.QualityGated);
        Assert.InRange((double)gated.Payouts["a"] - (double)gated.Payouts["b"], -1, 1); // the gated rule ignores cost (equal shares, up to the remainder unit)
        Assert.Equal("rule", Assert.Throws<ArgumentNullException>(() => ledger.PayNodes(10, nodes, null!)).ParamName);
        ledger.PayRound(10, new Dictionary<string, double> { ["a"] = 1 });
        Assert.Equal((UInt128)1010, ledger.TotalPaid);
        Assert.Equal(2, ledger.Rounds.Count);
    }

    [Fact]
    public void Ledger_bad_round_changes_nothing()
    {
        var ledger = new RewardLedger();
        ledger.PayRound(10, new Dictionary<string, double> { ["a"] = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.PayRound(10, new Dictionary<string, double> { ["a"] = 1, ["b"] = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.PayNodes(10, new Dictionary<string, (double, double)> { ["a"] = (1.5, 0) }, NodeRewardRule.QualityGated));
        Assert.Equal((UInt128)10, ledger.TotalPaid);
        Assert.Single(ledger.Rounds);
    }
}

public sealed class TrustModelTests
{
    [Fact]
    public void Update_moves_trust_by_the_documented_rule_new_evaluators_start_neutral()
    {
        var t = new TrustModel(new TrustOptions { LearningRate = 0.5, Tolerance = 0.1 });
        Assert.Equal(0.5, t.TrustOf("new"));
        t.Update([new("a", "o1", 0.5), new("b", "o1", 0.7)], new Dictionary<string, double> { ["o1"] = 0.5 });
        Assert.Equal(0.75, t.TrustOf("a"), 12);
        Assert.Equal((0.5 * 0.5) + (0.5 * Math.Exp(-4)), t.TrustOf("b"), 12);
    }

    [Fact]
    public void Failed_update_leaves_trust_unchanged()
    {
        var t = new TrustModel();
        t.Update([new("a", "o", 0.5)], new Dictionary<string, double> { ["o"] = 0.5 });
        string before = t.ToJson();
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Update([new("a", "o", 0.5), new("b", "o", double.NaN)], new Dictionary<string, double> { ["o"] = 0.5 }));
        Assert.Throws<ArgumentException>(() => t.Update([new("a", "o", 0.5), new("b", "unknown", 0.5)], new Dictionary<string, double> { ["o"] = 0.5 }));
        Assert.Throws<ArgumentException>(() => t.Update([new("a", "o", 0.5), new("a", "o", 0.4)], new Dictionary<string, double> { ["o"] = 0.5 }));
        Assert.Equal(before, t.ToJson());
    }

    [Property]
    public Property Trust_state_round_trips_exactly_through_json() =>
        Prop.ForAll(Generators.UnitDouble.ArrayOf().Shrinking(Generators.ShrinkArray), scores =>
        {
            var t = new TrustModel();
            for (int i = 0; i < scores.Length; i++) t.Update([new("e" + (i % 3), "o", scores[i])], new Dictionary<string, double> { ["o"] = 0.5 });
            var back = TrustModel.FromJson(t.ToJson());
            Assert.Equal(t.ToJson(), back.ToJson());
            foreach (var e in t.Evaluators) Assert.Equal(t.TrustOf(e), back.TrustOf(e));
        });

    [Fact]
    public void Constructor_bad_options_throw_naming_options() =>
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new TrustModel(new TrustOptions { LearningRate = 0 })).ParamName);
}

public sealed class AdversarySimulationTests
{
    [Fact]
    public void Under_30_percent_colluding_boosters_trust_halves_the_mean_error_and_attackers_earn_under_10_percent()
    {
        var mean = AdversarySimulation.Run(new AdversaryScenario { Rule = AggregationRule.Mean, Attack = AttackKind.Collude });
        var trust = AdversarySimulation.Run(new AdversaryScenario { Rule = AggregationRule.TrustWeightedMean, Attack = AttackKind.Collude });
        Assert.True(trust.Mae <= mean.Mae / 2, $"trust MAE {trust.Mae:0.000} vs mean {mean.Mae:0.000}");
        Assert.True(trust.AttackerRewardShare <= 0.10, $"attacker share {trust.AttackerRewardShare:P1}");
    }

    [Fact]
    public void Simulation_is_deterministic_by_seed() =>
        Assert.Equal(AdversarySimulation.Run(new AdversaryScenario { Rounds = 300, Seed = 3 }), AdversarySimulation.Run(new AdversaryScenario { Rounds = 300, Seed = 3 }));

    [Fact]
    public void Sweep_covers_every_combination_in_order()
    {
        var r = AdversarySimulation.Sweep(new AdversaryScenario { Rounds = 50 }, [0, 0.45], [3, 31], [AggregationRule.Mean, AggregationRule.KappaClipped], Enum.GetValues<AttackKind>());
        Assert.Equal(2 * 2 * 2 * 5, r.Count);
        Assert.All(r, x => Assert.InRange(x.AttackerRewardShare, 0, 1));
        Assert.Equal(0, r[0].Attackers);
    }

    [Fact]
    public void Invalid_scenario_throws_naming_scenario() =>
        Assert.Equal("scenario", Assert.Throws<ArgumentOutOfRangeException>(() => AdversarySimulation.Run(new AdversaryScenario { MaliciousFraction = 1.2 })).ParamName);
}

public sealed class ConsensusBatchTests
{
    /// <summary>Shrinks (panel size, scores) by dropping whole panels, so the scores stay a multiple of the panel size.</summary>
    private static IEnumerable<(int, double[])> ShrinkPanels((int E, double[] Scores) t) =>
        Generators.ShrinkArray(t.Scores.Chunk(t.E).ToArray()).Select(panels => (t.E, panels.SelectMany(x => x).ToArray()));

    [Property]
    public Property AggregateMany_equals_Aggregate_per_output_for_every_rule_and_panel_size() =>
        Prop.ForAll(Gen.Zip(Gen.Choose(1, 20), Gen.Choose(0, 9)).SelectMany(p => Generators.UnitDouble.ArrayOf(p.Item1 * p.Item2).Select(s => (p.Item1, s))).Shrinking(ShrinkPanels), t =>
        {
            var (e, scores) = t;
            int outputs = scores.Length / e;
            var weights = Enumerable.Range(0, e).Select(i => 1.0 + i).ToArray();
            foreach (var rule in Enum.GetValues<AggregationRule>())
            {
                var dst = new double[outputs];
                Consensus.AggregateMany(rule, scores, e, dst, weights);
                for (int o = 0; o < outputs; o++) Assert.Equal(Consensus.Aggregate(rule, scores.AsSpan(o * e, e), weights), dst[o], 1e-12);
            }
        });

    [Fact]
    public void AggregateMany_bad_input_writes_nothing()
    {
        var dst = new[] { 7.0, 7.0 };
        Assert.Throws<ArgumentOutOfRangeException>(() => Consensus.AggregateMany(AggregationRule.Median, [0.1, 0.2, 0.3, double.NaN], 2, dst));
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => Consensus.AggregateMany(AggregationRule.Median, [0.1, 0.2, 0.3], 2, dst)).ParamName);
        Assert.Equal([7.0, 7.0], dst);
    }

    [Theory]
    [InlineData(0, double.NaN)]                      // in the first vector block
    [InlineData(13, double.PositiveInfinity)]        // in the second block
    [InlineData(17, double.NegativeInfinity)]        // in the scalar tail
    public void Mean_batch_rejects_a_non_finite_score_anywhere_and_writes_nothing(int at, double bad)
    {
        var scores = Enumerable.Range(0, 18).Select(i => i / 20.0).ToArray(); // 9 outputs of 2: one 8-output block + a tail
        scores[at] = bad;
        var dst = Enumerable.Repeat(7.0, 9).ToArray();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Consensus.AggregateMany(AggregationRule.Mean, scores, 2, dst));
        Assert.Equal("scores", ex.ParamName);
        Assert.All(dst, d => Assert.Equal(7.0, d));
    }

    [Fact]
    public void Mean_batch_of_identical_scores_is_exactly_that_score()
    {
        var scores = Enumerable.Repeat(0.1, 15 * 11).ToArray(); // 0.1 summed 15 times is not 1.5 exactly; the clamp restores 0.1
        var dst = new double[11];
        Consensus.AggregateMany(AggregationRule.Mean, scores, 15, dst);
        Assert.All(dst, d => Assert.Equal(0.1, d));
    }
}
