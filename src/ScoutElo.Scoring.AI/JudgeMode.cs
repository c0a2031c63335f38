namespace ScoutElo.Scoring.AI;

/// <summary>How the judge scores a response.</summary>
public enum JudgeMode
{
    /// <summary>Rubric score on a numeric scale, parsed from a <c>&lt;score&gt;N&lt;/score&gt;</c> tag.</summary>
    Pointwise = 0,
    /// <summary>Comparison with a baseline ("average LLM") answer in both orders; disagreement between the orders is a tie.</summary>
    Pairwise = 1,
}
