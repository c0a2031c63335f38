namespace ScoutElo.Scoring.Network;

/// <summary>One row of the payout ledger: what one round paid to one node or evaluator, or withheld, and why.</summary>
/// <remarks>The ledger holds, per settled round, one row per responding node, one per evaluator that scored, and one per
/// budget withheld; the sum of a recipient's rows equals its cumulative reward, and the sum of the withheld rows of a party
/// equals the withheld budget (<see cref="ScoutNetwork.UnallocatedNodeBudget"/>, <see cref="ScoutNetwork.UnallocatedEvaluatorBudget"/>).</remarks>
/// <param name="Period">The rating period that settled the round (for <see cref="PayoutReason.Opening"/> rows, the imported
/// snapshot's period).</param>
/// <param name="RoundId">The round; null for <see cref="PayoutReason.Opening"/> rows.</param>
/// <param name="Party">Whose budget: nodes' or evaluators'.</param>
/// <param name="Recipient">The node or evaluator id; null for <see cref="PayoutReason.Withheld"/> rows.</param>
/// <param name="Amount">Base units paid (or withheld).</param>
/// <param name="Reason">Why.</param>
public sealed record PayoutEntry(long Period, string? RoundId, PayoutParty Party, string? Recipient, UInt128 Amount, PayoutReason Reason);
