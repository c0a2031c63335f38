using ScoutElo.Scoring.ProofOfQuality;

namespace ScoutElo.Scoring.Simulation;

/// <summary>The outcome of one scenario.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Attackers">Number of malicious evaluators.</param>
/// <param name="Mae">Mean absolute error of the consensus against the true quality.</param>
/// <param name="Pearson">Pearson correlation of consensus and true quality (null when undefined).</param>
/// <param name="AttackerRewardShare">Share of the evaluator rewards paid to attackers, in [0, 1].</param>
public sealed record AdversaryResult(AdversaryScenario Scenario, int Attackers, double Mae, double? Pearson, double AttackerRewardShare);
