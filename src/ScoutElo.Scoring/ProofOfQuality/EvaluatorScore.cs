namespace ScoutElo.Scoring.ProofOfQuality;

/// <summary>One evaluator's score of one output in a round.</summary>
/// <param name="Evaluator">The evaluator id.</param>
/// <param name="Output">The output id (scores of the same output share one consensus).</param>
/// <param name="Score">The score (finite).</param>
public readonly record struct EvaluatorScore(string Evaluator, string Output, double Score);
