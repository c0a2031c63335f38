namespace ScoutElo.Scoring.Orleans;

/// <summary>One network's settlement, hosted by a grain (key: the network's name): every silo submits rounds to it and it
/// settles each rating period exactly once, through the same <see cref="Network.ScoutNetwork"/> a single process uses.</summary>
/// <remarks>Rounds travel as traffic JSONL (<see cref="Reporting.TrafficJsonl"/>): the wire format is the documented
/// interchange, so no Orleans serializer is needed for the engine's types.</remarks>
public interface INetworkGrain : IGrainWithStringKey
{
    /// <summary>Submits a batch of rounds, given as their traffic JSONL lines, and returns once every round of it is durable
    /// (settled and committed with its period, or journaled in PostgreSQL until its period is full): one transaction per
    /// period and one per batch, not one per round.</summary>
    /// <param name="jsonl">The batch's lines (one response per line, a round's lines consecutive).</param>
    /// <returns>How many rounds were accepted and skipped.</returns>
    /// <exception cref="ArgumentException">A line or a round is invalid, or a round id names another round (the message names
    /// the line, the round and the field): the whole batch is refused and nothing of it is kept.</exception>
    /// <exception cref="IOException">PostgreSQL failed: the batch is not acknowledged (submit it again).</exception>
    Task<FleetBatchReceipt> SubmitBatchAsync(string jsonl);

    /// <summary>Rounds the network has accepted: settled plus queued (a submitter's before-and-after difference is what its run added).</summary>
    /// <returns>The count.</returns>
    Task<long> RoundsAcceptedAsync();

    /// <summary>Settles the queued rounds as a (possibly shorter) period.</summary>
    /// <returns>The number of rounds settled.</returns>
    Task<int> FlushAsync();

    /// <summary>The network's settlement report as <c>scoutelo settle --json</c> prints it (<see cref="Reporting.Results.SettlementReport"/>).</summary>
    /// <param name="settled">Rounds the caller's run settled.</param>
    /// <param name="skipped">Rounds the caller's run skipped.</param>
    /// <returns>One line of JSON.</returns>
    Task<string> ReportAsync(long settled, long skipped);

    /// <summary>The committed state as a snapshot (<see cref="Network.ScoutNetwork.ExportSnapshot"/>).</summary>
    /// <returns>The JSON text.</returns>
    Task<string> SnapshotAsync();

    /// <summary>The silo the grain is active on (for operators and failover tests).</summary>
    /// <returns>The silo address.</returns>
    Task<string> SiloAsync();
}
