namespace ScoutElo.Scoring.Verification;

/// <summary>How a <see cref="TokenRulePolicy"/> turns per-token evidence into a score (see <see cref="TokenRuleOptions"/>).</summary>
public enum TokenRuleScoring
{
    /// <summary>Per token <c>s = 1 − min(1, |p_ref − p_node|)</c> (probabilities, not log-probabilities), snapped to 1 at or above
    /// <see cref="TokenRuleOptions.SnapScore"/>; the score is the mean of <c>s</c>; pass at or above
    /// <see cref="TokenRuleOptions.PassScore"/> (Targon's rule).</summary>
    ProbabilityScore,

    /// <summary>Per token <c>d = min(1, |p_ref − p_node|)</c>, 1 when the token's reference rank is beyond
    /// <see cref="TokenRuleOptions.DistanceTopK"/>; mean <c>D</c> scores 1 up to <see cref="TokenRuleOptions.FullScoreDistance"/>,
    /// falls linearly to 0.5 at <see cref="TokenRuleOptions.ZeroScoreDistance"/> and is 0 above it; pass when the score is
    /// positive (SN19's rule).</summary>
    ProbabilityDistance,

    /// <summary>Per position, the cosine of the node's and the reference's top-k log-probabilities over the tokens both lists
    /// hold, times the share of the reference list they cover (0 when the lists differ in length), and whether the generated
    /// token is in both lists; pass when the means reach <see cref="TokenRuleOptions.MinSimilarity"/> and
    /// <see cref="TokenRuleOptions.MinContains"/> (SN1 Apex's rule).</summary>
    TopKSimilarity,
}
