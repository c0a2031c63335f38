using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What a network paid to whom, when and why: <c>scoutelo ledger --json</c>, serialized by <see cref="ReportJson"/>.</summary>
/// <param name="Periods">Rating periods settled.</param>
/// <param name="TotalRoundsSettled">Rounds settled.</param>
/// <param name="Node">The node filter, if any.</param>
/// <param name="Evaluator">The evaluator filter, if any.</param>
/// <param name="Round">The round filter, if any.</param>
/// <param name="Rows">The matching rows, in settlement order.</param>
/// <param name="Totals">Per recipient (and per withheld budget), the rows' sum beside the standings.</param>
/// <param name="SumsToStandings">Whether every total equals its standing; null when filtered by round.</param>
public sealed record LedgerReport(long Periods, long TotalRoundsSettled, string? Node, string? Evaluator, string? Round, IReadOnlyList<LedgerRow> Rows,
    IReadOnlyList<LedgerTotal> Totals, bool? SumsToStandings)
{
    /// <summary>The matching rows; a read-only copy.</summary>
    public IReadOnlyList<LedgerRow> Rows { get; init; } = [.. Rows];

    /// <summary>The totals; a read-only copy.</summary>
    public IReadOnlyList<LedgerTotal> Totals { get; init; } = [.. Totals];

    /// <summary>Reads the ledger of a network's store, filtered, with each recipient's total beside its standing.</summary>
    /// <param name="network">The network (its store holds the ledger).</param>
    /// <param name="node">Only this node's rows; null for all.</param>
    /// <param name="evaluator">Only this evaluator's rows; null for all.</param>
    /// <param name="round">Only this round's rows; null for all.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">Both <paramref name="node"/> and <paramref name="evaluator"/> are given.</exception>
    public static LedgerReport From(ScoutNetwork network, string? node = null, string? evaluator = null, string? round = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (node is not null && evaluator is not null) throw new ArgumentException("Filter by a node or by an evaluator, not both.", nameof(evaluator));
        var query = new LedgerQuery
        {
            Recipient = node ?? evaluator,
            RoundId = round,
            Party = node is not null ? PayoutParty.Node : evaluator is not null ? PayoutParty.Evaluator : null,
        };
        var entries = network.Ledger(query);
        var rows = LedgerRows.Of(entries);
        var sums = LedgerRows.Sums(entries);
        var rewards = network.Nodes().ToDictionary(n => n.Node, n => n.Reward, StringComparer.Ordinal);
        var evaluatorRewards = network.Evaluators().ToDictionary(e => e.Evaluator, e => e.Reward, StringComparer.Ordinal);
        if (round is null)
        {
            // Recipients the standings pay that have no row (a state imported without its balances would show here).
            foreach (var (id, reward) in rewards) if (reward > 0 && (node is null || node == id) && evaluator is null) sums.TryAdd((PayoutParty.Node, id), UInt128.Zero);
            foreach (var (id, reward) in evaluatorRewards) if (reward > 0 && (evaluator is null || evaluator == id) && node is null) sums.TryAdd((PayoutParty.Evaluator, id), UInt128.Zero);
        }
        var totals = sums.Select(p => new LedgerTotal(WireName.Of(p.Key.Party), p.Key.Recipient.Length == 0 ? null : p.Key.Recipient, p.Value, round is not null ? null
            : p.Key.Recipient.Length == 0 ? (p.Key.Party == PayoutParty.Node ? network.UnallocatedNodeBudget : network.UnallocatedEvaluatorBudget)
            : (p.Key.Party == PayoutParty.Node ? rewards : evaluatorRewards).GetValueOrDefault(p.Key.Recipient))).ToList();
        return new LedgerReport(network.Periods, network.RoundsSettled, node, evaluator, round, rows, totals, round is null ? totals.All(t => t.Amount == t.Standing) : null);
    }
}
