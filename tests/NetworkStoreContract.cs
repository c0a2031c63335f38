using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Simulation;
using static ScoutElo.Scoring.Tests.ObservedTraffic;

namespace ScoutElo.Scoring.Tests;

/// <summary>The contract of <see cref="INetworkStateStore"/>, one suite run against every store (in memory, SQLite, PostgreSQL):
/// a derived class says how to make a fresh store and how to open the same one again.</summary>
public abstract class NetworkStoreContract
{
    /// <summary>A new, empty store; the key names it for <see cref="Reopen"/>.</summary>
    protected abstract INetworkStateStore Create(out string key);

    /// <summary>Another handle on the store <paramref name="key"/> names (a new connection where the store has one; the same
    /// instance for the in-memory store), as a second writer or a restarted process would open it.</summary>
    protected abstract INetworkStateStore Reopen(string key);

    private static readonly NetworkSimulationOptions Sim = new() { Scouts = 6, Rounds = 70, Evaluators = 4, Seed = 3, VerifyRate = 0.3 };

    private static List<ObservedRound> Traffic()
    {
        var rounds = new List<ObservedRound>();
        NetworkSimulation.Run(Sim, traffic: rounds.Add);
        return rounds;
    }

    private static NetworkOptions Options => NetworkSimulation.EngineOptions(Sim) with { RoundsPerPeriod = 20 };

    private static string Reference(List<ObservedRound> rounds)
    {
        var network = new ScoutNetwork(Options);
        foreach (var r in rounds) network.Submit(r);
        network.Flush();
        return network.ExportSnapshot().ToJson();
    }

    [StoreFact]
    public void An_empty_store_holds_nothing()
    {
        var store = Create(out _);
        Assert.Null(store.Load());
        Assert.Empty(store.ReadRounds());
        Assert.Empty(store.ReadLedger());
        Assert.Null(store.FindRound("r1"));
    }

    [StoreFact]
    public void Settling_through_the_store_equals_the_in_memory_engine_and_a_restart_resumes_at_the_last_period()
    {
        var rounds = Traffic();
        string reference = Reference(rounds);
        var store = Create(out string key);
        var first = new ScoutNetwork(Options, store);
        foreach (var r in rounds.Take(50)) first.Submit(r); // killed with 10 rounds queued: never committed
        var resumed = new ScoutNetwork(Options, Reopen(key));
        Assert.Equal(2, resumed.Periods);
        Assert.Equal(30, rounds.Count(r => resumed.Submit(r).Accepted));
        resumed.Flush();
        Assert.Equal(reference, resumed.ExportSnapshot().ToJson());
        Assert.Equal(reference, new ScoutNetwork(Options, Reopen(key)).ExportSnapshot().ToJson());
        var settled = Reopen(key).ReadRounds().ToList();
        Assert.Equal(rounds.Select(r => r.RoundId), settled.Select(r => r.RoundId));
        Assert.Equal(Enumerable.Range(1, rounds.Count).Select(i => (long)i), settled.Select(r => r.Sequence));
        Assert.Equal(new long[] { 1, 1, 4 }, new[] { settled[0].Period, settled[19].Period, settled[^1].Period });
        Assert.All(settled, r => Assert.Matches("^[0-9a-f]{64}$", r.ContentHash!));
        Assert.Equal(settled[7], Reopen(key).FindRound(rounds[7].RoundId));
    }

