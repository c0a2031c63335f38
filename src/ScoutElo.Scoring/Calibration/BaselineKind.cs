namespace ScoutElo.Scoring.Calibration;

/// <summary>What a baseline is.</summary>
public enum BaselineKind
{
    /// <summary>One dimension alone (in-sample correlation; no fitting involved).</summary>
    Dimension = 0,
    /// <summary>One external evaluator from the judgments (the mean of its samples).</summary>
    Evaluator = 1,
    /// <summary>The mean of the external evaluators (each rescaled to [0, 1]).</summary>
    ConsensusMean = 2,
    /// <summary>The median of the external evaluators (each rescaled to [0, 1]).</summary>
    ConsensusMedian = 3,
}
