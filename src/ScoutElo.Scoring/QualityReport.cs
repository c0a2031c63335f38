namespace ScoutElo.Scoring;

/// <summary>The quality of one response: the composite and every dimension's score and weight.</summary>
/// <remarks>Immutable. The composite is not applicable only when no dimension with a positive weight could judge the input.</remarks>
public sealed record QualityReport
{
    internal QualityReport(DimensionScore composite, IReadOnlyList<DimensionResult> dimensions, double? calibrated)
    {
        Composite = composite;
        Dimensions = dimensions;
        Calibrated = calibrated;
    }

    /// <summary>The weighted composite in [0, 1] (renormalized over applicable dimensions), or not applicable.</summary>
    public DimensionScore Composite { get; }

    /// <summary>Per-dimension results in the scorer's dimension order.</summary>
    public IReadOnlyList<DimensionResult> Dimensions { get; }

    /// <summary>The composite mapped to the label scale by the profile's isotonic map, when the scorer has one and the composite is applicable.</summary>
    public double? Calibrated { get; }

    /// <summary>Names of the dimensions that were not applicable, in order.</summary>
    public IEnumerable<string> NotApplicable => Dimensions.Where(d => !d.Score.IsApplicable).Select(d => d.Name);

    /// <summary>Gets a dimension's score by name.</summary>
    /// <param name="name">The dimension name.</param>
    /// <returns>The score.</returns>
    /// <exception cref="KeyNotFoundException">No dimension has that name.</exception>
    public DimensionScore this[string name] =>
        Dimensions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal))?.Score
        ?? throw new KeyNotFoundException($"No dimension named '{name}'.");
}
