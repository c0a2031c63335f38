using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ScoutElo.Scoring.Network;

/// <summary>An immutable id → value map in ordinal key order, on two arrays: what <see cref="ObservedResponse.Scores"/> and
/// <see cref="SpotCheck.Scores"/> hold and what a round's payouts are (the engine walks every panel several times per period;
/// a sorted tree costs a node per entry and a stack per walk).</summary>
/// <typeparam name="TValue">The value type.</typeparam>
internal sealed class OrdinalMap<TValue> : IReadOnlyDictionary<string, TValue>
{
    private readonly string[] _keys;
    private readonly TValue[] _values;

    /// <summary>Copies and sorts <paramref name="pairs"/>; a null or repeated key is refused.</summary>
    public OrdinalMap(IEnumerable<KeyValuePair<string, TValue>> pairs)
    {
        var sorted = pairs.ToArray();
        Array.Sort(sorted, (x, y) => string.CompareOrdinal(x.Key, y.Key));
        _keys = new string[sorted.Length];
        _values = new TValue[sorted.Length];
        for (int i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Key is null) throw new ArgumentException("Ids must not be null.", nameof(pairs));
            if (i > 0 && string.Equals(sorted[i].Key, sorted[i - 1].Key, StringComparison.Ordinal))
                throw new ArgumentException($"'{sorted[i].Key}' appears twice.", nameof(pairs));
            _keys[i] = sorted[i].Key;
            _values[i] = sorted[i].Value;
        }
    }

    /// <summary>Takes arrays the caller built in ordinal key order with distinct keys (not copied).</summary>
    internal OrdinalMap(string[] sortedKeys, TValue[] values)
    {
        _keys = sortedKeys;
        _values = values;
    }

    public static readonly OrdinalMap<TValue> Empty = new([], []);

    /// <summary>The keys in ordinal order, without an enumerator.</summary>
    internal ReadOnlySpan<string> KeySpan => _keys;

    /// <summary>The values in key order, without an enumerator.</summary>
    internal ReadOnlySpan<TValue> ValueSpan => _values;

    public int Count => _keys.Length;

    public TValue this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"No entry for '{key}'.");

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<TValue> Values => _values;

    public bool ContainsKey(string key) => Find(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        int i = Find(key);
        value = i >= 0 ? _values[i] : default!;
        return i >= 0;
    }

    private int Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int lo = 0, hi = _keys.Length - 1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            int c = string.CompareOrdinal(_keys[mid], key);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        for (int i = 0; i < _keys.Length; i++) yield return new KeyValuePair<string, TValue>(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
