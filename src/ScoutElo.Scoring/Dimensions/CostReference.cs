namespace ScoutElo.Scoring.Dimensions;

/// <summary>Task-level reference values for <see cref="CostPriorDimension"/>: the cost, latency and length that score 0.5.</summary>
/// <param name="CostUsd">Reference cost per call in USD (positive).</param>
/// <param name="LatencyMs">Reference end-to-end latency in milliseconds (positive).</param>
/// <param name="OutputTokens">Reference output token count (positive).</param>
public sealed record CostReference(double CostUsd, double LatencyMs, double OutputTokens);
