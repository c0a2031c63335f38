namespace ScoutElo.Scoring.Network;

/// <summary>Where a <see cref="ScoutNetwork"/> keeps its committed state.</summary>
/// <remarks>
/// <para>The engine calls <see cref="Load"/> once when it is constructed and <see cref="Commit"/> once per settled rating period,
/// with a snapshot whose <see cref="NetworkSnapshot.Periods"/> is one more than the last committed one. An implementation must
/// make a commit atomic and durable: after a crash, <see cref="Load"/> returns either the previous snapshot or the new one,
/// never a mixture. A commit that throws must leave the stored state as it was; the engine then keeps its previous state too.</para>
/// <para><see cref="NetworkSnapshot.SettledRounds"/> only grows, in settlement order: a store may persist it incrementally (the
/// ids after the ones it already holds).</para>
/// </remarks>
public interface INetworkStateStore
{
    /// <summary>Loads the last committed snapshot.</summary>
    /// <returns>The snapshot, or <see langword="null"/> when nothing was committed yet.</returns>
    NetworkSnapshot? Load();

    /// <summary>Atomically replaces the committed state with <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The new state (the next period after the committed one).</param>
    /// <exception cref="InvalidOperationException">The snapshot does not follow the committed one (another writer committed first).</exception>
    void Commit(NetworkSnapshot snapshot);
}
