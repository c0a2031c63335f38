namespace ScoutElo.Scoring.Network;

/// <summary>What one settled rating period changed, for <see cref="INetworkStateStore.Commit"/>: the new header, the rows of the
/// nodes and evaluators the period touched, the rounds it settled and its payout ledger rows — so a commit costs O(the
/// period's work), not O(the network).</summary>
/// <remarks>Created by <see cref="ScoutNetwork"/> (and by <see cref="FromSnapshot"/> to seed a store). Immutable.</remarks>
public sealed class NetworkChangeSet
{
    internal NetworkChangeSet(long previousPeriod, long period, string header, IReadOnlyList<NetworkStateRow> nodes, IReadOnlyList<NetworkStateRow> evaluators,
        IReadOnlyList<SettledRound> rounds, IReadOnlyList<PayoutEntry> payouts)
    {
        PreviousPeriod = previousPeriod;
        Period = period;
        Header = header;
        Nodes = nodes;
        Evaluators = evaluators;
        Rounds = rounds;
        Payouts = payouts;
    }

    /// <summary>The period the store must hold for this change to apply (an optimistic check: another writer that committed
    /// first makes the commit fail); 0 for an empty store.</summary>
    public long PreviousPeriod { get; }

    /// <summary>The period the store holds after the commit.</summary>
    public long Period { get; }

    /// <summary>The new header row (replaces the stored one).</summary>
    public string Header { get; }

    /// <summary>Node rows to insert or replace, ordinal by id.</summary>
    public IReadOnlyList<NetworkStateRow> Nodes { get; }

    /// <summary>Evaluator rows to insert or replace, ordinal by id.</summary>
    public IReadOnlyList<NetworkStateRow> Evaluators { get; }

    /// <summary>The rounds settled, in settlement order (their ids are new to the store: a repeated id must fail the commit).</summary>
    public IReadOnlyList<SettledRound> Rounds { get; }

    /// <summary>The payout ledger rows, in settlement order.</summary>
    public IReadOnlyList<PayoutEntry> Payouts { get; }

    /// <summary>The change that seeds an empty store with a snapshot (an import): every row, every settled round, and one
    /// <see cref="PayoutReason.Opening"/> ledger row per balance the snapshot carries, so the ledger sums to the standings.</summary>
    /// <param name="snapshot">The snapshot (for example read with <see cref="NetworkSnapshot.FromJson"/>).</param>
    /// <returns>The change set; its <see cref="PreviousPeriod"/> is 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException">The snapshot has settled no period: there is nothing to import.</exception>
    public static NetworkChangeSet FromSnapshot(NetworkSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Periods == 0) throw new ArgumentException("The snapshot has settled no period: there is nothing to import.", nameof(snapshot));
        var state = NetworkState.FromSnapshot(snapshot, new NetworkOptions());
        return state.Import(snapshot);
    }
}
