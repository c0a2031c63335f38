namespace ScoutElo.Scoring.Orleans;

/// <summary>What <see cref="INetworkGrain.SubmitBatchAsync"/> made durable: the batch's rounds are acknowledged together.</summary>
/// <param name="Accepted">Rounds newly accepted (settled with their period, or journaled until it is full).</param>
/// <param name="Skipped">Rounds submitted before with the same content (skipped, never paid twice).</param>
/// <param name="Periods">Rating periods the network has committed after this batch.</param>
[GenerateSerializer, Immutable]
public sealed record FleetBatchReceipt([property: Id(0)] int Accepted, [property: Id(1)] int Skipped, [property: Id(2)] long Periods);
