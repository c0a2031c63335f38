namespace ScoutElo.Scoring.Calibration;

/// <summary>A baseline's correlation with the label.</summary>
/// <param name="Name">The baseline name.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Correlation">Its correlations.</param>
public sealed record BaselineResult(string Name, BaselineKind Kind, CorrelationSummary Correlation);
