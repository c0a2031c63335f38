using Microsoft.Extensions.Options;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Storage.Sqlite;

namespace ScoutElo.Scoring.Orleans;

/// <summary>The grain that settles one network (see <see cref="INetworkGrain"/>).</summary>
/// <remarks>
/// <para><b>What is sequential, and why.</b> Settlement is one sequential computation per period: every response's consensus
/// weighs all of its evaluators' trust, trust learns round after round, routing weights read every node's rating, and one
/// Glicko-2/Elo batch updates all nodes of the period together. Splitting that state across grains would need the same
/// global order to reproduce the single-process engine bit for bit, so the state lives in one grain per network, which
/// Orleans keeps single-activation and turn-based: concurrent submissions from any silo are serialized, and the same round
/// submitted twice is settled once. What scales out is everything around it — the evaluators' scoring and judging (for
/// example on <see cref="IScoringWorkerGrain"/>, a stateless worker on every silo) happens before a round is submitted.</para>
/// <para><b>Durable.</b> A round is acknowledged only when it is in the journal (or committed with its period); the committed
/// state is the engine's SQLite store. An activation on another silo after a failure loads the committed state and replays the
/// journal, so nothing acknowledged is lost and the store's unique round ids and period check mean nothing is paid twice.</para>
/// </remarks>
internal sealed class NetworkGrain(IOptions<FleetOptions> options) : Grain, INetworkGrain, IDisposable
{
    private SqliteNetworkStateStore? _store;
    private RoundJournal? _journal;
    private ScoutNetwork? _network;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.StateDirectory)) throw new InvalidOperationException("FleetOptions.StateDirectory is required.");
        Directory.CreateDirectory(o.StateDirectory);
        string id = this.GetPrimaryKeyString();
        if (id.Length == 0 || id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) throw new InvalidOperationException($"Network id '{id}' is not usable as a file name.");
        _store = new SqliteNetworkStateStore(Path.Combine(o.StateDirectory, id + ".db"));
        _journal = new RoundJournal(Path.Combine(o.StateDirectory, id + ".journal.db"));
        _network = new ScoutNetwork(o.Network, _store);
        foreach (var jsonl in _journal.ReadAll())
        {
            foreach (var t in TrafficJsonl.Read(new StringReader(jsonl), "journal")) Submit(t.Round);
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public Task<bool> SubmitAsync(string roundJsonl)
    {
        ArgumentNullException.ThrowIfNull(roundJsonl);
        var rounds = TrafficJsonl.Read(new StringReader(roundJsonl), "submitted round").ToList();
        if (rounds.Count != 1) throw new ArgumentException($"Expected the lines of exactly one round, got {rounds.Count}.", nameof(roundJsonl));
        var round = rounds[0].Round;
        bool accepted = Submit(round);
        if (accepted && _network!.PendingRounds > 0) _journal!.Append(round.RoundId, roundJsonl); // durable before the acknowledgement
        return Task.FromResult(accepted);
    }

    private bool Submit(ObservedRound round)
    {
        var receipt = _network!.Submit(round);
        if (receipt.Settlement is not null) _journal!.Clear(); // the period is committed: its journal entries are settled
        return receipt.Accepted;
    }

    public Task<int> FlushAsync()
    {
        var settled = _network!.Flush();
        if (settled is not null) _journal!.Clear();
        return Task.FromResult(settled?.Rounds.Count ?? 0);
    }

    public Task<string> SnapshotAsync() => Task.FromResult(_network!.ExportSnapshot().ToJson());

    public Task<string> SiloAsync() => Task.FromResult(RuntimeIdentity);

    public void Dispose()
    {
        _journal?.Dispose();
        _store?.Dispose();
        _journal = null;
        _store = null;
    }
}
