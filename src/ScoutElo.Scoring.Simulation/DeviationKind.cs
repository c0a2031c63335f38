namespace ScoutElo.Scoring.Simulation;

/// <summary>A strategy an honest participant of the simulated network can switch to (see <see cref="IncentiveAudit"/>).</summary>
public enum DeviationKind
{
    /// <summary>A scout serves a cheaper model than it claims: about half the quality at a fifth of the cost, and faster.</summary>
    SubstituteCheaperModel,

    /// <summary>A scout splits its stake and hardware into several identities (routing stays stake-weighted).</summary>
    Sybil,

    /// <summary>A scout joins the malicious evaluators' ring: they score its answers 1.0 instead of sabotaging them.</summary>
    ColludeWithEvaluators,

    /// <summary>A scout goes idle 30% of the time to save compute: requests it drops get no answer.</summary>
    GoFlaky,

    /// <summary>An evaluator stops evaluating and submits the last revealed consensus of the same node instead (under
    /// commit–reveal it cannot see the other evaluators' scores of the current round).</summary>
    CopyEvaluatorScores,

    /// <summary>A scout serves a 4-bit quantization of the model it claims: quality −3% (inside the consensus' resolution),
    /// serving cost −60%; its tokens differ as <see cref="ScoutProfile.Quantized"/> says.</summary>
    ServeQuantizedModel,

    /// <summary>A scout serves a smaller sibling of the model it claims: quality −8%, serving cost −80%.</summary>
    ServeDistilledModel,
}
