namespace ScoutElo.Scoring.Calibration;

/// <summary>How one dimension behaved on the calibration data: the reference that drift and applicability diagnostics compare
/// new traffic against (see <see cref="ProfileDiagnostics"/>).</summary>
/// <param name="Applicability">Share of the calibration items the dimension could judge, in [0, 1].</param>
/// <param name="Mean">Mean score over the items it judged (0 when it judged none).</param>
/// <param name="StandardDeviation">Sample standard deviation over the items it judged (0 when fewer than two).</param>
/// <param name="Pearson">Pearson correlation with the label over the items it judged, when defined.</param>
public sealed record DimensionStatistics(double Applicability, double Mean, double StandardDeviation, double? Pearson);
