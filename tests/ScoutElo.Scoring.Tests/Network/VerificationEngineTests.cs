using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Internal;
using ScoutElo.Scoring.Tests.PropertyTests;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Tests.Verification;
using ScoutElo.Scoring.Verification;
using static ScoutElo.Scoring.Tests.ObservedTraffic;

namespace ScoutElo.Scoring.Tests.Network;

/// <summary>Issue 35: the engine treats a failed verification as a failed health check and keeps its statistics exactly.</summary>
public sealed class VerificationEngineTests
{
    private static Dictionary<string, double> Scores(double v) => new() { ["e1"] = v, ["e2"] = v };

    /// <summary>Rounds of two nodes with equal quality; every response carries seeded token evidence, the substitute's with
    /// mismatches at <paramref name="flip"/>.</summary>
    private static List<ObservedRound> Rounds(int count, double flip, int seed = 5)
    {
        var rng = new Xoshiro256((ulong)seed);
        var rounds = new List<ObservedRound>();
        for (int t = 0; t < count; t++)
        {
            var (hn, hr) = SequentialTokenTestTests.Seeded(40, 0.005, 0.01, ref rng);
            var (sn, sr) = SequentialTokenTestTests.Seeded(40, flip, 0.5, ref rng);
            rounds.Add(Round($"r{t}",
                Answer($"r{t}/honest", "honest", Scores(0.8)) with { Tokens = hn, Reference = hr },
                Answer($"r{t}/sub", "sub", Scores(0.8)) with { Tokens = sn, Reference = sr }));
        }
        return rounds;
    }

