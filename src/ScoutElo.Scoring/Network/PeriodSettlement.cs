namespace ScoutElo.Scoring.Network;

/// <summary>What one settled rating period did: per round, the settled responses and the payouts.</summary>
/// <param name="Period">The 1-based period number over the network's lifetime.</param>
/// <param name="Rounds">The rounds settled, in submission order.</param>
/// <param name="Matches">Pairwise matches applied to Glicko-2 and Elo.</param>
public sealed record PeriodSettlement(long Period, IReadOnlyList<RoundSettlement> Rounds, int Matches);
