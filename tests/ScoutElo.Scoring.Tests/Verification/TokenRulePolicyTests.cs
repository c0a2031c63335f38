using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Internal;
using ScoutElo.Scoring.Tests.PropertyTests;
using ScoutElo.Scoring.Verification;

namespace ScoutElo.Scoring.Tests.Verification;

/// <summary>Issue 35: the rule presets on golden cases derived by hand from the published verifiers' thresholds (Targon v5,
/// SN1 Apex, SN19); each case says which rule decides it.</summary>
public sealed class TokenRulePolicyTests
{
    private static readonly double Ln = Math.Log(0.5);

    /// <summary>Evidence where the node and the reference agree on every token unless the arguments say otherwise.</summary>
    private static (TokenEvidence Node, ReferenceEvidence Reference) Evidence(int n, Func<int, int>? rank = null, Func<int, double>? node = null,
        Func<int, double>? reference = null, double? temperature = 0, int? maxTokens = null)
    {
        var ids = Enumerable.Range(100, n).ToArray();
        return (new TokenEvidence
        {
            TokenIds = ids,
            Logprobs = [.. Enumerable.Range(0, n).Select(i => node?.Invoke(i) ?? Ln)],
            Sampling = new SamplingParameters { Temperature = temperature, MaxTokens = maxTokens },
        }, new ReferenceEvidence
        {
            TokenIds = ids,
            Logprobs = [.. Enumerable.Range(0, n).Select(i => reference?.Invoke(i) ?? Ln)],
            Ranks = [.. Enumerable.Range(0, n).Select(i => rank?.Invoke(i) ?? 1)],
        });
    }

    private static VerificationVerdict Targon((TokenEvidence N, ReferenceEvidence R) e) => TokenRulePolicy.TargonV5.Verify(e.N, e.R);

    private static VerificationVerdict Sn19((TokenEvidence N, ReferenceEvidence R) e) => TokenRulePolicy.Sn19V1.Verify(e.N, e.R);

