namespace ScoutElo.Scoring.Calibration;

/// <summary>The audit of one dimension against the label.</summary>
/// <param name="Name">The dimension name.</param>
/// <param name="Correlation">Its correlations over the items where it applies (with bootstrap CI).</param>
/// <param name="Kept">Whether the final profile keeps it (positive weight).</param>
/// <param name="Weight">Its final weight (0 when dropped).</param>
/// <param name="Reason">Why it was dropped or kept.</param>
public sealed record DimensionAudit(string Name, CorrelationSummary Correlation, bool Kept, double Weight, string Reason);
