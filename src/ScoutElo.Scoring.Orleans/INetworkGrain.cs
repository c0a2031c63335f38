using ScoutElo.Scoring.Reporting;
namespace ScoutElo.Scoring.Orleans;

/// <summary>One network's settlement, hosted by a grain (key: the network id): every silo submits rounds to it and it settles
/// each rating period exactly once, through the same <see cref="Network.ScoutNetwork"/> a single process uses.</summary>
/// <remarks>Rounds travel as traffic JSONL (<see cref="TrafficJsonl"/>): the wire format is the documented
/// interchange, so no Orleans serializer is needed for the engine's types.</remarks>
public interface INetworkGrain : IGrainWithStringKey
{
    /// <summary>Submits one round, given as its traffic JSONL lines. Returns when the round is durable: journaled, or settled
    /// and committed with its period.</summary>
    /// <param name="roundJsonl">The round's lines (one response per line).</param>
    /// <returns>False when the round id was submitted before (it is skipped, never paid twice).</returns>
    Task<bool> SubmitAsync(string roundJsonl);

    /// <summary>Settles the queued rounds as a (possibly shorter) period.</summary>
    /// <returns>The number of rounds settled.</returns>
    Task<int> FlushAsync();

    /// <summary>The committed snapshot (<see cref="Network.NetworkSnapshot.ToJson"/>).</summary>
    /// <returns>The JSON text.</returns>
    Task<string> SnapshotAsync();

    /// <summary>The silo the grain is active on (for operators and failover tests).</summary>
    /// <returns>The silo address.</returns>
    Task<string> SiloAsync();
}
