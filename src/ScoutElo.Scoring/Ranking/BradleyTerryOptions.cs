namespace ScoutElo.Scoring.Ranking;

/// <summary>Options of <see cref="BradleyTerry"/>.</summary>
public sealed record BradleyTerryOptions
{
    /// <summary>Rating of a node of geometric-mean strength (when no <see cref="Anchor"/> is set). <value>Default 1000.</value></summary>
    public double BaseRating { get; init; } = 1000;

    /// <summary>Confidence level of the intervals. <value>Default 0.95; in (0, 1).</value></summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Interval method. <value>Default <see cref="IntervalMethod.Sandwich"/>.</value></summary>
    public IntervalMethod Intervals { get; init; } = IntervalMethod.Sandwich;

    /// <summary>Bootstrap rounds. <value>Default 500; at least 10.</value></summary>
    public int BootstrapRounds { get; init; } = 500;

    /// <summary>Bootstrap seed. <value>Default 1.</value></summary>
    public int Seed { get; init; } = 1;

    /// <summary>Virtual draws of every node against a node of average strength, making the estimate finite when some node
    /// never wins or never loses. Null means automatic: 0 when the maximum-likelihood estimate exists (or an
    /// <see cref="L2"/> penalty on the ratings makes it finite), 0.5 otherwise. <value>Default null.</value></summary>
    public double? PriorDraws { get; init; }

    /// <summary>The tie model. <value>Default <see cref="TieModel.HalfWin"/>.</value></summary>
    public TieModel Ties { get; init; } = TieModel.HalfWin;

    /// <summary>What a "both bad" tie is. <value>Default <see cref="BothBadPolicy.Tie"/>.</value></summary>
    public BothBadPolicy BothBad { get; init; } = BothBadPolicy.Tie;

    /// <summary>A node pinned at a fixed rating, or null for ratings around <see cref="BaseRating"/>. <value>Default null.</value></summary>
    public RatingAnchor? Anchor { get; init; }

    /// <summary>An L2 penalty (the arena's C), or null for the maximum-likelihood fit. <value>Default null.</value></summary>
    public L2Penalty? L2 { get; init; }

    /// <summary>What comparison weights mean to the intervals. <value>Default <see cref="WeightKind.Frequency"/>.</value></summary>
    public WeightKind Weights { get; init; } = WeightKind.Frequency;

    /// <summary>Names of the style covariates, one per entry of <see cref="PairwiseComparison.FeaturesA"/>; empty for none.
    /// Covariate k of a comparison is <c>(fₐ − f_b)/(fₐ + f_b)</c> (0 when both are 0), standardised to mean 0 and (population)
    /// standard deviation 1 over the comparisons fitted; the logit becomes <c>θᵢ − θⱼ + γ·z</c> and ratings are net of style.
    /// <value>Default empty.</value></summary>
    public IReadOnlyList<string> StyleFeatures { get; init; } = [];
}
