namespace ScoutElo.Scoring.Dimensions;

/// <summary>Batch conveniences over <see cref="IQualityDimension"/>.</summary>
public static class QualityDimensionExtensions
{
    /// <summary>Scores every input with one dimension, in order.</summary>
    /// <param name="dimension">The dimension.</param>
    /// <param name="inputs">The inputs.</param>
    /// <returns>One score per input.</returns>
    /// <exception cref="ArgumentNullException">An argument or an input is null.</exception>
    public static DimensionScore[] ScoreAll(this IQualityDimension dimension, IReadOnlyList<ScoringInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        ArgumentNullException.ThrowIfNull(inputs);
        var result = new DimensionScore[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i] ?? throw new ArgumentNullException(nameof(inputs), $"Input {i} is null.");
            result[i] = dimension.Score(input);
        }
        return result;
    }
}
