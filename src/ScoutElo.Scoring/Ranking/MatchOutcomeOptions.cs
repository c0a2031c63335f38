namespace ScoutElo.Scoring.Ranking;

/// <summary>Options of <see cref="MatchOutcomeRule"/>.</summary>
public sealed record MatchOutcomeOptions
{
    /// <summary>Weight λ of quality against performance in a scout's combined score. <value>Default 0.6; in [0, 1].</value></summary>
    public double QualityWeight { get; init; } = 0.6;

    /// <summary>Combined-score difference that counts as a full win. <value>Default 0.2; positive.</value></summary>
    public double WinMargin { get; init; } = 0.2;

    /// <summary>Report only win (1), draw (0.5) or loss (0) instead of a graded outcome. <value>Default <see langword="false"/>.</value></summary>
    public bool WinDrawLoss { get; init; }

    /// <summary>Half-width of the draw band in win/draw/loss mode. <value>Default 0.05; non-negative.</value></summary>
    public double DrawMargin { get; init; } = 0.05;
}
