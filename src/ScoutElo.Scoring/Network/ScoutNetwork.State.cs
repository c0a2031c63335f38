using System.Collections.Immutable;

namespace ScoutElo.Scoring.Network;

/// <summary>The engine's committed state: loading it from the store, the settled rounds, committing a period's changes, and
/// recovering from a failed one.</summary>
public sealed partial class ScoutNetwork
{
    /// <summary>The committed state and the settled round ids' hashes, from the store.</summary>
    private NetworkState Load()
    {
        var stored = _store.Load();
        var state = stored is null ? NetworkState.Empty(_options) : NetworkState.FromRows(stored, _options);
        var ids = new HashSet<ulong>();
        long count = 0;
        foreach (var r in _store.ReadRounds())
        {
            ids.Add(RoundContent.IdHash(r.RoundId));
            count++;
        }
        if (count != state.RoundsSettled) throw new FormatException($"The store lists {count} settled rounds, but its state settled {state.RoundsSettled}.");
        _settledIds = ids;
        return state;
    }

    /// <summary>Exports the committed state as a snapshot (every row and every settled round id: O(state + history); the
    /// engine itself never needs one).</summary>
    /// <returns>The snapshot (the empty state before the first period).</returns>
    /// <exception cref="InvalidOperationException">The store's settled rounds disagree with its state.</exception>
    public NetworkSnapshot ExportSnapshot()
    {
        lock (_lock)
        {
            var s = State;
            var ids = ImmutableList.CreateBuilder<string>();
            var hashes = ImmutableList.CreateBuilder<string?>();
            foreach (var r in _store.ReadRounds())
            {
                ids.Add(r.RoundId);
                hashes.Add(r.ContentHash);
            }
            if (ids.Count != s.RoundsSettled) throw new InvalidOperationException($"The store lists {ids.Count} settled rounds, but its state settled {s.RoundsSettled}.");
            return new NetworkSnapshot(s.ToDto(), ids.ToImmutable(), hashes.ToImmutable());
        }
    }

    /// <summary>Rows of the payout ledger (from the store): what each round paid to whom, or withheld, and why.</summary>
    /// <param name="query">Filters; all rows when null.</param>
    /// <returns>The rows, in settlement order.</returns>
    public IReadOnlyList<PayoutEntry> Ledger(LedgerQuery? query = null)
    {
        lock (_lock) return _store.ReadLedger(query);
    }

    /// <summary>The rounds queued for the current period, in submission order (what a host journals to survive a crash).</summary>
    /// <returns>A copy.</returns>
    public IReadOnlyList<ObservedRound> QueuedRounds()
    {
        lock (_lock) return [.. _pending];
    }

    /// <summary>Rounds queued for the current period, not yet settled.</summary>
    public int PendingRounds
    {
        get { lock (_lock) return _pending.Count; }
    }

    /// <summary>Whether a round id was settled or is queued.</summary>
    /// <param name="roundId">The round id.</param>
    /// <returns>True when <see cref="Submit"/> would skip it (or refuse it, given other content).</returns>
    public bool Contains(string roundId)
    {
        ArgumentNullException.ThrowIfNull(roundId);
        lock (_lock) return _pendingHashes.ContainsKey(roundId) || (_settledIds.Contains(RoundContent.IdHash(roundId)) && _store.FindRound(roundId) is not null);
    }

    /// <summary>Whether the round's id was queued or settled before: true (skip) when with the same content, or when it was
    /// settled before content hashes existed; throws when with different content. Otherwise false, with the content hash.</summary>
    /// <param name="round">The round as listed (for the hash of states settled before response order stopped counting).</param>
    /// <param name="ordered">The same round, its responses in ordinal order of their ids (hashed without sorting again).</param>
    /// <param name="hash">The content hash, when computed.</param>
    private bool Known(ObservedRound round, ObservedRound ordered, out string? hash)
    {
        hash = null;
        string id = round.RoundId;
        if (string.IsNullOrEmpty(id)) return false;
        string? stored;
        if (_pendingHashes.TryGetValue(id, out var queued)) stored = queued;
        else if (_settledIds.Contains(RoundContent.IdHash(id)) && _store.FindRound(id) is { } settled)
        {
            if (settled.ContentHash is null) return true; // settled before content hashes: skipped as it always was
            stored = settled.ContentHash;
        }
        else return false;
        hash = RoundContent.Hash(ordered);
        if (hash == stored || (queued is null && RoundContent.HashInOrder(round) == stored)) return true; // a state settled before response order stopped counting
        throw new ArgumentException($"Round '{id}' was {(queued is null ? "settled" : "submitted")} before with different content (a round id names one round: "
            + "give the new round an id of its own); nothing changed.", nameof(round));
    }

    private PeriodSettlement SettlePending()
    {
        var s = State;
        long before = s.Periods, firstSequence = s.RoundsSettled + 1;
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        var evaluators = new HashSet<string>(StringComparer.Ordinal);
        foreach (var round in _pending)
        {
            foreach (var r in round.Responses)
            {
                nodes.Add(r.Node);
                evaluators.UnionWith(r.Scores.Keys);
                if (r.SpotCheck is { } sc) evaluators.UnionWith(sc.Scores.Keys);
            }
        }
        PeriodSettlement settlement;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        List<PayoutEntry> ledger = [];
        using var activity = NetworkMetrics.Activities.StartActivity("scoutelo.network.period");
        if (activity is not null)
        {
            activity.SetTag("scoutelo.period", s.Periods + 1);
            activity.SetTag("scoutelo.rounds", _pending.Count);
            activity.SetTag("scoutelo.nodes", nodes.Count);
            activity.SetTag("scoutelo.evaluators", evaluators.Count);
        }
        try
        {
            // Settled on the live state: what the period touches is written to the store, and a failure anywhere (a bad value,
            // an overflow, a refused commit) reloads the committed state, so the engine is exactly where the store is.
            s.Rules = _rules;
            settlement = Settle(s, _pending, evaluators, ledger);
            var rounds = new SettledRound[_pending.Count];
            for (int i = 0; i < rounds.Length; i++)
                rounds[i] = new SettledRound(_pending[i].RoundId, firstSequence + i, s.Periods, _pendingHashes[_pending[i].RoundId]);
            _store.Commit(s.Changes(before, nodes, evaluators, rounds, ledger));
        }
        catch (Exception e)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            activity?.SetTag("error.type", e.GetType().FullName);
            NetworkMetrics.FailedPeriods.Add(1);
            Recover();
            throw;
        }
        NetworkMetrics.Settled(ledger, _pending.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        foreach (var r in _pending) _settledIds.Add(RoundContent.IdHash(r.RoundId));
        _pending.Clear();
        _pendingHashes.Clear();
        return settlement;
    }

    /// <summary>After a failed settlement: the committed state again, from the store. Rounds the store holds after all (a commit
    /// that landed, then failed to report it) leave the queue; if the store cannot be read, the next call loads it again.</summary>
    private void Recover()
    {
        _state = null;
        try
        {
            _state = Load();
        }
        catch (Exception)
        {
            return; // whatever the store threw: State loads it on the next call (and throws the store's error while it cannot)
        }
        for (int i = _pending.Count - 1; i >= 0; i--)
        {
            string id = _pending[i].RoundId;
            if (_settledIds.Contains(RoundContent.IdHash(id)) && _store.FindRound(id) is not null)
            {
                _pending.RemoveAt(i);
                _pendingHashes.Remove(id);
                NetworkMetrics.RoundsPending.Add(-1);
            }
        }
    }
}
