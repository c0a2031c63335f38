using System.Collections.Concurrent;

namespace ScoutElo.Scoring.AI;

/// <summary>The default in-memory <see cref="IJudgeCache"/>. Thread-safe.</summary>
public sealed class InMemoryJudgeCache : IJudgeCache
{
    private readonly ConcurrentDictionary<string, string> _entries = new(StringComparer.Ordinal);

    /// <summary>Number of stored answers.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc/>
    public bool TryGet(string key, out string answer)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _entries.TryGetValue(key, out answer!);
    }

    /// <inheritdoc/>
    public void Set(string key, string answer)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(answer);
        _entries[key] = answer;
    }
}
