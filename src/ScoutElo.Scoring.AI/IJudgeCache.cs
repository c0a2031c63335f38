namespace ScoutElo.Scoring.AI;

/// <summary>A store of raw judge answers keyed by (model, prompt version, mode, sample, query, response, baseline).</summary>
/// <remarks>Implementations must be thread-safe. A persistent store makes repeated evaluation runs reproducible and free.</remarks>
public interface IJudgeCache
{
    /// <summary>Looks up an answer.</summary>
    /// <param name="key">The cache key (a SHA-256 hex digest).</param>
    /// <param name="answer">The stored judge answer text.</param>
    /// <returns><see langword="true"/> on a hit.</returns>
    bool TryGet(string key, out string answer);

    /// <summary>Stores an answer (only successfully parsed answers are stored).</summary>
    /// <param name="key">The cache key.</param>
    /// <param name="answer">The judge answer text.</param>
    void Set(string key, string answer);
}
