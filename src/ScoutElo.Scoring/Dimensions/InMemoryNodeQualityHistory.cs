using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Dimensions;

/// <summary>An in-memory <see cref="INodeQualityHistory"/>: per node, the count and running mean of observed quality.</summary>
/// <remarks>Thread-safe (one lock; recording is O(1)). The running mean is updated incrementally
/// (<c>mean += (q − mean) / n</c>), so the result is identical for the same sequence of observations.</remarks>
public sealed class InMemoryNodeQualityHistory : INodeQualityHistory
{
    private readonly Dictionary<string, NodeQualityStats> _stats = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public bool TryGetStats(string node, out NodeQualityStats stats)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_lock) return _stats.TryGetValue(node, out stats);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="node"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quality"/> is not a finite number in [0, 1].</exception>
    public void Record(string node, double quality)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        Guard.UnitInterval(quality);
        lock (_lock)
        {
            var s = _stats.GetValueOrDefault(node);
            long n = s.Count + 1;
            _stats[node] = new NodeQualityStats(n, s.Mean + ((quality - s.Mean) / n));
        }
    }

    /// <summary>Merges a summary of past observations (for example read back from a history file) into the node's statistics:
    /// the result equals recording the <c>Count</c> observations one by one, up to rounding.</summary>
    /// <param name="node">The node id.</param>
    /// <param name="stats">The summary: a positive count and a mean in [0, 1].</param>
    /// <exception cref="ArgumentException"><paramref name="node"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The count is not positive or the mean is not a finite number in [0, 1] (named <paramref name="stats"/>).</exception>
    public void Record(string node, NodeQualityStats stats)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        if (stats.Count <= 0) throw new ArgumentOutOfRangeException(nameof(stats), stats.Count, "Count must be positive.");
        if (!double.IsFinite(stats.Mean) || stats.Mean is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(stats), stats.Mean, "Mean must be a finite number in [0, 1].");
        lock (_lock)
        {
            var s = _stats.GetValueOrDefault(node);
            long n = checked(s.Count + stats.Count);
            _stats[node] = new NodeQualityStats(n, s.Mean + ((stats.Mean - s.Mean) * ((double)stats.Count / n)));
        }
    }

    /// <summary>A copy of all node statistics, ordered by node id (ordinal).</summary>
    /// <returns>The snapshot.</returns>
    public IReadOnlyList<KeyValuePair<string, NodeQualityStats>> Snapshot()
    {
        lock (_lock) return [.. _stats.OrderBy(p => p.Key, StringComparer.Ordinal)];
    }
}
