using ScoutElo.Scoring.ProofOfQuality;

namespace ScoutElo.Scoring.Network;

/// <summary>Splitting a round's budgets and writing its payout ledger rows.</summary>
public sealed partial class ScoutNetwork
{
    /// <summary>The round's ledger rows: one per responding node (its share, or why it earned nothing), one per evaluator paid,
    /// one per budget withheld.</summary>
    private static void Record(PeriodContext ctx, ObservedRound round, double?[] settled, bool[] passes, OrdinalMap<UInt128> nodePayouts,
        UInt128 withheldNode, OrdinalMap<UInt128> evaluatorPayouts, UInt128 withheldEvaluator)
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

    /// <summary>Splits a budget exactly over the shares of <paramref name="ids"/> (ordinal, distinct); withholds it all when no
    /// share is positive (no payout rows then).</summary>
    private static OrdinalMap<UInt128> Split(UInt128 budget, string[] ids, double[] shares, out UInt128 withheld)
    {
        if (shares.Length == 0)
        {
            withheld = budget;
            return OrdinalMap<UInt128>.Empty;
        }
        var paid = new UInt128[shares.Length];
        withheld = Rewards.Split(budget, shares, paid);
        if (Array.TrueForAll(shares, v => v == 0)) return OrdinalMap<UInt128>.Empty; // nobody earned (a zero budget included)
        return new OrdinalMap<UInt128>(ids, paid);
    }
}
