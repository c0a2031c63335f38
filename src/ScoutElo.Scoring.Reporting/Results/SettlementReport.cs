using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>A network's settled state after a run: <c>scoutelo settle --json</c>, <c>leaderboard --json</c> and the fleet
/// host's <c>--json</c> are this record, serialized by <see cref="ReportJson"/>. The round counts are this run's; everything
/// else is the cumulative state.</summary>
/// <param name="RoundsSettled">Rounds this run settled.</param>
/// <param name="RoundsSkipped">Rounds this run skipped because they were settled before.</param>
/// <param name="Unallocated">Node budget withheld so far (rounds nobody earned).</param>
/// <param name="UnallocatedEvaluatorBudget">Evaluator budget withheld so far.</param>
/// <param name="Periods">Rating periods settled so far.</param>
/// <param name="TotalRoundsSettled">Rounds settled so far.</param>
/// <param name="LastRound">The last settled round's id, or null.</param>
/// <param name="Nodes">Every node, ranked as the engine ranks them.</param>
/// <param name="Evaluators">Every evaluator, ordered by id.</param>
public sealed record SettlementReport(long RoundsSettled, long RoundsSkipped, UInt128 Unallocated, UInt128 UnallocatedEvaluatorBudget, long Periods,
    long TotalRoundsSettled, string? LastRound, IReadOnlyList<SettledNode> Nodes, IReadOnlyList<EvaluatorStanding> Evaluators)
{
    /// <summary>Every node, ranked as the engine ranks them; a read-only copy.</summary>
    public IReadOnlyList<SettledNode> Nodes { get; init; } = [.. Nodes];

    /// <summary>Every evaluator, ordered by id; a read-only copy.</summary>
    public IReadOnlyList<EvaluatorStanding> Evaluators { get; init; } = [.. Evaluators];

    /// <summary>The report of a network's state after a run.</summary>
    /// <param name="network">The network.</param>
    /// <param name="settled">Rounds this run settled.</param>
    /// <param name="skipped">Rounds this run skipped.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public static SettlementReport From(ScoutNetwork network, long settled, long skipped)
    {
        ArgumentNullException.ThrowIfNull(network);
        var nodes = network.Nodes().Select((n, i) => new SettledNode(i + 1, n.Node, n.Rating, n.Low, n.High, n.Deviation, n.Volatility, n.Elo, n.Reward,
            n.Responses, n.Dropped, n.MeanQuality, n.MeanPerformance, WireName.Of(n.Health), n.ClaimedModel, WireName.Of(n.Verification.Outcome), n.Verification.Reason)).ToList();
        return new SettlementReport(settled, skipped, network.UnallocatedNodeBudget, network.UnallocatedEvaluatorBudget, network.Periods,
            network.RoundsSettled, network.LastSettledRound, nodes, [.. network.Evaluators()]);
    }
}
