namespace ScoutElo.Scoring.Ranking;

/// <summary>The fitted model.</summary>
/// <param name="Ratings">Ratings ordered by rating, highest first (ties by node id).</param>
/// <param name="Iterations">Newton iterations of the full-data fit.</param>
/// <param name="PriorDraws">The virtual draws used (0 for the pure maximum-likelihood estimate).</param>
public sealed record BradleyTerryResult(IReadOnlyList<BradleyTerryRating> Ratings, int Iterations, double PriorDraws)
{
    /// <summary>The tie model fitted.</summary>
    public TieModel TieModel { get; init; }

    /// <summary>One tie parameter per log (empty for <see cref="Ranking.TieModel.HalfWin"/>), ordered by log index.</summary>
    public IReadOnlyList<TieParameter> Ties { get; init; } = [];

    /// <summary>One coefficient per style feature (empty without style covariates), in the options' order.</summary>
    public IReadOnlyList<StyleCoefficient> Style { get; init; } = [];

    /// <summary>Bootstrap resamples that were degenerate: redrawn because a node was cut off, or regularised by 10⁻⁶ virtual
    /// draws because some node never won or never lost in them. 0 for sandwich intervals.</summary>
    public int DegenerateResamples { get; init; }
}
