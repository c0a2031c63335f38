namespace ScoutElo.Scoring.Simulation;

/// <summary>The outcome of a network simulation.</summary>
/// <param name="Leaderboard">Scout identities by rating, best first.</param>
/// <param name="GroundTruthSpearman">Spearman correlation of true quality and final rating.</param>
/// <param name="RewardSpearman">Spearman correlation of true quality and cumulative reward.</param>
/// <param name="ConsensusMae">Mean absolute error of the in-round PoQ consensus against honest scoring (what the honest
/// evaluators would agree on without noise), not against true quality: it measures the attack's effect on consensus.</param>
/// <param name="MaliciousEvaluators">Number of malicious evaluators.</param>
/// <param name="MaliciousRewardShare">Share of evaluator rewards paid to malicious evaluators.</param>
/// <param name="MaliciousHeadcountShare">Their share of the evaluator headcount.</param>
/// <param name="Profiles">Rewards by scout profile.</param>
/// <param name="OperatorRewards">Cumulative node reward per operator index (sybil identities summed).</param>
/// <param name="EvaluatorRewards">Cumulative reward per evaluator index.</param>
/// <param name="UnallocatedNodeBudget">Node budget withheld because no response of its round earned a share (nobody passed).</param>
/// <param name="Trajectories">Rating snapshots: round → rating per scout identity.</param>
/// <param name="QualityPoints">Sampled (true quality, settled consensus) pairs for a calibration chart.</param>
public sealed record NetworkSimulationResult(
    IReadOnlyList<LeaderboardEntry> Leaderboard,
    double GroundTruthSpearman,
    double RewardSpearman,
    double ConsensusMae,
    int MaliciousEvaluators,
    double MaliciousRewardShare,
    double MaliciousHeadcountShare,
    IReadOnlyList<ProfileRewards> Profiles,
    IReadOnlyList<UInt128> OperatorRewards,
    IReadOnlyList<UInt128> EvaluatorRewards,
    UInt128 UnallocatedNodeBudget,
    IReadOnlyList<RatingSnapshot> Trajectories,
    IReadOnlyList<QualityPoint> QualityPoints)
{
    /// <summary>Cumulative serving cost per operator index, in reward base units (cost in USD ×
    /// <see cref="NetworkSimulationOptions.RewardUnitsPerUsd"/>); profit is reward minus this.</summary>
    public IReadOnlyList<double> OperatorCosts { get; init; } = [];
}
