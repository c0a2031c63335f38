using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ScoutElo.Scoring.Network;

/// <summary>An immutable evaluator → score map in ordinal key order, on two arrays: what <see cref="ObservedResponse.Scores"/>
/// and <see cref="SpotCheck.Scores"/> hold (the engine walks every panel several times per period; a sorted tree costs a node
/// per entry and a stack per walk).</summary>
internal sealed class OrdinalScores : IReadOnlyDictionary<string, double>
{
    private readonly string[] _keys;
    private readonly double[] _values;

    public OrdinalScores(IEnumerable<KeyValuePair<string, double>> scores)
    {
        var pairs = scores.ToArray();
        Array.Sort(pairs, (x, y) => string.CompareOrdinal(x.Key, y.Key));
        _keys = new string[pairs.Length];
        _values = new double[pairs.Length];
        for (int i = 0; i < pairs.Length; i++)
        {
            if (pairs[i].Key is null) throw new ArgumentException("Evaluator ids must not be null.", nameof(scores));
            if (i > 0 && string.Equals(pairs[i].Key, pairs[i - 1].Key, StringComparison.Ordinal))
                throw new ArgumentException($"Evaluator '{pairs[i].Key}' appears twice.", nameof(scores));
            _keys[i] = pairs[i].Key;
            _values[i] = pairs[i].Value;
        }
    }

    public static readonly OrdinalScores Empty = new([]);

    public int Count => _keys.Length;

    public double this[string key] => TryGetValue(key, out double v) ? v : throw new KeyNotFoundException($"No score of '{key}'.");

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<double> Values => _values;

    public bool ContainsKey(string key) => Find(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        int i = Find(key);
        value = i >= 0 ? _values[i] : 0;
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

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (int i = 0; i < _keys.Length; i++) yield return new KeyValuePair<string, double>(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
