namespace ScoutElo.Scoring.Dimensions;

/// <summary>Running statistics of one node's observed quality.</summary>
/// <param name="Count">Number of observations (positive).</param>
/// <param name="Mean">Mean observed quality in [0, 1].</param>
public readonly record struct NodeQualityStats(long Count, double Mean);
