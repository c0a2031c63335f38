using Microsoft.Extensions.Options;
using Npgsql;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;
using ScoutElo.Scoring.Storage.PostgreSql;

namespace ScoutElo.Scoring.Orleans;

/// <summary>The grain that settles one network (see <see cref="INetworkGrain"/>).</summary>
/// <remarks>
/// <para><b>What is sequential, and why.</b> Settlement is one sequential computation per period: every response's consensus
/// weighs all of its evaluators' trust, trust learns round after round, routing weights read every node's rating, and one
/// Glicko-2/Elo batch updates all nodes of the period together. Splitting that state across grains would need the same
/// global order to reproduce the single-process engine bit for bit, so the state lives in one grain per network, which
/// Orleans keeps single-activation and turn-based: concurrent submissions from any silo are serialized, and the same round
/// submitted twice is settled once. What scales out is everything around it: several networks (one grain each) spread over
/// the silos, and the evaluators' scoring (<see cref="IScoringWorkerGrain"/>) before a round is submitted.</para>
/// <para><b>Durable.</b> A batch is acknowledged only when every round of it is committed with its period or journaled; the
/// state is the network's <see cref="PostgreSqlNetworkStateStore"/>. An activation on another silo after a failure loads the
/// committed state and replays the journal, so nothing acknowledged is lost, and the store's unique round ids and period
/// check mean nothing is paid twice.</para>
/// <para><b>Placed where it is called.</b> An activation starts on the silo that receives its first call: an Orleans client
/// sends a grain's messages through one gateway (chosen by the grain's hash), so a network's batches then reach its grain
/// without a second hop between silos, and different networks still spread over the gateways. After a silo dies, the
/// activation starts again on the survivor the client turns to.</para>
/// </remarks>
[global::Orleans.Placement.PreferLocalPlacement]
internal sealed class NetworkGrain(IOptions<FleetOptions> options) : Grain, INetworkGrain, IDisposable
{
    private PostgreSqlNetworkStateStore? _store;
    private RoundJournal? _journal;
    private ScoutNetwork? _network;
    private List<string> _journaled = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.PostgresConnectionString)) throw new InvalidOperationException("FleetOptions.PostgresConnectionString is required.");
        string id = this.GetPrimaryKeyString();
        if (id.Length == 0) throw new InvalidOperationException("A network's name must be non-empty.");
        _store = new PostgreSqlNetworkStateStore(o.PostgresConnectionString, id);
        _journal = Durable(() => new RoundJournal(o.PostgresConnectionString, id), "open the journal");
        Restore();
        return Task.CompletedTask;
    }

    /// <summary>The engine as the database holds it: the committed state, then the journaled rounds replayed (at activation,
    /// and after a batch that failed, whose engine had run ahead of the store).</summary>
    private void Restore()
    {
        _network = null;
        var network = new ScoutNetwork(options.Value.Network, _store);
        var lines = Durable(_journal!.ReadAll, "read the journal");
        _store!.InOneTransaction(() => // a replay that completes a period commits it, with the journal emptied of it
        {
            foreach (var jsonl in lines)
            {
                foreach (var t in TrafficJsonl.Read(new StringReader(jsonl), "journal")) network.Submit(t.Round);
            }
        }, (connection, tx) => _journal.Replace(connection, tx, Entries(network)));
        _network = network;
        _journaled = [.. network.QueuedRounds().Select(r => r.RoundId)];
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public Task<FleetBatchReceipt> SubmitBatchAsync(string jsonl)
    {
        ArgumentNullException.ThrowIfNull(jsonl);
        var network = Network;
        // 1. The whole batch is read and checked before anything of it changes: a bad round refuses it whole.
        List<TrafficRound> rounds;
        try
        {
            rounds = [.. TrafficJsonl.Read(new StringReader(jsonl), "batch")];
        }
        catch (FormatException e)
        {
            throw new ArgumentException(e.Message, nameof(jsonl)); // no inner exception: it crosses to the caller's process
        }
        var seen = new Dictionary<string, ObservedRound>(StringComparer.Ordinal);
        foreach (var t in rounds)
        {
            try
            {
                network.ValidateRound(t.Round);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"batch:{t.FirstLine}: {e.Message}", nameof(jsonl));
            }
            if (seen.TryGetValue(t.Round.RoundId, out var first) && first.ContentHash() != t.Round.ContentHash()) // hashed only when an id repeats
                throw new ArgumentException($"batch:{t.FirstLine}: Round '{t.Round.RoundId}' appears twice in the batch with different content.", nameof(jsonl));
            seen.TryAdd(t.Round.RoundId, t.Round);
        }
        // 2. Settled period by period and journaled, all in one transaction: durable together, with one sync for the batch.
        int accepted = 0, skipped = 0;
        Durably(() =>
        {
            foreach (var t in rounds)
            {
                if (network.Submit(t.Round).Accepted) accepted++;
                else skipped++;
            }
        });
        return Task.FromResult(new FleetBatchReceipt(accepted, skipped, network.Periods));
    }

    /// <summary>Runs <paramref name="work"/> on the engine and makes its effect durable in one transaction: the periods it
    /// settled and the journal made equal to the engine's queue. If anything fails, nothing of it is stored and the engine is
    /// restored from the database (it had run ahead of it): the caller's batch is not acknowledged.</summary>
    private void Durably(Action work)
    {
        try
        {
            _store!.InOneTransaction(work, (connection, tx) =>
            {
                var queued = _network!.QueuedRounds();
                if (!queued.Select(r => r.RoundId).SequenceEqual(_journaled, StringComparer.Ordinal)) _journal!.Replace(connection, tx, Entries(_network));
            });
            _journaled = [.. _network!.QueuedRounds().Select(r => r.RoundId)];
        }
        catch
        {
            try
            {
                Restore();
            }
            catch (Exception e) when (e is IOException or NpgsqlException or InvalidOperationException or FormatException)
            {
                _network = null; // the database is unreachable: the next call restores (or fails the same way)
            }
            throw;
        }
    }

    private static List<(string RoundId, string Jsonl)> Entries(ScoutNetwork network) => [.. network.QueuedRounds().Select(r =>
    {
        var w = new StringWriter();
        TrafficJsonl.Write(w, r);
        return (r.RoundId, w.ToString());
    })];

    public Task<long> RoundsAcceptedAsync() => Task.FromResult(Network.RoundsSettled + Network.PendingRounds);

    public Task<int> FlushAsync()
    {
        var network = Network;
        PeriodSettlement? settled = null;
        Durably(() => settled = network.Flush());
        return Task.FromResult(settled?.Rounds.Count ?? 0);
    }

    /// <summary>The engine, restored first when a failed batch left none.</summary>
    private ScoutNetwork Network
    {
        get
        {
            if (_network is null) Restore();
            return _network!;
        }
    }

    public Task<string> ReportAsync(long settled, long skipped) => Task.FromResult(ReportJson.Serialize(SettlementReport.From(Network, settled, skipped)));

    public Task<string> SnapshotAsync() => Task.FromResult(Network.ExportSnapshot().ToJson());

    public Task<string> SiloAsync() => Task.FromResult(RuntimeIdentity);

    /// <summary>A journal operation; a PostgreSQL failure becomes an <see cref="IOException"/> (not acknowledged).</summary>
    private static T Durable<T>(Func<T> work, string doing)
    {
        try
        {
            return work();
        }
        catch (NpgsqlException e)
        {
            throw new IOException($"Could not {doing} in PostgreSQL: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        _journal?.Dispose();
        _store?.Dispose();
        _journal = null;
        _store = null;
    }
}
