namespace ScoutElo.Scoring.Network;

/// <summary>Which rows of the payout ledger to read (<see cref="INetworkStateStore.ReadLedger"/>); every filter that is set must match.</summary>
public sealed record LedgerQuery
{
    /// <summary>Only rows of this node or evaluator id (either party); null for all.</summary>
    public string? Recipient { get; init; }

    /// <summary>Only rows of this round; null for all.</summary>
    public string? RoundId { get; init; }

    /// <summary>Only rows of this party; null for both.</summary>
    public PayoutParty? Party { get; init; }

    /// <summary>Only rows of this rating period (the rounds it settled; period 0 holds an imported state's opening balances);
    /// null for all.</summary>
    public long? Period { get; init; }

    /// <summary>Whether a row matches.</summary>
    /// <param name="entry">The row.</param>
    /// <returns>True when every filter that is set matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public bool Matches(PayoutEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (Recipient is null || string.Equals(entry.Recipient, Recipient, StringComparison.Ordinal))
            && (RoundId is null || string.Equals(entry.RoundId, RoundId, StringComparison.Ordinal))
            && (Party is null || entry.Party == Party)
            && (Period is null || entry.Period == Period);
    }
}
