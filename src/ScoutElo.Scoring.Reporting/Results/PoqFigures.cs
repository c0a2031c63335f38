namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>How Proof of Quality held in a simulation.</summary>
/// <param name="Rule">The aggregation rule's wire name.</param>
/// <param name="Evaluators">Evaluators.</param>
/// <param name="MaliciousEvaluators">Malicious evaluators among them.</param>
/// <param name="ConsensusMae">Mean absolute error of the consensus against honest scoring.</param>
/// <param name="MaliciousRewardShare">The malicious evaluators' share of evaluator rewards.</param>
/// <param name="MaliciousHeadcountShare">Their share of the evaluators.</param>
public sealed record PoqFigures(string Rule, int Evaluators, int MaliciousEvaluators, double ConsensusMae, double MaliciousRewardShare, double MaliciousHeadcountShare);