    [Fact]
    public void Targon_v5_golden_cases()
    {
        // Identical log-probabilities: every scored token 1 → mean 1 ≥ 0.75.
        var pass = Targon(Evidence(4));
        Assert.Equal((VerificationOutcome.Pass, 1.0), (pass.Outcome, pass.Score!.Value));
        Assert.Equal("targon-v5", pass.Policy);
        // Any scored token of rank ≥ 75 fails; rank 74 does not (the ratio rule: 1 of 4 not first).
        Assert.Equal(VerificationOutcome.Fail, Targon(Evidence(4, rank: i => i == 1 ? 75 : 1)).Outcome);
        Assert.Contains("rank 75", Targon(Evidence(4, rank: i => i == 1 ? 75 : 1)).Reason, StringComparison.Ordinal);
        Assert.Equal(VerificationOutcome.Pass, Targon(Evidence(4, rank: i => i == 1 ? 74 : 1)).Outcome);
        // The last token is not scored by the published verifier: rank 80 there passes.
        Assert.Equal(VerificationOutcome.Pass, Targon(Evidence(4, rank: i => i == 3 ? 80 : 1)).Outcome);
        // 2 of 4 tokens not ranked first: share 0.5 ≥ 0.5 fails; 1 of 4 passes.
        Assert.Equal(VerificationOutcome.Fail, Targon(Evidence(4, rank: i => i < 2 ? 2 : 1)).Outcome);
        // |0.9 − 0.3| = 0.6 → token score 0.4 < 0.75 on every token: fails with statistic 0.4.
        var low = Targon(Evidence(4, node: _ => Math.Log(0.9), reference: _ => Math.Log(0.3)));
        Assert.Equal(VerificationOutcome.Fail, low.Outcome);
        Assert.Equal(0.4, low.Statistic!.Value, 1e-12);
        // |0.58 − 0.5| = 0.08 → 0.92 ≥ 0.9 snaps to 1.
        Assert.Equal(1.0, Targon(Evidence(4, node: _ => Math.Log(0.58))).Score!.Value, 12);
        // Half the scored tokens at distance 0.6 (0.4) and half at 0 (1): mean 0.7 < 0.75 fails; at temperature 1 rank-1 tokens score 1.
        var mixed = Evidence(5, node: i => i % 2 == 0 ? Math.Log(0.9) : Math.Log(0.3), reference: _ => Math.Log(0.3));
        Assert.Equal(0.7, Targon(mixed).Statistic!.Value, 1e-12);
        Assert.Equal(VerificationOutcome.Fail, Targon(mixed).Outcome);
        Assert.Equal(VerificationOutcome.Pass, Targon(Evidence(5, node: i => i % 2 == 0 ? Math.Log(0.9) : Math.Log(0.3), reference: _ => Math.Log(0.3), temperature: 1.0)).Outcome);
        // Overfit: every token logged with log-probability exactly 0 fails at temperature 0 (share 1 ≥ 1 − 0) …
        Assert.Contains("overfitted", Targon(Evidence(4, node: _ => 0, reference: _ => 0)).Reason, StringComparison.Ordinal);
        // … and at temperature 0.7 a share of 2/4 ≥ 1 − 0.6 = 0.4 fails, 1/4 passes (scored positions 0..2: 2 of 3 and 1 of 3).
        Assert.Equal(VerificationOutcome.Fail, Targon(Evidence(4, node: i => i < 2 ? 0 : Ln, reference: i => i < 2 ? 0 : Ln, temperature: 0.7)).Outcome);
        Assert.Equal(VerificationOutcome.Pass, Targon(Evidence(4, node: i => i < 1 ? 0 : Ln, reference: i => i < 1 ? 0 : Ln, temperature: 0.7)).Outcome);
        // Five scored tokens of rank ≥ 25 fail, four pass (12 tokens: the not-first share stays below 0.5).
        Assert.Contains("5 tokens have reference rank 25", Targon(Evidence(12, rank: i => i < 5 ? 30 : 1)).Reason, StringComparison.Ordinal);
        Assert.Equal(VerificationOutcome.Pass, Targon(Evidence(12, rank: i => i < 4 ? 30 : 1)).Outcome);
        // Fewer than 3 tokens, or more than max_tokens, fail.
        Assert.Equal(VerificationOutcome.Fail, Targon(Evidence(2)).Outcome);
        Assert.Equal(VerificationOutcome.Fail, Targon(Evidence(5, maxTokens: 4)).Outcome);
        Assert.Equal(VerificationOutcome.Pass, Targon(Evidence(4, maxTokens: 4)).Outcome);
    }

    [Fact]
    public void Sn19_v1_golden_cases()
    {
        // Mean distance |0.6 − 0.5| = 0.1 ≤ 0.125 → 1.
        var full = Sn19(Evidence(6, node: _ => Math.Log(0.6)));
        Assert.Equal((VerificationOutcome.Pass, 1.0), (full.Outcome, full.Score!.Value));
        // 0.2 → 1 − 0.5 · (0.2 − 0.125) / 0.125 = 0.7.
        var mid = Sn19(Evidence(6, node: _ => Math.Log(0.7)));
        Assert.Equal(0.7, mid.Score!.Value, 1e-12);
        Assert.Equal(0.2, mid.Statistic!.Value, 1e-12);
        // 0.3 > 0.25 → 0, fail.
        Assert.Equal((VerificationOutcome.Fail, 0.0), (Sn19(Evidence(6, node: _ => Math.Log(0.8))).Outcome, Sn19(Evidence(6, node: _ => Math.Log(0.8))).Score!.Value));
        // A token outside the reference top 20 has distance 1: one of four → mean 0.25 → score 0.5, still a pass.
        var edge = Sn19(Evidence(4, rank: i => i == 0 ? 21 : 1));
        Assert.Equal((VerificationOutcome.Pass, 0.5), (edge.Outcome, edge.Score!.Value));
        // At temperature ≤ 0.5 a token of rank ≥ 10 is bad; more than 5 bad tokens fail, 5 pass.
        Assert.Equal(VerificationOutcome.Fail, Sn19(Evidence(40, rank: i => i < 6 ? 10 : 1, temperature: 0.5)).Outcome);
        Assert.Equal(VerificationOutcome.Pass, Sn19(Evidence(40, rank: i => i < 5 ? 10 : 1, temperature: 0.5)).Outcome);
        // At temperature 0.9 the limit is ⌊10 / 0.13⌋ = 76: six tokens of rank 10 are fine, six of rank 76 are not.
        Assert.Equal(VerificationOutcome.Pass, Sn19(Evidence(40, rank: i => i < 6 ? 10 : 1, temperature: 0.9)).Outcome);
        Assert.Equal(VerificationOutcome.Fail, Sn19(Evidence(80, rank: i => i < 6 ? 76 : 1, temperature: 0.9)).Outcome);
        Assert.Equal(VerificationOutcome.Fail, Sn19(Evidence(5, maxTokens: 4)).Outcome);
    }

