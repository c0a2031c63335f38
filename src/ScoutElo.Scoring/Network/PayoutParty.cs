namespace ScoutElo.Scoring.Network;

/// <summary>Whose budget a payout row (<see cref="PayoutEntry"/>) belongs to.</summary>
public enum PayoutParty
{
    /// <summary>The node budget (<see cref="NetworkOptions.NodeBudgetPerRound"/>).</summary>
    Node,

    /// <summary>The evaluator budget (<see cref="NetworkOptions.EvaluatorBudgetPerRound"/>).</summary>
    Evaluator,
}
