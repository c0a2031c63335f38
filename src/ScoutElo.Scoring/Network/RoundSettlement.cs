namespace ScoutElo.Scoring.Network;

/// <summary>One settled round.</summary>
/// <param name="RoundId">The round id.</param>
/// <param name="Responses">Its responses, in submission order.</param>
/// <param name="NodePayouts">Node payouts (ordinal by node id); they sum to the node budget unless it was withheld.</param>
/// <param name="EvaluatorPayouts">Evaluator payouts (ordinal by id); they sum to the evaluator budget unless it was withheld.</param>
/// <param name="WithheldNodeBudget">Node budget withheld because no response earned a share (0 or the whole budget).</param>
/// <param name="WithheldEvaluatorBudget">Evaluator budget withheld because no evaluator scored the round (0 or the whole budget).</param>
public sealed record RoundSettlement(string RoundId, IReadOnlyList<ResponseSettlement> Responses, IReadOnlyDictionary<string, UInt128> NodePayouts,
    IReadOnlyDictionary<string, UInt128> EvaluatorPayouts, UInt128 WithheldNodeBudget, UInt128 WithheldEvaluatorBudget);