    private static List<IReadOnlyList<TokenLogprob>> Tops(int n, Func<int, IReadOnlyList<TokenLogprob>> list) => [.. Enumerable.Range(0, n).Select(list)];

    private static VerificationVerdict Sn1(int n, Func<int, IReadOnlyList<TokenLogprob>> nodeTop, Func<int, IReadOnlyList<TokenLogprob>> refTop)
    {
        var (node, reference) = Evidence(n);
        return TokenRulePolicy.Sn1ApexV1.Verify(node with { TopLogprobs = Tops(n, nodeTop) }, reference with { TopLogprobs = Tops(n, refTop) });
    }

    [Fact]
    public void Sn1_apex_v1_golden_cases()
    {
        // Lists: the generated token (100 + i) first, then alternatives 900.. in descending order.
        IReadOnlyList<TokenLogprob> List(int i, int k, int skip = -1, int shift = 0) =>
            [.. Enumerable.Range(0, k).Where(j => j != skip).Select(j => new TokenLogprob(j == 0 ? 100 + i : 900 + j + shift, -0.1 - j))];
        // Identical lists: similarity 1, containment 1 → pass with score 1.
        var same = Sn1(10, i => List(i, 5), i => List(i, 5));
        Assert.Equal((VerificationOutcome.Pass, 1.0), (same.Outcome, same.Score!.Value));
        // No top-k logged → unknown; fewer than 10 tokens → unknown; one token → fail.
        var (n0, r0) = Evidence(10);
        Assert.Equal(VerificationOutcome.Unknown, TokenRulePolicy.Sn1ApexV1.Verify(n0, r0).Outcome);
        Assert.Equal(VerificationOutcome.Unknown, Sn1(9, i => List(i, 5), i => List(i, 5)).Outcome);
        Assert.Equal(VerificationOutcome.Fail, Sn1(1, i => List(i, 5), i => List(i, 5)).Outcome);
        // Lists of different lengths score 0 similarity → fail.
        Assert.Equal(VerificationOutcome.Fail, Sn1(10, i => List(i, 4), i => List(i, 5)).Outcome);
        // 14 of 15 shared tokens with equal log-probabilities: similarity 14/15 ≈ 0.933 ≥ 0.86, containment 1 →
        // score (rescale(14/15, 0.86) + 1) / 2.
        var partial = Sn1(10, i => List(i, 15, shift: 0), i => [.. List(i, 15).Take(14), new TokenLogprob(5000, -20)]);
        double sim = 14.0 / 15 * (Dot(14) / Math.Sqrt(Dot(14) * Dot(14)));
        Assert.Equal(VerificationOutcome.Pass, partial.Outcome);
        Assert.Equal(sim, partial.Statistic!.Value, 1e-12);
        Assert.Equal((((sim - 0.86) / 0.14) + 1) / 2, partial.Score!.Value, 1e-12);
        // 2 of 3 shared: similarity 2/3 < 0.86 → fail.
        Assert.Equal(VerificationOutcome.Fail, Sn1(10, i => List(i, 3), i => [.. List(i, 3).Take(2), new TokenLogprob(5000, -20)]).Outcome);
        // The generated token missing from the reference list at 1 position of 10 (containment 0.9 < 0.96) → fail.
        Assert.Contains("share 0.9", Sn1(10, i => List(i, 5), i => i == 0 ? [.. List(i, 5).Skip(1), new TokenLogprob(5000, -20)] : List(i, 5)).Reason, StringComparison.Ordinal);

        static double Dot(int k) => Enumerable.Range(0, k).Sum(j => (0.1 + j) * (0.1 + j));
    }

