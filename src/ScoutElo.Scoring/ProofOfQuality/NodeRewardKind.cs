namespace ScoutElo.Scoring.ProofOfQuality;

/// <summary>How an inference node's share of a round's reward budget is computed (see <see cref="NodeRewardRule"/>).</summary>
public enum NodeRewardKind
{
    /// <summary>
    /// Quality-gated (the default): <c>share = passes · quality · routingWeight</c>. Cost never enters the share, so a node that
    /// lowers its quality earns less whatever it saves. Incentive compatible by construction.
    /// </summary>
    QualityGated,

    /// <summary>
    /// Cost-aware PoQ (arXiv 2512.16317): <c>share = passes · routingWeight · max(0, α·quality − β·normalizedCost)</c>, with
    /// β limited to the safe region <c>β ≤ α·QualityResolution</c>.
    /// </summary>
    CostAware,
}