    [Fact]
    public void A_node_whose_tokens_reject_its_claimed_model_fails_its_health_check_and_is_not_paid_after()
    {
        var net = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 10 });
        var periods = Rounds(60, 0.3).Select(r => net.Submit(r).Settlement).Where(p => p is not null).ToList();
        var sub = net.Standing("sub");
        var honest = net.Standing("honest");
        Assert.Equal(HealthStatus.Fail, sub.Health);
        Assert.Equal(VerificationOutcome.Fail, sub.Verification.Outcome);
        Assert.Contains("rejects the claimed model", sub.Verification.Reason, StringComparison.Ordinal);
        Assert.True(sub.Verification.EValue >= 1000);
        Assert.Equal(VerificationOutcome.Pass, honest.Verification.Outcome);
        Assert.NotEqual(HealthStatus.Fail, honest.Health);
        // The last period: the substitute earns nothing and loses every match.
        var last = periods[^1]!;
        Assert.All(last.Rounds, r => Assert.Equal(UInt128.Zero, r.NodePayouts.GetValueOrDefault("sub")));
        Assert.True(honest.Reward > 4 * sub.Reward);
    }

    [Fact]
    public void Verification_statistics_round_trip_exactly_and_survive_a_restart()
    {
        var store = new InMemoryNetworkStateStore();
        var net = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 10 }, store);
        var rounds = Rounds(40, 0.1);
        foreach (var r in rounds.Take(20)) net.Submit(r);
        var restarted = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 10 }, new InMemoryNetworkStateStore(net.ExportSnapshot()));
        Assert.Equal(net.Standing("sub").Verification, restarted.Standing("sub").Verification);
        foreach (var r in rounds.Skip(20)) { net.Submit(r); restarted.Submit(r); }
        Assert.Equal(net.ExportSnapshot().ToJson(), restarted.ExportSnapshot().ToJson());
        string json = net.ExportSnapshot().ToJson();
        Assert.Equal(json, NetworkSnapshot.FromJson(json).ToJson());
        Assert.Contains("\"verification\":{\"tokens\":", json, StringComparison.Ordinal);
    }

    [Property(MaxTest = 25)]
    public Property The_snapshot_round_trips_verification_exactly_and_a_failed_node_is_never_paid_again() =>
        Prop.ForAll(Gen.Zip(Gen.Zip(Gen.Choose(1, 40), Gen.Choose(0, 60)), Gen.Choose(0, 10_000))
            .Shrinking(t => Generators.ShrinkPair(t, p => Generators.ShrinkPair(p, Generators.ShrinkToward(1), Generators.ShrinkToward(0)), Generators.ShrinkToward(0))), t =>
        {
            var ((count, flipPercent), seed) = t;
            var net = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 5 });
            bool failedBefore = false;
            foreach (var r in Rounds(count, flipPercent / 100.0, seed))
            {
                var period = net.Submit(r).Settlement;
                if (period is not null && failedBefore)
                    Assert.All(period.Rounds, x => Assert.Equal(UInt128.Zero, x.NodePayouts.GetValueOrDefault("sub")));
                if (period is not null) failedBefore = net.Standing("sub").Verification.Outcome == VerificationOutcome.Fail;
            }
            net.Flush();
            string json = net.ExportSnapshot().ToJson();
            var back = NetworkSnapshot.FromJson(json);
            Assert.Equal(json, back.ToJson());
            var restored = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 5 }, new InMemoryNetworkStateStore(back));
            Assert.Equal(net.Standing("sub"), restored.Standing("sub"));
            Assert.Equal(net.Standing("honest"), restored.Standing("honest"));
        });

    [Fact]
    public void A_rule_policy_fails_single_responses_and_says_why()
    {
        var net = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1, Verification = new VerificationOptions { RulePolicy = TokenRulePolicy.TargonV5 } });
        var ids = new[] { 1, 2, 3, 4 };
        var good = new ReferenceEvidence { TokenIds = ids, Logprobs = [-0.1, -0.1, -0.1, -0.1], Ranks = [1, 1, 1, 1] };
        var tokens = new TokenEvidence { TokenIds = ids, Logprobs = [-0.1, -0.1, -0.1, -0.1] };
        var p = net.Submit(Round("r1",
            Answer("a", "honest", Scores(0.8)) with { Tokens = tokens, Reference = good },
            Answer("b", "cheat", Scores(0.8)) with { Tokens = tokens, Reference = good with { Ranks = [1, 90, 1, 1] } })).Settlement!;
        var b = p.Rounds[0].Responses.Single(x => x.ResponseId == "b");
        Assert.False(b.PassesHealthCheck);
        Assert.Equal(VerificationOutcome.Fail, b.Verification!.Outcome);
        Assert.Equal(UInt128.Zero, b.Reward);
        Assert.Equal(VerificationOutcome.Pass, p.Rounds[0].Responses.Single(x => x.ResponseId == "a").Verification!.Outcome);
        var v = net.Standing("cheat").Verification;
        Assert.Equal((1L, 1L), (v.RuleChecks, v.RuleFailures));
        Assert.Contains("targon-v5 on 'b'", v.Reason, StringComparison.Ordinal);
        Assert.Contains("verification=", net.Options.DescribeRules(), StringComparison.Ordinal);
        Assert.DoesNotContain("verification=", new NetworkOptions().DescribeRules(), StringComparison.Ordinal); // old states keep their rules line
    }

    [Fact]
    public void Bad_evidence_names_the_round_the_response_and_the_field_and_changes_nothing()
    {
        var net = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 });
        var before = net.ExportSnapshot().ToJson();
        var tokens = new TokenEvidence { TokenIds = [1, 2], Logprobs = [-0.1, 0.3] };
        var e = Assert.Throws<ArgumentException>(() => net.Submit(Round("r9", Answer("x", "n", Scores(0.5)) with { Tokens = tokens })));
        Assert.Contains("Round 'r9': responses[0] ('x').tokens.logprobs[1] = 0.3 is positive", e.Message, StringComparison.Ordinal);
        Assert.Equal("round", e.ParamName);
        var orphan = Assert.Throws<ArgumentException>(() => net.Submit(Round("r9", Answer("x", "n", Scores(0.5)) with
        {
            Reference = new ReferenceEvidence { TokenIds = [1], Logprobs = [-1], Ranks = [1] },
        })));
        Assert.Contains("reference evidence needs the node's token evidence", orphan.Message, StringComparison.Ordinal);
        Assert.Equal(before, net.ExportSnapshot().ToJson());
        Assert.False(net.Contains("r9"));
    }

    [Fact]
    public void A_schema_1_snapshot_still_loads_and_has_no_verification()
    {
        var s = NetworkSnapshot.FromJson("{\"schema\":1,\"periods\":1,\"roundsSettled\":1,\"nodes\":[{\"id\":\"n\",\"responses\":1}],\"settledRounds\":[\"a\"]}");
        var net = new ScoutNetwork(null, new InMemoryNetworkStateStore(s));
        Assert.Equal(VerificationOutcome.Unknown, net.Standing("n").Verification.Outcome);
        Assert.Equal(0, net.Standing("n").Verification.Tokens);
    }
}
