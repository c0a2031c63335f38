namespace ScoutElo.Scoring;

/// <summary>One dimension's part in a <see cref="QualityReport"/>.</summary>
/// <param name="Name">The dimension name.</param>
/// <param name="Score">Its score, or not applicable.</param>
/// <param name="Weight">The configured weight (normalized over all dimensions to sum 1).</param>
/// <param name="EffectiveWeight">The weight actually used: renormalized over the applicable dimensions; 0 when not applicable.</param>
public sealed record DimensionResult(string Name, DimensionScore Score, double Weight, double EffectiveWeight);
