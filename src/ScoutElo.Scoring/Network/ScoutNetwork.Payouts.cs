using ScoutElo.Scoring.ProofOfQuality;

namespace ScoutElo.Scoring.Network;

/// <summary>Splitting a round's budgets and writing its payout ledger rows.</summary>
public sealed partial class ScoutNetwork
{
    /// <summary>The round's ledger rows: one per responding node (its share, or why it earned nothing), one per evaluator paid,
    /// one per budget withheld.</summary>
    private static void Record(PeriodContext ctx, ObservedRound round, double?[] settled, bool[] passes, SortedDictionary<string, UInt128> nodePayouts,
        UInt128 withheldNode, SortedDictionary<string, UInt128> evaluatorPayouts, UInt128 withheldEvaluator)
    {
        for (int k = 0; k < round.Responses.Count; k++)
        {
            var r = round.Responses[k];
            var reason = r.Dropped ? PayoutReason.Dropped : settled[k] is null ? PayoutReason.Unrated : passes[k] ? PayoutReason.Share : PayoutReason.HealthFailed;
            ctx.Ledger.Add(new PayoutEntry(ctx.Period, round.RoundId, PayoutParty.Node, r.Node, nodePayouts.GetValueOrDefault(r.Node), reason));
        }
        if (withheldNode > 0) ctx.Ledger.Add(new PayoutEntry(ctx.Period, round.RoundId, PayoutParty.Node, null, withheldNode, PayoutReason.Withheld));
        foreach (var (id, paid) in evaluatorPayouts) ctx.Ledger.Add(new PayoutEntry(ctx.Period, round.RoundId, PayoutParty.Evaluator, id, paid, PayoutReason.Share));
        if (withheldEvaluator > 0) ctx.Ledger.Add(new PayoutEntry(ctx.Period, round.RoundId, PayoutParty.Evaluator, null, withheldEvaluator, PayoutReason.Withheld));
    }

    /// <summary>Splits a budget exactly over the shares (ordinal by id); withholds it all when no share is positive.</summary>
    private static SortedDictionary<string, UInt128> Split(UInt128 budget, SortedDictionary<string, double> shares, out UInt128 withheld)
    {
        var result = new SortedDictionary<string, UInt128>(StringComparer.Ordinal);
        if (shares.Count == 0)
        {
            withheld = budget;
            return result;
        }
        var s = shares.Values.ToArray();
        var paid = new UInt128[s.Length];
        withheld = Rewards.Split(budget, s, paid);
        if (Array.TrueForAll(s, v => v == 0)) return result; // nobody earned: no payout rows (a zero budget included)
        int i = 0;
        foreach (var id in shares.Keys) result[id] = paid[i++];
        return result;
    }
}
