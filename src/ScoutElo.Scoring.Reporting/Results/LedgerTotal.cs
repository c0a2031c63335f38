namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>The sum of a recipient's ledger rows beside what the standings hold for it (<c>scoutelo ledger --json</c>).</summary>
/// <param name="Party">Whose budget: <c>node</c> or <c>evaluator</c>.</param>
/// <param name="Recipient">The node or evaluator id; null for the withheld budget.</param>
/// <param name="Amount">The sum of the rows read.</param>
/// <param name="Standing">The cumulative reward (or withheld budget) of the standings; null when the rows were filtered by
/// round (a part of the history does not sum to the whole).</param>
public sealed record LedgerTotal(string Party, string? Recipient, UInt128 Amount, UInt128? Standing);
