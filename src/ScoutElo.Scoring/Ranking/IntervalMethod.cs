namespace ScoutElo.Scoring.Ranking;

/// <summary>How <see cref="BradleyTerry"/> computes confidence intervals.</summary>
public enum IntervalMethod
{
    /// <summary>Robust sandwich covariance <c>I⁺ B I⁺</c> (information I, outer product of match residuals B).</summary>
    Sandwich = 0,
    /// <summary>Seeded Poisson bootstrap of the match log, percentile intervals.</summary>
    Bootstrap = 1,
}
