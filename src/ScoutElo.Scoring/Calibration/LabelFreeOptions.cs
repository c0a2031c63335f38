namespace ScoutElo.Scoring.Calibration;

/// <summary>Options of the label-free adaptation (<see cref="CalibrationProfile.AdaptUnlabeled(IReadOnlyList{ScoringInput}, LabelFreeOptions?, Dimensions.INodeQualityHistory?, IReadOnlyList{IQualityDimension}?)"/>). Validated when used.</summary>
public sealed record LabelFreeOptions
{
    /// <summary>How much of the profile's (standardized) weight is kept: 1 keeps the profile, 0 uses the traffic's agreement
    /// alone. A dimension whose distribution shifted away from the calibration data, or that the calibration never saw judge,
    /// keeps none of it.
    /// <value>Default 0.5; in [0, 1].</value></summary>
    public double Shrinkage { get; init; } = 0.5;

    /// <summary>A dimension whose strongest rank correlation with any other dimension stays below this has no partner in
    /// agreement: the traffic says nothing about it, so it keeps the profile's weight. On few inputs the bar is raised to
    /// two standard errors of a null correlation, <c>2/√n</c>. <value>Default 0.3 (a "medium" correlation, Cohen 1988);
    /// in (0, 1).</value></summary>
    public double PartnerThreshold { get; init; } = 0.3;

    /// <summary>Fewest inputs of a task (and fewest judged inputs of a dimension, and shared inputs of a pair) needed to
    /// adapt. <value>Default 20; at least 10.</value></summary>
    public int MinItems { get; init; } = 20;

    internal void Validate(string paramName)
    {
        if (!double.IsFinite(Shrinkage) || Shrinkage is < 0 or > 1) throw new ArgumentOutOfRangeException(paramName, Shrinkage, "Shrinkage must be in [0, 1].");
        if (!double.IsFinite(PartnerThreshold) || PartnerThreshold is <= 0 or >= 1) throw new ArgumentOutOfRangeException(paramName, PartnerThreshold, "PartnerThreshold must be in (0, 1).");
        if (MinItems < 10) throw new ArgumentOutOfRangeException(paramName, MinItems, "MinItems must be at least 10.");
    }
}
