namespace ScoutElo.Scoring.AI;

/// <summary>Where a judge's confidence came from.</summary>
public enum JudgeConfidenceSource
{
    /// <summary>No confidence (no sample, or a single pointwise sample without log-probabilities).</summary>
    None,

    /// <summary>The endpoint's token log-probabilities at the verdict or score token.</summary>
    LogProbabilities,

    /// <summary>Agreement over the judge's runs: its samples, and for pairwise judging both orders of each.</summary>
    Runs,
}
