using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Internal;
using ScoutElo.Scoring.Tests.PropertyTests;
using ScoutElo.Scoring.Verification;

namespace ScoutElo.Scoring.Tests.Verification;

/// <summary>Issue 35: the DiFR-style sequential test: its false-alarm rate, its power, and that it accumulates exactly.</summary>
public sealed class SequentialTokenTestTests
{
    /// <summary>Seeded evidence: each token's margin is −<paramref name="margin"/> with probability <paramref name="flip"/>, else 0.</summary>
    internal static (TokenEvidence Node, ReferenceEvidence Reference) Seeded(int n, double flip, double margin, ref Xoshiro256 rng)
    {
        var ids = new int[n];
        var margins = new double[n];
        for (int i = 0; i < n; i++)
        {
            ids[i] = rng.NextInt(1000);
            if (rng.NextDouble() < flip) margins[i] = -margin;
        }
        var lp = Enumerable.Repeat(-0.1, n).ToArray();
        return (new TokenEvidence { TokenIds = ids, Logprobs = lp, Sampling = new SamplingParameters { Temperature = 0.7, Seed = 7 } },
            new ReferenceEvidence { TokenIds = ids, Logprobs = lp, Ranks = Enumerable.Repeat(1, n).ToArray(), Margins = margins });
    }

    [Fact]
    public void Honest_nodes_at_the_boundary_of_the_null_are_flagged_at_most_at_the_stated_rate()
    {
        // The hardest honest node the model allows: every token a full mismatch (statistic 1) with probability exactly μ0 = 0.02.
        var test = new SequentialTokenTest();
        var rng = new Xoshiro256(2026);
        int flagged = 0, nodes = 2000;
        for (int k = 0; k < nodes; k++)
        {
            var state = default(SequentialTestState);
            for (int round = 0; round < 40; round++)
            {
                var (node, reference) = Seeded(50, 0.02, 1.0, ref rng);
                state = test.Update(state, node, reference);
            }
            if (test.Verdict(state).Outcome == VerificationOutcome.Fail) flagged++;
        }
        // α = 0.001 over 2,000 nodes: 2 expected at most; 8 or more has probability below 0.1% even at the bound.
        Assert.True(flagged < 8, $"{flagged} of {nodes} honest nodes flagged");
    }

