namespace ScoutElo.Scoring.Network;

/// <summary>Where a <see cref="ScoutNetwork"/> keeps its committed state: a header, one row per node and per evaluator, the
/// settled rounds and the payout ledger.</summary>
/// <remarks>
/// <para>The engine calls <see cref="Load"/> and <see cref="ReadRounds"/> once when it is constructed, and <see cref="Commit"/>
/// once per settled rating period with only what the period changed. An implementation must make a commit atomic and
/// durable: after a crash, the store holds either the previous period or the new one, never a mixture. A commit that
/// throws must leave the stored state as it was; the engine then reloads it.</para>
/// <para>The contract every store meets (tested by one shared suite over the in-memory, SQLite and PostgreSQL stores): a commit
/// applies only when the stored period is <see cref="NetworkChangeSet.PreviousPeriod"/> (otherwise
/// <see cref="InvalidOperationException"/> and nothing changes); rows replace the rows of the same id; round ids are unique
/// (a repeated id fails the whole commit with <see cref="InvalidOperationException"/>); rounds and ledger rows are read back
/// in the order they were committed.</para>
/// </remarks>
public interface INetworkStateStore
{
    /// <summary>Loads the committed header and rows.</summary>
    /// <returns>The state, or <see langword="null"/> when nothing was committed yet.</returns>
    NetworkStoredState? Load();

    /// <summary>Atomically applies one period's changes.</summary>
    /// <param name="changes">The changes (the next period after the committed one).</param>
    /// <exception cref="InvalidOperationException">The stored period is not <see cref="NetworkChangeSet.PreviousPeriod"/> (another
    /// writer committed first), or a round id was settled before; nothing changed.</exception>
    void Commit(NetworkChangeSet changes);

    /// <summary>Finds a settled round by id.</summary>
    /// <param name="roundId">The round id.</param>
    /// <returns>The round, or null when the store has not settled it.</returns>
    SettledRound? FindRound(string roundId);

    /// <summary>Every settled round, in settlement order.</summary>
    /// <returns>The rounds (streamed by stores that can).</returns>
    IEnumerable<SettledRound> ReadRounds();

    /// <summary>Rows of the payout ledger, in settlement order.</summary>
    /// <param name="query">Filters; all rows when null.</param>
    /// <returns>The matching rows.</returns>
    IReadOnlyList<PayoutEntry> ReadLedger(LedgerQuery? query = null);
}