    [Fact]
    public void Presets_are_named_with_a_version_and_options_are_checked()
    {
        Assert.Equal(["sn1-apex-v1", "sn19-v1", "targon-v5"], TokenRulePolicy.Presets.Keys);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new TokenRulePolicy(new TokenRuleOptions { ZeroScoreDistance = 0.1 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new TokenRulePolicy(new TokenRuleOptions { Name = "" })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new TokenRulePolicy(new TokenRuleOptions { SkipLastToken = true })).ParamName);
    }

    /// <summary>Random valid evidence of <paramref name="n"/> tokens: ranks, log-probabilities and top-5 lists drawn from the seed.</summary>
    private static (TokenEvidence Node, ReferenceEvidence Reference) Random(int n, int seed)
    {
        var rng = new Xoshiro256((ulong)seed);
        var ids = new int[n];
        var lp = new double[n];
        var refLp = new double[n];
        var ranks = new int[n];
        var nodeTop = new List<IReadOnlyList<TokenLogprob>>();
        var refTop = new List<IReadOnlyList<TokenLogprob>>();
        for (int i = 0; i < n; i++)
        {
            ids[i] = rng.NextInt(50);
            ranks[i] = 1 + rng.NextInt(rng.NextDouble() < 0.8 ? 2 : 100);
            refLp[i] = -3 * rng.NextDouble();
            lp[i] = rng.NextDouble() < 0.1 ? 0 : -3 * rng.NextDouble();
            nodeTop.Add([.. Enumerable.Range(0, 5).Select(j => new TokenLogprob(j == 0 ? ids[i] : 1000 + rng.NextInt(8) * 5 + j, -j - rng.NextDouble()))]);
            refTop.Add([.. Enumerable.Range(0, 1 + rng.NextInt(5)).Select(j => new TokenLogprob(j == 0 && rng.NextDouble() < 0.9 ? ids[i] : 1000 + rng.NextInt(8) * 5 + j, -j - rng.NextDouble()))]);
        }
        return (new TokenEvidence { TokenIds = ids, Logprobs = lp, TopLogprobs = nodeTop, Sampling = new SamplingParameters { Temperature = 1.2 * rng.NextDouble(), MaxTokens = 1 + rng.NextInt(2 * n) } },
            new ReferenceEvidence { TokenIds = ids, Logprobs = refLp, Ranks = ranks, TopLogprobs = refTop });
    }

    [Property(MaxTest = 300)]
    public Property Every_preset_gives_a_score_in_the_unit_interval_zero_on_failure_and_a_reason() =>
        Prop.ForAll(Gen.Zip(Gen.Choose(1, 60), Gen.Choose(0, 1_000_000))
            .Shrinking(t => Generators.ShrinkPair(t, Generators.ShrinkToward(1), Generators.ShrinkToward(0))), t =>
        {
            var (node, reference) = Random(t.Item1, t.Item2);
            foreach (var policy in TokenRulePolicy.Presets.Values)
            {
                var v = policy.Verify(node, reference);
                Assert.Equal(policy.Name, v.Policy);
                Assert.False(string.IsNullOrWhiteSpace(v.Reason));
                if (v.Outcome == VerificationOutcome.Unknown) Assert.Null(v.Score);
                else Assert.InRange(v.Score!.Value, 0.0, 1.0);
                if (v.Outcome == VerificationOutcome.Fail) Assert.Equal(0.0, v.Score);
                if (v.Statistic is { } st) Assert.True(double.IsFinite(st));
                Assert.Equal(v, policy.Verify(node, reference)); // deterministic
            }
        });
}