    [Fact]
    public void A_quantized_model_is_flagged_within_a_few_hundred_tokens()
    {
        var test = new SequentialTokenTest();
        var rng = new Xoshiro256(11);
        var state = default(SequentialTestState);
        int rounds = 0;
        while (test.Verdict(state).Outcome != VerificationOutcome.Fail && rounds < 100)
        {
            var (node, reference) = Seeded(30, 0.06, 0.3, ref rng);
            state = test.Update(state, node, reference);
            rounds++;
        }
        Assert.Equal(VerificationOutcome.Fail, test.Verdict(state).Outcome);
        Assert.True(state.Tokens <= 1500, $"flagged after {state.Tokens} tokens");
        Assert.Contains("rejects the claimed model", test.Verdict(state).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_verdict_is_unknown_before_enough_tokens_and_pass_after()
    {
        var test = new SequentialTokenTest(new SequentialTestOptions { MinTokens = 100 });
        var rng = new Xoshiro256(3);
        var (node, reference) = Seeded(60, 0, 0, ref rng);
        var once = test.Update(default, node, reference);
        Assert.Equal(VerificationOutcome.Unknown, test.Verdict(once).Outcome);
        var twice = test.Update(once, node, reference);
        Assert.Equal(VerificationOutcome.Pass, test.Verdict(twice).Outcome);
        Assert.Equal(0.0, twice.LogEValue); // no evidence against: the bet stays 0 and the e-value 1
        ITokenVerifier[] verifiers = [test, .. TokenRulePolicy.Presets.Values]; // one interface for every token verifier
        Assert.Equal(test.Verdict(once), verifiers[0].Verify(node, reference)); // one response alone
        Assert.Equal(["difr-sequential-v1", "sn1-apex-v1", "sn19-v1", "targon-v5"], verifiers.Select(v => v.Name));
        Assert.Equal("state", Assert.Throws<ArgumentException>(() => test.Update(new SequentialTestState(-1, 0, 0, 0), node, reference)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new SequentialTokenTest(new SequentialTestOptions { Alpha = 0 })).ParamName);
    }

    [Property(MaxTest = 60)]
    public Property Evidence_split_over_rounds_accumulates_exactly_as_one_round() =>
        Prop.ForAll(Gen.Zip(Gen.Zip(Gen.Choose(1, 80), Gen.Choose(1, 80)), Gen.Choose(0, 100_000))
            .Shrinking(t => Generators.ShrinkPair(t, p => Generators.ShrinkPair(p, Generators.ShrinkToward(1), Generators.ShrinkToward(1)), Generators.ShrinkToward(0))), t =>
        {
            var ((a, b), seed) = t;
            var rng = new Xoshiro256((ulong)seed);
            var (n1, r1) = Seeded(a, 0.2, 0.5, ref rng);
            var (n2, r2) = Seeded(b, 0.2, 0.5, ref rng);
            var test = new SequentialTokenTest();
            var split = test.Update(test.Update(default, n1, r1), n2, r2);
            var joined = test.Update(default, n1 with { TokenIds = [.. n1.TokenIds, .. n2.TokenIds], Logprobs = [.. n1.Logprobs, .. n2.Logprobs] },
                r1 with { TokenIds = [.. r1.TokenIds, .. r2.TokenIds], Logprobs = [.. r1.Logprobs, .. r2.Logprobs], Ranks = [.. r1.Ranks, .. r2.Ranks], Margins = [.. r1.Margins!, .. r2.Margins!] });
            Assert.Equal(joined, split);
            Assert.True(split.IsValid);
            Assert.True(split.PeakLogEValue >= split.LogEValue);
        });

    [Property(MaxTest = 60)]
    public Property Once_failed_a_node_stays_failed_whatever_evidence_follows() =>
        Prop.ForAll(Gen.Zip(Gen.Choose(1, 30), Gen.Choose(0, 100_000))
            .Shrinking(t => Generators.ShrinkPair(t, Generators.ShrinkToward(1), Generators.ShrinkToward(0))), t =>
        {
            var (rounds, seed) = t;
            var rng = new Xoshiro256((ulong)seed);
            var test = new SequentialTokenTest();
            var state = default(SequentialTestState);
            while (test.Verdict(state).Outcome != VerificationOutcome.Fail)
            {
                var (n, r) = Seeded(40, 0.5, 1, ref rng);
                state = test.Update(state, n, r);
            }
            for (int i = 0; i < rounds; i++)
            {
                var (n, r) = Seeded(40, 0, 0, ref rng); // perfectly honest-looking evidence afterwards
                state = test.Update(state, n, r);
                Assert.Equal(VerificationOutcome.Fail, test.Verdict(state).Outcome);
            }
        });

    [Fact]
    public void Without_a_shared_seed_the_log_probabilities_and_greedy_ranks_decide()
    {
        var test = new SequentialTokenTest();
        int[] ids = [.. Enumerable.Range(0, 400)];
        var reference = new ReferenceEvidence { TokenIds = ids, Logprobs = [.. ids.Select(_ => Math.Log(0.5))], Ranks = [.. ids.Select(_ => 1)] };
        var noisy = new TokenEvidence { TokenIds = ids, Logprobs = [.. ids.Select(i => Math.Log(0.5) + (i % 2 == 0 ? 0.002 : -0.002))] };
        Assert.Equal(VerificationOutcome.Pass, test.Verdict(test.Update(default, noisy, reference)).Outcome); // hardware noise: |Δp| ≈ 0.001
        var shifted = new TokenEvidence { TokenIds = ids, Logprobs = [.. ids.Select(i => Math.Log(0.5) + (i % 2 == 0 ? 0.3 : -0.3))] };
        Assert.Equal(VerificationOutcome.Fail, test.Verdict(test.Update(default, shifted, reference)).Outcome); // |Δp| ≈ 0.15: statistic 1
        var greedy = new TokenEvidence { TokenIds = ids, Logprobs = reference.Logprobs, Sampling = new SamplingParameters { Temperature = 0 } };
        var offTop = reference with { Ranks = [.. ids.Select(i => i % 5 == 0 ? 2 : 1)] };
        Assert.Equal(VerificationOutcome.Fail, test.Verdict(test.Update(default, greedy, offTop)).Outcome); // greedy decoding never picks rank 2
    }
}