    [StoreFact]
    public void The_ledger_sums_to_the_standings_and_answers_by_node_and_by_round()
    {
        var rounds = Traffic();
        var store = Create(out string key);
        var network = new ScoutNetwork(Options, store);
        foreach (var r in rounds) network.Submit(r);
        network.Flush();
        var reader = Reopen(key);
        var ledger = reader.ReadLedger();
        LedgerAssert.SumsToStandings(network, ledger);
        var node = network.Nodes()[0].Node;
        var mine = reader.ReadLedger(new LedgerQuery { Recipient = node });
        Assert.All(mine, e => Assert.Equal(node, e.Recipient));
        Assert.Equal(ledger.Count(e => e.Recipient == node), mine.Count);
        var round = reader.ReadLedger(new LedgerQuery { RoundId = rounds[3].RoundId });
        Assert.Equal(ledger.Where(e => e.RoundId == rounds[3].RoundId), round);
        Assert.Equal(rounds[3].Responses.Count, round.Count(e => e.Party == PayoutParty.Node && e.Recipient is not null));
        Assert.Equal(ledger.Where(e => e.Party == PayoutParty.Evaluator), reader.ReadLedger(new LedgerQuery { Party = PayoutParty.Evaluator }));
        Assert.True(network.Periods >= 2);
        for (long p = 1; p <= network.Periods; p++)
        {
            var period = reader.ReadLedger(new LedgerQuery { Period = p });
            Assert.NotEmpty(period);
            Assert.Equal(ledger.Where(e => e.Period == p), period);
        }
        // Every combination answers exactly what filtering the whole ledger answers, in ledger order (the stores use indexes).
        string evaluator = ledger.First(e => e.Party == PayoutParty.Evaluator && e.Recipient is not null).Recipient!;
        foreach (string? who in new[] { null, node, evaluator, "nobody" })
        {
            foreach (string? id in new[] { null, rounds[3].RoundId, rounds[^1].RoundId, "no-such-round" })
            {
                foreach (PayoutParty? party in new PayoutParty?[] { null, PayoutParty.Node, PayoutParty.Evaluator })
                {
                    foreach (long? period in new long?[] { null, 1, network.Periods, network.Periods + 1 })
                    {
                        var q = new LedgerQuery { Recipient = who, RoundId = id, Party = party, Period = period };
                        Assert.Equal(ledger.Where(q.Matches), reader.ReadLedger(q));
                    }
                }
            }
        }
    }

    [StoreFact]
    public void A_commit_that_does_not_follow_the_stored_period_is_refused_and_changes_nothing()
    {
        var store = Create(out string key);
        var one = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, store);
        var two = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, Reopen(key));
        one.Submit(Round("r1", Answer("x", "n1")));
        string stored = Dump(Reopen(key));
        var e = Assert.Throws<InvalidOperationException>(() => two.Submit(Round("r2", Answer("x", "n2"))));
        Assert.Contains("period", e.Message, StringComparison.Ordinal);
        Assert.Equal(stored, Dump(Reopen(key)));
        Assert.Equal(1, two.Periods); // the refused engine reloaded the committed state
        Assert.Equal(["n1"], two.Nodes().Select(n => n.Node));
    }

    [StoreFact]
    public void A_round_id_the_store_settled_before_fails_the_whole_commit_naming_the_round()
    {
        var store = Create(out string key);
        new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, store).Submit(Round("r1", Answer("x", "n1")));
        // Another network's period 2 (after its own period 1) settles a round named r1 too: the store must refuse it whole.
        var recorder = new RecordingStore();
        var other = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 2 }, recorder);
        other.Submit(Round("r0", Answer("x", "n1")));
        other.Submit(Round("q", Answer("x", "n1")));
        other.Submit(Round("r9", Answer("x", "n3")));
        other.Submit(Round("r1", Answer("y", "n2")));
        var second = recorder.Changes[^1];
        Assert.Equal(1, second.PreviousPeriod);
        string stored = Dump(Reopen(key));
        var e = Assert.Throws<InvalidOperationException>(() => Reopen(key).Commit(second));
        Assert.Contains("'r1'", e.Message, StringComparison.Ordinal);
        Assert.Equal(stored, Dump(Reopen(key)));
    }

    [StoreFact]
    public void A_reused_round_id_with_other_content_is_an_error_naming_the_round_and_the_same_content_is_skipped()
    {
        var store = Create(out string key);
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 2 }, store);
        network.Submit(Round("r1", Answer("x", "n1")));
        Assert.False(network.Submit(Round("r1", Answer("x", "n1"))).Accepted); // queued, same content
        var queued = Assert.Throws<ArgumentException>(() => network.Submit(Round("r1", Answer("x", "n2"))));
        Assert.Contains("'r1'", queued.Message, StringComparison.Ordinal);
        network.Submit(Round("r2", Answer("x", "n1")));
        var restarted = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 2 }, Reopen(key));
        Assert.False(restarted.Submit(Round("r1", Answer("x", "n1"))).Accepted); // settled, same content
        Assert.True(restarted.Contains("r1"));
        string stored = Dump(Reopen(key));
        var settled = Assert.Throws<ArgumentException>(() => restarted.Submit(Round("r2", Answer("x", "n1", latency: 900))));
        Assert.Contains("'r2'", settled.Message, StringComparison.Ordinal);
        Assert.Equal(0, restarted.PendingRounds);
        Assert.Equal(stored, Dump(Reopen(key)));
    }

    [StoreFact]
    public void An_imported_snapshot_exports_byte_for_byte_and_its_opening_ledger_sums_to_the_standings()
    {
        var rounds = Traffic();
        var source = new ScoutNetwork(Options);
        foreach (var r in rounds.Take(60)) source.Submit(r);
        var snapshot = source.ExportSnapshot();
        var store = Create(out string key);
        store.Commit(NetworkChangeSet.FromSnapshot(snapshot));
        var imported = new ScoutNetwork(Options, Reopen(key));
        Assert.Equal(snapshot.ToJson(), imported.ExportSnapshot().ToJson());
        LedgerAssert.SumsToStandings(imported, Reopen(key).ReadLedger());
        Assert.All(Reopen(key).ReadLedger(), e => Assert.Equal(PayoutReason.Opening, e.Reason));
        foreach (var r in rounds) imported.Submit(r);
        imported.Flush();
        Assert.Equal(Reference(rounds), imported.ExportSnapshot().ToJson());
        LedgerAssert.SumsToStandings(imported, Reopen(key).ReadLedger());
        Assert.Throws<InvalidOperationException>(() => Reopen(key).Commit(NetworkChangeSet.FromSnapshot(snapshot))); // not empty
    }

    /// <summary>Everything a store holds, as text (to show a refused commit changed nothing).</summary>
    protected static string Dump(INetworkStateStore store)
    {
        var s = store.Load();
        return (s is null ? "(empty)" : s.Header + "\n" + string.Join("\n", s.Nodes.OrderBy(r => r.Id, StringComparer.Ordinal))
                + "\n" + string.Join("\n", s.Evaluators.OrderBy(r => r.Id, StringComparer.Ordinal)))
            + "\n" + string.Join("\n", store.ReadRounds()) + "\n" + string.Join("\n", store.ReadLedger());
    }

    /// <summary>An in-memory store that keeps every change set it committed.</summary>
    protected sealed class RecordingStore : INetworkStateStore
    {
        private readonly InMemoryNetworkStateStore _inner = new();

        public List<NetworkChangeSet> Changes { get; } = [];

        public NetworkStoredState? Load() => _inner.Load();

        public void Commit(NetworkChangeSet changes)
        {
            _inner.Commit(changes);
            Changes.Add(changes);
        }

        public SettledRound? FindRound(string roundId) => _inner.FindRound(roundId);

        public IEnumerable<SettledRound> ReadRounds() => _inner.ReadRounds();

        public IReadOnlyList<PayoutEntry> ReadLedger(LedgerQuery? query = null) => _inner.ReadLedger(query);
    }
}

