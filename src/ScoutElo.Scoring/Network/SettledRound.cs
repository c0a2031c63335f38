namespace ScoutElo.Scoring.Network;

/// <summary>A settled round as the store records it.</summary>
/// <param name="RoundId">The round id (unique in a store).</param>
/// <param name="Sequence">Its position in settlement order, from 1.</param>
/// <param name="Period">The rating period that settled it.</param>
/// <param name="ContentHash">SHA-256 of the round's content (lower-case hex; ScoutElo's canonical encoding of every field that
/// settlement reads), so a round id submitted again with different content is refused; null for a round settled before
/// content hashes existed (store schema 1, snapshot schemas 1 and 2), which is skipped on a second submission as it was then.</param>
public sealed record SettledRound(string RoundId, long Sequence, long Period, string? ContentHash);
