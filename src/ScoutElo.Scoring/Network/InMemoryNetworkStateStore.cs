namespace ScoutElo.Scoring.Network;

/// <summary>The in-memory <see cref="INetworkStateStore"/>: the default; nothing survives the process.</summary>
/// <remarks>Holds every row, settled round and ledger row in memory (the ledger grows with the history: a long-running
/// network keeps its state in a durable store). Node and evaluator rows are kept as text in large shared buffers, not as one
/// string each, so a period's commit leaves nothing for the garbage collector to promote and its cost does not grow with
/// the network; the buffers hold at most about twice the rows' text. Thread-safe.</remarks>
public sealed class InMemoryNetworkStateStore : INetworkStateStore
{
    private readonly Lock _lock = new();
    // Hashed, not sorted: a commit replaces a few hundred rows among up to millions, and a sorted tree's dozen dependent
    // cache misses per row made a period at 100,000 nodes measurably slower than at 1,000. Load sorts (once per engine).
    private const int NodeRows = 0, EvaluatorRows = 1;
    private readonly RowArena _rows = new(2);
    private readonly List<SettledRound> _rounds = [];
    private readonly Dictionary<string, SettledRound> _byId = new(StringComparer.Ordinal);
    private readonly List<PayoutEntry> _ledger = [];
    private string? _header;
    private long _period;

    /// <summary>Creates a store, empty or seeded with a snapshot (for example one read back with <see cref="NetworkSnapshot.FromJson"/>;
    /// see <see cref="NetworkChangeSet.FromSnapshot"/>).</summary>
    /// <param name="initial">The committed state to start from; null (or a snapshot of no period) for none.</param>
    public InMemoryNetworkStateStore(NetworkSnapshot? initial = null)
    {
        if (initial is { Periods: > 0 }) Commit(NetworkChangeSet.FromSnapshot(initial));
    }

    /// <inheritdoc/>
    public NetworkStoredState? Load()
    {
        lock (_lock)
        {
            if (_header is null) return null;
            return new NetworkStoredState(_header, _rows.Sorted(NodeRows), _rows.Sorted(EvaluatorRows));
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> is null.</exception>
    public void Commit(NetworkChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_lock)
        {
            if (changes.PreviousPeriod != _period)
                throw new InvalidOperationException($"Changes of period {changes.Period} follow period {changes.PreviousPeriod}, but the store holds period {_period} (another writer committed first?); nothing changed.");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in changes.Rounds)
            {
                if (_byId.ContainsKey(r.RoundId) || !seen.Add(r.RoundId))
                    throw new InvalidOperationException($"Round '{r.RoundId}' of period {changes.Period} was settled before; nothing changed.");
            }
            foreach (var (id, json) in changes.Nodes) _rows.Set(NodeRows, id, json);
            foreach (var (id, json) in changes.Evaluators) _rows.Set(EvaluatorRows, id, json);
            foreach (var r in changes.Rounds)
            {
                _rounds.Add(r);
                _byId[r.RoundId] = r;
            }
            _ledger.AddRange(changes.Payouts);
            _header = changes.Header;
            _period = changes.Period;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="roundId"/> is null.</exception>
    public SettledRound? FindRound(string roundId)
    {
        ArgumentNullException.ThrowIfNull(roundId);
        lock (_lock) return _byId.GetValueOrDefault(roundId);
    }

    /// <inheritdoc/>
    public IEnumerable<SettledRound> ReadRounds()
    {
        lock (_lock) return [.. _rounds];
    }

    /// <inheritdoc/>
    public IReadOnlyList<PayoutEntry> ReadLedger(LedgerQuery? query = null)
    {
        lock (_lock) return query is null ? [.. _ledger] : [.. _ledger.Where(query.Matches)];
    }
}
