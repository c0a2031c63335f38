using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>Ledger entries in wire form and their sums per recipient, shared by <see cref="LedgerReport"/> and
/// <see cref="PeriodReport"/>.</summary>
internal static class LedgerRows
{
    /// <summary>The entries as rows, in their order.</summary>
    public static List<LedgerRow> Of(IEnumerable<PayoutEntry> entries) =>
        [.. entries.Select(e => new LedgerRow(e.Period, e.RoundId, WireName.Of(e.Party), e.Recipient, e.Amount, WireName.Of(e.Reason)))];

    /// <summary>The entries' sum per (party, recipient), the withheld budget under the empty recipient; exact (an overflow of
    /// 2^128 − 1 throws).</summary>
    public static SortedDictionary<(PayoutParty Party, string Recipient), UInt128> Sums(IEnumerable<PayoutEntry> entries)
    {
        var sums = new SortedDictionary<(PayoutParty Party, string Recipient), UInt128>();
        foreach (var e in entries) sums[(e.Party, e.Recipient ?? "")] = checked(sums.GetValueOrDefault((e.Party, e.Recipient ?? "")) + e.Amount);
        return sums;
    }
}
