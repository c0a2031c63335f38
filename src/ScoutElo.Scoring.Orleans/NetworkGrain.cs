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
/// </remarks>
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
        _network = new ScoutNetwork(o.Network, _store);
        var lines = Durable(_journal.ReadAll, "read the journal");
        foreach (var jsonl in lines)
        {
            foreach (var t in TrafficJsonl.Read(new StringReader(jsonl), "journal")) _network.Submit(t.Round);
        }
        _journaled = [.. _network.QueuedRounds().Select(r => r.RoundId)];
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public Task<FleetBatchReceipt> SubmitBatchAsync(string jsonl)
    {
        ArgumentNullException.ThrowIfNull(jsonl);
        var network = _network!;
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
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
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
            string hash = t.Round.ContentHash();
            if (seen.TryGetValue(t.Round.RoundId, out var first) && first != hash)
                throw new ArgumentException($"batch:{t.FirstLine}: Round '{t.Round.RoundId}' appears twice in the batch with different content.", nameof(jsonl));
            seen.TryAdd(t.Round.RoundId, hash);
        }
        // 2. Settled period by period (each commit durable), then the rounds still queued are journaled in one transaction.
        int accepted = 0, skipped = 0;
        foreach (var t in rounds)
        {
            if (network.Submit(t.Round).Accepted) accepted++;
            else skipped++;
        }
        SyncJournal();
        return Task.FromResult(new FleetBatchReceipt(accepted, skipped, network.Periods));
    }

    /// <summary>Makes the journal hold exactly the engine's queue (skipped when it already does).</summary>
    private void SyncJournal()
    {
        var queued = _network!.QueuedRounds();
        if (queued.Select(r => r.RoundId).SequenceEqual(_journaled, StringComparer.Ordinal)) return;
        var entries = queued.Select(r =>
        {
            var w = new StringWriter();
            TrafficJsonl.Write(w, r);
            return (r.RoundId, w.ToString());
        }).ToList();
        Durable(() =>
        {
            _journal!.Replace(entries);
            return 0;
        }, "journal the queued rounds");
        _journaled = [.. entries.Select(e => e.RoundId)];
    }

    public Task<long> RoundsAcceptedAsync() => Task.FromResult(_network!.RoundsSettled + _network.PendingRounds);

    public Task<int> FlushAsync()
    {
        var settled = _network!.Flush();
        SyncJournal();
        return Task.FromResult(settled?.Rounds.Count ?? 0);
    }

    public Task<string> ReportAsync(long settled, long skipped) => Task.FromResult(ReportJson.Serialize(SettlementReport.From(_network!, settled, skipped)));

    public Task<string> SnapshotAsync() => Task.FromResult(_network!.ExportSnapshot().ToJson());

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
