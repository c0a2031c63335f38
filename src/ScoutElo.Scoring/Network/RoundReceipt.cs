namespace ScoutElo.Scoring.Network;

/// <summary>The outcome of <see cref="ScoutNetwork.Submit"/>.</summary>
/// <param name="RoundId">The round id.</param>
/// <param name="Accepted">False when the round id was settled (or submitted) before: it was skipped and nothing changed.</param>
/// <param name="Settlement">The period this round completed and that was settled and committed, if any.</param>
public sealed record RoundReceipt(string RoundId, bool Accepted, PeriodSettlement? Settlement);
