namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One payout row of <c>scoutelo ledger --json</c> (a <see cref="Network.PayoutEntry"/> in wire names).</summary>
/// <param name="Period">The rating period that settled the round.</param>
/// <param name="Round">The round id; null for an opening balance.</param>
/// <param name="Party">Whose budget: <c>node</c> or <c>evaluator</c>.</param>
/// <param name="Recipient">The node or evaluator id; null for withheld budget.</param>
/// <param name="Amount">Base units.</param>
/// <param name="Reason"><c>share</c>, <c>withheld</c>, <c>health-failed</c>, <c>dropped</c>, <c>unrated</c> or <c>opening</c>.</param>
public sealed record LedgerRow(long Period, string? Round, string Party, string? Recipient, UInt128 Amount, string Reason);
