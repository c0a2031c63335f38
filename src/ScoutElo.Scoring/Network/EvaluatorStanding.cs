namespace ScoutElo.Scoring.Network;

/// <summary>An evaluator's standing in a <see cref="ScoutNetwork"/>.</summary>
/// <param name="Evaluator">The evaluator id.</param>
/// <param name="Trust">Its adaptive trust.</param>
/// <param name="Reward">Cumulative evaluator reward, in integer base units.</param>
/// <param name="Scores">Scores it submitted that were settled (responses and spot checks).</param>
public sealed record EvaluatorStanding(string Evaluator, double Trust, UInt128 Reward, long Scores);
