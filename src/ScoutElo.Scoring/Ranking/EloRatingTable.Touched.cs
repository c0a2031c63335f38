namespace ScoutElo.Scoring.Ranking;

public sealed partial class EloRatingTable
{
    /// <summary>Applies one rating period at the cost of the nodes it touches (the engine's periods on a large network): the
    /// same result as <see cref="ApplyBatch(ReadOnlySpan{MatchResult})"/> bit for bit. When the table has more nodes than the
    /// period has matches, the dense call takes the kernel's few-matches path, which reads nothing but the matches' own
    /// nodes: that path runs on them alone. Otherwise (a small table) the dense call is already O(matches).</summary>
    internal void ApplyBatchTouched(ReadOnlySpan<MatchResult> matches)
    {
        for (int j = 0; j < matches.Length; j++) matches[j].Validate(nameof(matches), j);
        if (matches.IsEmpty) return;
        int count = _ids.Count;
        // The period's nodes interned once by id (a small table that stays in cache): the large id index is read once per node,
        // not once per match.
        var local = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<int>();
        var a = new int[matches.Length];
        var b = new int[matches.Length];
        var s = new float[matches.Length];
        var w = new float[matches.Length];
        bool weighted = false;
        for (int j = 0; j < matches.Length; j++)
        {
            ref readonly var m = ref matches[j];
            a[j] = Local(m.A);
            b[j] = Local(m.B);
            s[j] = (float)m.Score;
            w[j] = (float)m.Weight;
            weighted |= m.Weight != 1.0;
        }
        if (_ids.Count <= matches.Length)
        {
            RemoveNodesFrom(count); // added again, in the same order, by the dense call
            ApplyBatch(matches);
            return;
        }
        int n = order.Count;
        var ratings = new double[n];
        var k = new double[n];
        var policy = Options.KFactor;
        for (int i = 0; i < n; i++)
        {
            ratings[i] = _ratings[order[i]];
            k[i] = policy.IsFide ? policy.For(_games[order[i]], _ratings[order[i]]) : policy.K;
        }
        var next = new double[n];
        var played = new int[n];
        try
        {
            EloBatchUpdater.ComputeTouched(ratings, k, a, b, s, weighted ? w : default, next, played);
            System.Numerics.Tensors.TensorPrimitives.Add(ratings, next, next);
            for (int i = 0; i < n; i++)
            {
                if (!double.IsFinite(next[i]))
                    throw new ArgumentOutOfRangeException(nameof(matches), $"The update would make the rating of '{_ids[order[i]]}' non-finite (an extreme match weight); nothing changed.");
            }
        }
        catch
        {
            RemoveNodesFrom(count);
            throw;
        }
        for (int i = 0; i < n; i++)
        {
            _ratings[order[i]] = next[i];
            _games[order[i]] += played[i];
        }

        int Local(string id)
        {
            if (!local.TryGetValue(id, out int l))
            {
                local[id] = l = order.Count;
                order.Add(Add(id));
            }
            return l;
        }
    }
}
