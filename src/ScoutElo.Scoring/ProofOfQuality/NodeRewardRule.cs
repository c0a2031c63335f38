namespace ScoutElo.Scoring.ProofOfQuality;

/// <summary>The rule that turns one response's consensus quality, cost, health check and the node's rating into its share of
/// a round's node-reward budget.</summary>
/// <remarks>
/// <para><b>Design (ScoutElo's own; the PoQ papers publish no incentive analysis).</b> A reward rule is incentive compatible
/// when no node can earn more by serving worse answers. The cost-aware rule of arXiv 2512.16317, <c>α·q − β·c/c_max</c>,
/// is not: a node that swaps its model for one half as good and five times cheaper gains <c>β·0.8 − α·Δq</c>, which is
/// positive for the paper's α = 1, β = 0.5 whenever the quality drop Δq is below 0.4. Hence:</para>
/// <list type="bullet">
/// <item><see cref="NodeRewardKind.QualityGated"/> (default) pays <c>passes · q · w</c>: <c>passes</c> is 0 while the node
/// fails its claimed-model health check (<see cref="ClaimedModelHealthCheck"/>), <c>q</c> is the consensus quality and
/// <c>w</c> is the routing weight from the node's rating (<see cref="RoutingWeight"/>), which equals, in expectation, routing
/// traffic by rating and paying per response. The share is non-decreasing in quality and does not depend on cost at all, so
/// lowering quality never pays, at any saving. Cost efficiency is left to routing (a gateway picks the cheaper of two nodes
/// with equal rating), not to the per-response payout.</item>
/// <item><see cref="NodeRewardKind.CostAware"/> keeps the paper's rule for networks that want cost in the payout, but only in
/// its safe region: with costs normalized to [0, 1] a cost saving is worth at most β, so a quality drop of at least
/// <see cref="QualityResolution"/> δ never pays exactly when <c>β ≤ α·δ</c>. The constructor rejects any β outside that
/// region. Drops smaller than δ are below what the consensus can resolve and are left to the health check.</item>
/// </list>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record NodeRewardRule
{
    /// <summary>The quality-gated default: <c>passes · quality · routingWeight</c>.</summary>
    public static NodeRewardRule QualityGated { get; } = new(NodeRewardKind.QualityGated, 1.0, 0.0, 0.1);

    private NodeRewardRule(NodeRewardKind kind, double alpha, double beta, double qualityResolution)
    {
        Kind = kind;
        Alpha = alpha;
        Beta = beta;
        QualityResolution = qualityResolution;
    }

    /// <summary>Which rule.</summary>
    public NodeRewardKind Kind { get; }

    /// <summary>Quality weight α (&gt; 0).</summary>
    public double Alpha { get; }

    /// <summary>Cost weight β (0 for <see cref="NodeRewardKind.QualityGated"/>).</summary>
    public double Beta { get; }

    /// <summary>The smallest quality drop δ (on the [0, 1] scale) that must never pay, whatever the cost saving.</summary>
    public double QualityResolution { get; }

    /// <summary>The largest safe cost weight for a quality weight and resolution: <c>β_max = α·δ</c>.</summary>
    /// <param name="alpha">Quality weight α (finite, positive).</param>
    /// <param name="qualityResolution">δ in (0, 1].</param>
    /// <returns><c>α·δ</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double MaxSafeBeta(double alpha, double qualityResolution)
    {
        if (!double.IsFinite(alpha) || alpha <= 0) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be finite and positive.");
        if (!double.IsFinite(qualityResolution) || qualityResolution is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(qualityResolution), qualityResolution, "qualityResolution must be in (0, 1].");
        return alpha * qualityResolution;
    }

    /// <summary>The cost-aware rule <c>max(0, α·quality − β·normalizedCost)</c>, restricted to its incentive-compatible region.</summary>
    /// <param name="alpha">Quality weight α (finite, positive).</param>
    /// <param name="beta">Cost weight β in [0, α·δ].</param>
    /// <param name="qualityResolution">δ in (0, 1]: quality drops of at least δ must never pay. Default 0.1.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">β is negative or above <c>α·δ</c> (cheating would pay), or α or δ is out of range.</exception>
    public static NodeRewardRule CostAware(double alpha, double beta, double qualityResolution = 0.1)
    {
        double max = MaxSafeBeta(alpha, qualityResolution);
        if (!double.IsFinite(beta) || beta < 0) throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be finite and non-negative.");
        if (beta > max)
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta,
                $"beta = {beta} lets a node earn more by cutting quality by {qualityResolution} to save cost; the safe region is beta <= alpha * qualityResolution = {max}.");
        }
        return new NodeRewardRule(NodeRewardKind.CostAware, alpha, beta, qualityResolution);
    }

    /// <summary>The share of one response.</summary>
    /// <param name="quality">Consensus quality in [0, 1].</param>
    /// <param name="normalizedCost">Cost normalized to [0, 1] (ignored by <see cref="NodeRewardKind.QualityGated"/>).</param>
    /// <param name="passesHealthCheck">Whether the node currently passes its claimed-model health check.</param>
    /// <param name="routingWeight">Routing weight in [0, 1] (<see cref="RoutingWeight"/>; 1 to ignore ratings).</param>
    /// <returns>A non-negative share, non-decreasing in <paramref name="quality"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside [0, 1].</exception>
    public double Share(double quality, double normalizedCost, bool passesHealthCheck, double routingWeight)
    {
        Internal.Guard.UnitInterval(quality);
        Internal.Guard.UnitInterval(normalizedCost);
        Internal.Guard.UnitInterval(routingWeight);
        if (!passesHealthCheck) return 0;
        double value = Kind == NodeRewardKind.QualityGated ? Alpha * quality : Math.Max(0, (Alpha * quality) - (Beta * normalizedCost));
        return value * routingWeight;
    }

    /// <summary>Routing weight of a node from its rating: the expected score of its conservative rating against the reference
    /// rating, <c>1 / (1 + 10^(−(rating − 2·deviation − reference) / 400))</c>.</summary>
    /// <param name="rating">The node's rating (finite).</param>
    /// <param name="deviation">Its rating deviation (finite, non-negative; 0 for Elo).</param>
    /// <param name="reference">The reference rating, usually the initial rating (finite).</param>
    /// <returns>A weight in [0, 1], increasing in rating and decreasing in deviation.</returns>
    /// <remarks>ScoutElo's own choice: using the lower 95% bound means an identity earns full weight only once its rating is
    /// established, so splitting into new identities (sybils) dilutes games and lowers every identity's weight.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not finite, or the deviation is negative.</exception>
    public static double RoutingWeight(double rating, double deviation, double reference)
    {
        if (!double.IsFinite(rating)) throw new ArgumentOutOfRangeException(nameof(rating), rating, "rating must be finite.");
        if (!double.IsFinite(deviation) || deviation < 0) throw new ArgumentOutOfRangeException(nameof(deviation), deviation, "deviation must be finite and non-negative.");
        if (!double.IsFinite(reference)) throw new ArgumentOutOfRangeException(nameof(reference), reference, "reference must be finite.");
        double z = Math.Clamp((rating - (2 * deviation) - reference) / 400.0, -300, 300);
        return 1.0 / (1.0 + Math.Pow(10, -z));
    }
}
