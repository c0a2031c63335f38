namespace ScoutElo.Scoring.Dimensions;

/// <summary>A dimension that judges from the producing node's history rather than from the response (for example
/// <c>model-prior</c>). Calibration rebuilds it for every fold from the training folds' labels only, through
/// <see cref="WithHistory"/>, so its scores stay out-of-fold — any custom dimension implementing this interface gets the same
/// treatment.</summary>
public interface INodeHistoryDimension : IQualityDimension
{
    /// <summary>The same dimension (same name and options) reading another history.</summary>
    /// <param name="history">The history to read.</param>
    /// <returns>A new dimension; this one is unchanged.</returns>
    IQualityDimension WithHistory(INodeQualityHistory history);
}
