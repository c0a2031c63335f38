namespace ScoutElo.Scoring;

/// <summary>A pluggable quality dimension: judges one aspect of a response as a score in [0, 1] or "not applicable".</summary>
/// <remarks>Implementations must be deterministic, must never read reference labels (they are not in
/// <see cref="ScoringInput"/>), and should be safe for concurrent use; all built-ins are immutable and thread-safe.
/// "Cannot judge this input" is a <see cref="DimensionScore.NotApplicable(string)"/> result, never an exception or a 0.</remarks>
public interface IQualityDimension
{
    /// <summary>The dimension's stable name (for example <c>structure</c>); keys weights, profiles and reports.</summary>
    string Name { get; }

    /// <summary>Scores one input.</summary>
    /// <param name="input">The input; not null.</param>
    /// <returns>A score in [0, 1] or not applicable.</returns>
    DimensionScore Score(ScoringInput input);
}
