namespace ScoutElo.Scoring.ProofOfQuality;

/// <summary>One round's payouts.</summary>
/// <param name="Round">The round number (0-based, in recording order).</param>
/// <param name="Payouts">Participant id → payout in base units, ordered by id.</param>
internal sealed record RoundPayout(long Round, IReadOnlyDictionary<string, UInt128> Payouts);
