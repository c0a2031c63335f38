using BenchmarkDotNet.Attributes;
using ScoutElo.Scoring.Verification;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>Token verifiers on one response of 256 tokens with top-5 lists on both sides: the rule presets and the sequential
/// test's update, against a baseline that only sums the node's log-probabilities (the least any verifier must do). Targets:
/// rule policies at most ~1 µs per token; the sequential statistic per round in microseconds.</summary>
[MemoryDiagnoser]
public class VerificationBenchmarks
{
    internal const int Tokens = 256;
    private TokenEvidence _node = null!;
    private ReferenceEvidence _reference = null!;
    private readonly SequentialTokenTest _test = new();

    /// <summary>Seeded evidence: ~6% of tokens differ from the reference (a quantized model's rate), top-5 lists on both sides.</summary>
    internal static (TokenEvidence Node, ReferenceEvidence Reference) Evidence(int tokens, int seed)
    {
        var rng = new Random(seed); // benchmark data only; fixed seed
        var ids = new int[tokens];
        var lp = new double[tokens];
        var refLp = new double[tokens];
        var ranks = new int[tokens];
        var margins = new double[tokens];
        var nodeTop = new List<IReadOnlyList<TokenLogprob>>(tokens);
        var refTop = new List<IReadOnlyList<TokenLogprob>>(tokens);
        for (int i = 0; i < tokens; i++)
        {
            ids[i] = rng.Next(32_000);
            bool flip = rng.NextDouble() < 0.06;
            ranks[i] = flip ? 2 : 1;
            refLp[i] = flip ? -1.2 : -0.1 * rng.NextDouble();
            lp[i] = Math.Min(0, refLp[i] + (0.05 * (rng.NextDouble() - 0.5)));
            margins[i] = flip ? -0.3 * rng.NextDouble() : 0;
            var alternatives = Enumerable.Range(1, 4).Select(j => new TokenLogprob(ids[i] + j, -1.5 - j)).ToList();
            nodeTop.Add([new TokenLogprob(ids[i], lp[i]), .. alternatives]);
            refTop.Add([new TokenLogprob(ids[i], refLp[i]), .. alternatives]);
        }
        return (new TokenEvidence { TokenIds = ids, Logprobs = lp, TopLogprobs = nodeTop, Sampling = new SamplingParameters { Temperature = 0.7, Seed = 1 } },
            new ReferenceEvidence { TokenIds = ids, Logprobs = refLp, Ranks = ranks, TopLogprobs = refTop, Margins = margins });
    }

    [GlobalSetup]
    public void Setup() => (_node, _reference) = Evidence(Tokens, 3);

    [Benchmark(Baseline = true, Description = "baseline: sum the 256 log-probabilities")]
    public double SumLogprobs()
    {
        double s = 0;
        for (int i = 0; i < _node.Logprobs.Count; i++) s += _node.Logprobs[i];
        return s;
    }

    [Benchmark(Description = "targon-v5, 256 tokens")]
    public double Targon() => TokenRulePolicy.TargonV5.Verify(_node, _reference).Statistic ?? 0;

    [Benchmark(Description = "sn19-v1, 256 tokens")]
    public double Sn19() => TokenRulePolicy.Sn19V1.Verify(_node, _reference).Statistic ?? 0;

    [Benchmark(Description = "sn1-apex-v1, 256 tokens (top-5 lists)")]
    public double Sn1Apex() => TokenRulePolicy.Sn1ApexV1.Verify(_node, _reference).Statistic ?? 0;

    [Benchmark(Description = "difr-sequential-v1 update, 256 tokens")]
    public double Sequential() => _test.Update(default, _node, _reference).LogEValue;
}
