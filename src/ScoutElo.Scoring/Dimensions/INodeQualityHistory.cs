namespace ScoutElo.Scoring.Dimensions;

/// <summary>Past quality of inference nodes (from PoQ consensus or caller-supplied labeled history), read by <see cref="ModelPriorDimension"/>.</summary>
/// <remarks>Implementations must be safe for concurrent use.</remarks>
public interface INodeQualityHistory
{
    /// <summary>Gets the running statistics of a node.</summary>
    /// <param name="node">The node id.</param>
    /// <param name="stats">The statistics when the node has history.</param>
    /// <returns><see langword="true"/> when at least one observation exists.</returns>
    bool TryGetStats(string node, out NodeQualityStats stats);

    /// <summary>Records one observed quality in [0, 1] for a node.</summary>
    /// <param name="node">The node id.</param>
    /// <param name="quality">The observed quality, finite and in [0, 1].</param>
    void Record(string node, double quality);
}