/// <summary>A fact of the store contract: skips with the reason <see cref="StoreContractEnvironment.SkipReason"/> gives (a
/// store whose server is not installed here), runs otherwise.</summary>
public sealed class StoreFactAttribute : FactAttribute
{
    public StoreFactAttribute() => Skip = StoreContractEnvironment.SkipReason();
}

/// <summary>Each test project says whether its store can run here.</summary>
internal static partial class StoreContractEnvironment
{
    internal static partial string? SkipReason();
}

/// <summary>The ledger's invariant: per recipient, its rows sum to its reward; per party, the withheld rows sum to the withheld budget.</summary>
internal static class LedgerAssert
{
    public static void SumsToStandings(ScoutNetwork network, IReadOnlyList<PayoutEntry> ledger)
    {
        Assert.True(Holds(network, ledger, out string why), why);
    }

    public static bool Holds(ScoutNetwork network, IReadOnlyList<PayoutEntry> ledger, out string why)
    {
        var sums = new Dictionary<(PayoutParty, string), UInt128>();
        foreach (var e in ledger) sums[(e.Party, e.Recipient ?? "")] = sums.GetValueOrDefault((e.Party, e.Recipient ?? "")) + e.Amount;
        var expected = new Dictionary<(PayoutParty, string), UInt128>();
        foreach (var n in network.Nodes()) if (n.Reward > 0) expected[(PayoutParty.Node, n.Node)] = n.Reward;
        foreach (var e in network.Evaluators()) if (e.Reward > 0) expected[(PayoutParty.Evaluator, e.Evaluator)] = e.Reward;
        if (network.UnallocatedNodeBudget > 0) expected[(PayoutParty.Node, "")] = network.UnallocatedNodeBudget;
        if (network.UnallocatedEvaluatorBudget > 0) expected[(PayoutParty.Evaluator, "")] = network.UnallocatedEvaluatorBudget;
        foreach (var key in sums.Keys.Union(expected.Keys))
        {
            if (sums.GetValueOrDefault(key) != expected.GetValueOrDefault(key))
            {
                why = $"{key}: ledger {sums.GetValueOrDefault(key)}, standings {expected.GetValueOrDefault(key)}";
                return false;
            }
        }
        why = "";
        return true;
    }
}
