using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What one end-to-end network simulation reports: <c>scoutelo simulate --json</c> is this record.</summary>
/// <param name="Leaderboard">Every scout, by rating.</param>
/// <param name="GroundTruthSpearman">Spearman of true quality and rating.</param>
/// <param name="Rewards">How the node budget was paid.</param>
/// <param name="Poq">How Proof of Quality held against the malicious evaluators.</param>
public sealed record SimulationRunReport(IReadOnlyList<SimulatedNode> Leaderboard, double GroundTruthSpearman, RewardFigures Rewards,
    [property: JsonPropertyOrder(2)] PoqFigures Poq)
{
    /// <summary>The incentive audit (counterfactual deviations), when it ran (omitted otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyOrder(1)]
    public IncentiveFigures? Incentives { get; init; }
}
