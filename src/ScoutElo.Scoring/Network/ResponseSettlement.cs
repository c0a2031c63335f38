namespace ScoutElo.Scoring.Network;

/// <summary>One settled response.</summary>
/// <param name="ResponseId">The response id.</param>
/// <param name="Node">The node.</param>
/// <param name="InRoundConsensus">The trust-weighted consensus with the trust as of the round (what trust learned from); null
/// when no evaluator scored it.</param>
/// <param name="Quality">The settled consensus (trust as of the period's end), or the engine scorer's composite when no evaluator
/// scored it; null when neither could judge it (then it is not paid and plays no match).</param>
/// <param name="Performance">Its performance <c>k1·EEL + k2·SU + k3·OTS</c> (0 for a dropped request).</param>
/// <param name="Dropped">Whether the node dropped the request.</param>
/// <param name="PassesHealthCheck">Whether it counted as healthy (answered, rated, and the node not failing its checks).</param>
/// <param name="Reward">The node's payout for this round (all its responses in the round).</param>
public sealed record ResponseSettlement(string ResponseId, string Node, double? InRoundConsensus, double? Quality, double Performance, bool Dropped,
    bool PassesHealthCheck, UInt128 Reward)
{
    /// <summary>The rule policy's verdict on this response's token evidence (<see cref="VerificationOptions.RulePolicy"/>); null
    /// when no rule policy is set or the response carried no evidence.</summary>
    public Verification.VerificationVerdict? Verification { get; init; }
}
