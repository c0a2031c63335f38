namespace ScoutElo.Scoring.Judging;

/// <summary>The target of selective judging: with probability at least 1 − <see cref="Delta"/>, the verdicts a judge keeps
/// agree with people at least 1 − <see cref="Alpha"/> of the time.</summary>
public sealed record SelectiveJudgingOptions
{
    /// <summary>The tolerated disagreement rate α ∈ (0, 1); default 0.15 (the paper's).</summary>
    public double Alpha { get; init; } = 0.15;

    /// <summary>The error level δ ∈ (0, 1) of the calibration; default 0.1 (the paper's).</summary>
    public double Delta { get; init; } = 0.1;

    /// <summary>A threshold is a candidate only when at least this many calibration items reach it (default 30, the paper's):
    /// fewer give a bound too loose to be worth testing.</summary>
    public int MinItems { get; init; } = 30;

    /// <summary>Candidate thresholds: this many points evenly spaced over [0, 1], fixed before any label is seen (default
    /// 5000, the paper's).</summary>
    public int GridSize { get; init; } = 5000;

    /// <summary>When true, each of k judges is calibrated at δ/k (Bonferroni), so the guarantee holds for the whole cascade
    /// at once with probability ≥ 1 − δ; when false (the paper's procedure, the default), each judge's guarantee holds with
    /// probability ≥ 1 − δ and all of them together with ≥ 1 − kδ.</summary>
    public bool SplitDelta { get; init; }

    internal void Validate(string paramName)
    {
        if (!double.IsFinite(Alpha) || Alpha is <= 0 or >= 1) throw new ArgumentOutOfRangeException(paramName, Alpha, "Alpha must be in (0, 1).");
        if (!double.IsFinite(Delta) || Delta is <= 0 or >= 1) throw new ArgumentOutOfRangeException(paramName, Delta, "Delta must be in (0, 1).");
        if (MinItems < 1) throw new ArgumentOutOfRangeException(paramName, MinItems, "MinItems must be at least 1.");
        if (GridSize < 2) throw new ArgumentOutOfRangeException(paramName, GridSize, "GridSize must be at least 2.");
    }
}
