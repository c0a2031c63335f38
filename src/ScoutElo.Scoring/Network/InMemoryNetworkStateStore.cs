namespace ScoutElo.Scoring.Network;

/// <summary>The in-memory <see cref="INetworkStateStore"/>: the default; nothing survives the process.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemoryNetworkStateStore : INetworkStateStore
{
    private readonly Lock _lock = new();
    private NetworkSnapshot? _snapshot;

    /// <summary>Creates a store, empty or holding a snapshot (for example one read back with <see cref="NetworkSnapshot.FromJson"/>).</summary>
    /// <param name="initial">The committed state to start from; null for none.</param>
    public InMemoryNetworkStateStore(NetworkSnapshot? initial = null) => _snapshot = initial;

    /// <inheritdoc/>
    public NetworkSnapshot? Load()
    {
        lock (_lock) return _snapshot;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public void Commit(NetworkSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            long expected = (_snapshot?.Periods ?? 0) + 1;
            if (snapshot.Periods != expected)
                throw new InvalidOperationException($"Snapshot of period {snapshot.Periods} does not follow the committed period {expected - 1}.");
            _snapshot = snapshot;
        }
    }
}
