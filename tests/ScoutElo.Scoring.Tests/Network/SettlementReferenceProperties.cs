using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Tests.PropertyTests;

namespace ScoutElo.Scoring.Tests.Network;

/// <summary>The engine's settlement runs on interned arrays for speed; these properties recompute it from the public rules
/// alone — quarantined trust weights, <see cref="Consensus.Aggregate"/>, <see cref="TrustModel.Update"/> round by round,
/// <see cref="Rewards.Split"/> of the agreement shares in ordinal order — and demand the same numbers to the bit.</summary>
public sealed class SettlementReferenceProperties
{
    private static readonly string[] Evaluators = ["e0", "e1", "e2", "e3", "e4", "e5"];

    /// <summary>One response: which evaluators score it (bit mask, non-empty), which of them spot-check it (mask, 0 = none),
    /// and a score per evaluator in hundredths.</summary>
    private sealed record Spec(int Panel, int Spot, int[] Scores);

    private static readonly Gen<Spec> Response =
        from panel in Gen.Choose(1, 63)
        from spot in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 63)))
        from scores in Gen.Choose(0, 100).ArrayOf(Evaluators.Length)
        select new Spec(panel, spot & panel, scores);

    private static readonly Gen<List<List<Spec>>> Periods =
        Response.NonEmptyListOf().Select(r => r.Take(5).ToList()).NonEmptyListOf().Select(rs => rs.Take(6).ToList());

    private static IEnumerable<List<List<Spec>>> Shrink(List<List<Spec>> rounds) =>
        Generators.ShrinkList(rounds).Where(r => r.Count > 0);

    private static Dictionary<string, double> Scores(int mask, int[] scores)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int e = 0; e < Evaluators.Length; e++) if ((mask & (1 << e)) != 0) d[Evaluators[e]] = scores[e] / 100.0;
        return d;
    }

    private static ObservedRound Round(List<Spec> specs, int t) => new()
    {
        RoundId = $"r{t}",
        Task = TaskKind.Qa,
        Query = "q",
        Responses = [.. specs.Select((s, k) => new ObservedResponse
        {
            ResponseId = $"r{t}/{k}",
            Node = $"n{k}",
            Response = "a",
            Metrics = new InferenceMetrics { LatencyMs = 500 + (100 * k), OutputTokens = 50, Uptime = 0.99 },
            Scores = Scores(s.Panel, s.Scores),
            SpotCheck = s.Spot == 0 ? null : new SpotCheck { Scores = Scores(s.Spot, s.Scores.Select(v => 100 - v).ToArray()) },
        })],
    };

    /// <summary>The consensus rule as documented, from public pieces: the basis panel's trust weights (ordinal), those below
    /// the quarantine fraction of the largest set to 0, the scored panel's values where the weight is positive; none left:
    /// the plain mean.</summary>
    private static double Reference(TrustModel trust, NetworkOptions options, IReadOnlyDictionary<string, double> basis, IReadOnlyDictionary<string, double> panel)
    {
        var ids = basis.Keys.Order(StringComparer.Ordinal).ToArray();
        var w = ids.Select(trust.TrustOf).ToArray();
        double max = w.Max();
        var values = new List<double>();
        var weights = new List<double>();
        for (int i = 0; i < ids.Length; i++)
        {
            if (w[i] < options.QuarantineFraction * max || !panel.TryGetValue(ids[i], out double v)) continue;
            if (w[i] <= 0) continue;
            values.Add(v);
            weights.Add(w[i]);
        }
        if (values.Count == 0)
        {
            double sum = 0;
            foreach (var id in panel.Keys.Order(StringComparer.Ordinal)) sum += panel[id];
            return Math.Clamp(sum / panel.Count, 0, 1);
        }
        return Math.Clamp(Consensus.Aggregate(options.Aggregation, [.. values], [.. weights]), 0, 1);
    }

    [Property(MaxTest = 150)]
    public Property Trust_consensus_and_evaluator_pay_equal_the_public_rules_to_the_bit() =>
        Prop.ForAll(Periods.Shrinking(Shrink), Gen.Choose(1, 6).ToArbitrary(), (specs, cut) =>
        {
            var options = new NetworkOptions { RoundsPerPeriod = 1000 };
            var network = new ScoutNetwork(options);
            var rounds = specs.Select(Round).ToList();
            int split = Math.Min(cut, rounds.Count); // two periods: trust carries over
            var settled = new List<RoundSettlement>();
            foreach (var r in rounds.Take(split)) network.Submit(r);
            settled.AddRange(network.Flush()!.Rounds);
            foreach (var r in rounds.Skip(split)) network.Submit(r);
            if (network.Flush() is { } second) settled.AddRange(second.Rounds);

            var trust = new TrustModel(options.Trust);
            var evaluatorPay = new Dictionary<string, UInt128>(StringComparer.Ordinal);
            foreach (var period in new[] { rounds.Take(split).ToList(), rounds.Skip(split).ToList() })
            {
                foreach (var round in period)
                {
                    var result = settled.Single(s => s.RoundId == round.RoundId);
                    var scores = new List<EvaluatorScore>();
                    var consensus = new Dictionary<string, double>(StringComparer.Ordinal);
                    foreach (var (r, k) in round.Responses.Select((r, k) => (r, k)))
                    {
                        double c = Reference(trust, options, r.Scores, r.Scores);
                        Assert.Equal(c, result.Responses[k].InRoundConsensus);
                        consensus[r.ResponseId] = c;
                        scores.AddRange(r.Scores.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new EvaluatorScore(p.Key, r.ResponseId, p.Value)));
                        if (r.SpotCheck is { } sc)
                        {
                            consensus[r.ResponseId + "#spot"] = Reference(trust, options, r.Scores, sc.Scores);
                            scores.AddRange(sc.Scores.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new EvaluatorScore(p.Key, r.ResponseId + "#spot", p.Value)));
                        }
                    }
                    trust.Update(scores, consensus);
                }
                foreach (var round in period) // settled with the trust learned by the period's end
                {
                    var result = settled.Single(s => s.RoundId == round.RoundId);
                    var shares = new SortedDictionary<string, double>(StringComparer.Ordinal);
                    foreach (var (r, k) in round.Responses.Select((r, k) => (r, k)))
                    {
                        double c = Reference(trust, options, r.Scores, r.Scores);
                        Assert.Equal(c, result.Responses[k].Quality);
                        foreach (var (e, v) in r.Scores.OrderBy(p => p.Key, StringComparer.Ordinal)) shares[e] = shares.GetValueOrDefault(e) + trust.Agreement(v, c);
                    }
                    var paid = new UInt128[shares.Count];
                    Rewards.Split(options.EvaluatorBudgetPerRound, [.. shares.Values], paid);
                    Assert.Equal(shares.Keys.Zip(paid).Select(p => KeyValuePair.Create(p.First, p.Second)), result.EvaluatorPayouts);
                    foreach (var (e, p) in result.EvaluatorPayouts) evaluatorPay[e] = evaluatorPay.GetValueOrDefault(e) + p;
                }
            }
            foreach (var standing in network.Evaluators())
            {
                Assert.Equal(trust.TrustOf(standing.Evaluator), standing.Trust);
                Assert.Equal(evaluatorPay.GetValueOrDefault(standing.Evaluator), standing.Reward);
            }
        });
}
