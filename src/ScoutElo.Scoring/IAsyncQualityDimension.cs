namespace ScoutElo.Scoring;

/// <summary>A quality dimension that calls out (for example an LLM judge); sync dimensions stay allocation-free.</summary>
public interface IAsyncQualityDimension
{
    /// <summary>The dimension's stable name.</summary>
    string Name { get; }

    /// <summary>Scores one input.</summary>
    /// <param name="input">The input; not null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A score in [0, 1] or not applicable (failures are not applicable with a diagnostic reason).</returns>
    ValueTask<DimensionScore> ScoreAsync(ScoringInput input, CancellationToken cancellationToken = default);
}
