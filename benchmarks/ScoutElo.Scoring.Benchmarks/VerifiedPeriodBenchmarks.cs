using BenchmarkDotNet.Attributes;
using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>What verification costs settlement: the period of <see cref="NetworkBenchmarks"/> (20 rounds of 8 responses on a warm
/// network of 1,000 nodes, in-memory store) without token evidence (baseline) and with evidence of 256 tokens (top-5 lists on
/// both sides, Gumbel margins) on 10% of its responses, under the default sequential test and with the targon-v5 rule policy
/// as well. Target: with evidence on 10% of the responses, at least 0.8× as fast as without.</summary>
[MemoryDiagnoser]
public class VerifiedPeriodBenchmarks
{
    private NetworkSnapshot _warm = null!;
    private NetworkSnapshot _warmRule = null!;
    private List<ObservedRound> _plain = null!;
    private List<ObservedRound> _verified = null!;
    private static readonly NetworkOptions Plain = new() { RoundsPerPeriod = NetworkBenchmarks.RoundsPerPeriod };
    private static readonly NetworkOptions WithRule = Plain with { Verification = new VerificationOptions { RulePolicy = Verification.TokenRulePolicy.TargonV5 } };

    [GlobalSetup]
    public void Setup()
    {
        var network = new ScoutNetwork(Plain);
        foreach (var r in NetworkBenchmarks.Rounds(0, 2_000)) network.Submit(r);
        _warm = network.ExportSnapshot();
        var ruled = new ScoutNetwork(WithRule); // a state remembers its rules: the rule policy's run needs its own warm state
        foreach (var r in NetworkBenchmarks.Rounds(0, 2_000)) ruled.Submit(r);
        _warmRule = ruled.ExportSnapshot();
        _plain = NetworkBenchmarks.Rounds(1_000_000, NetworkBenchmarks.RoundsPerPeriod);
        int k = 0;
        _verified = [.. _plain.Select(round => round with
        {
            Responses = [.. round.Responses.Select(r =>
            {
                if (k++ % 10 != 0) return r;
                var (tokens, reference) = VerificationBenchmarks.Evidence(VerificationBenchmarks.Tokens, k);
                return r with { Tokens = tokens, Reference = reference };
            })],
        })];
    }

    [Benchmark(Baseline = true, Description = "period of 20 rounds, no token evidence")]
    public long NoEvidence() => Settle(Plain, _warm, _plain);

    [Benchmark(Description = "period of 20 rounds, evidence on 10% of responses")]
    public long TenPercentEvidence() => Settle(Plain, _warm, _verified);

    [Benchmark(Description = "same, plus the targon-v5 rule policy")]
    public long TenPercentEvidenceAndRule() => Settle(WithRule, _warmRule, _verified);

    private static long Settle(NetworkOptions options, NetworkSnapshot warm, List<ObservedRound> period)
    {
        var network = new ScoutNetwork(options, new InMemoryNetworkStateStore(warm));
        long matches = 0;
        foreach (var r in period) matches += network.Submit(r).Settlement?.Matches ?? 0;
        return matches;
    }
}
