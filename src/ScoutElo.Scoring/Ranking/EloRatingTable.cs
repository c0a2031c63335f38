using System.Text.Json;

namespace ScoutElo.Scoring.Ranking;

/// <summary>Elo ratings keyed by node id (dense indices inside), with online and rating-period (batch) updates.</summary>
/// <remarks>
/// <para>Expected score <c>E_A = 1 / (1 + 10^((R_B − R_A)/400))</c> (computed with <c>exp</c>); an update moves A by
/// <c>K_A·w·(S − E_A)</c> and B by <c>K_B·w·((1 − S) − (1 − E_A))</c>. With equal K the rating sum is conserved.</para>
/// <para><see cref="Apply(MatchResult)"/> updates after each match (order matters); <see cref="ApplyBatch(ReadOnlySpan{MatchResult})"/> treats the matches as
/// one rating period: every expectation uses the start-of-batch ratings and K, so the result does not depend on match order;
/// it runs on the SIMD kernel of <see cref="EloBatchUpdater"/> (scores and weights rounded to single precision, as in the
/// 12-bytes-per-match log format).</para>
/// <para>Every update validates all its matches before writing: a failed call leaves ratings and game counts exactly as they
/// were. JSON round-trips exactly. Not thread-safe: synchronize externally.</para>
/// </remarks>
public sealed partial class EloRatingTable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private double[] _ratings = new double[16];
    private int[] _games = new int[16];

    /// <summary>Creates an empty table.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The initial rating is not finite (named <paramref name="options"/>).</exception>
    public EloRatingTable(EloOptions? options = null)
    {
        Options = options ?? new EloOptions();
        if (!double.IsFinite(Options.InitialRating)) throw new ArgumentOutOfRangeException(nameof(options), Options.InitialRating, "InitialRating must be finite.");
        ArgumentNullException.ThrowIfNull(Options.KFactor, nameof(options));
    }

    /// <summary>The options.</summary>
    public EloOptions Options { get; }

    /// <summary>Number of nodes.</summary>
    public int Count => _ids.Count;

    /// <summary>Node ids in index order (the order they were first seen).</summary>
    public IReadOnlyList<string> Nodes => _idsView ??= _ids.AsReadOnly(); // a live view that cannot be cast back and mutated

    private System.Collections.ObjectModel.ReadOnlyCollection<string>? _idsView;

    /// <summary>Whether the table knows a node.</summary>
    /// <param name="node">The node id.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(string node) => node is not null && _index.ContainsKey(node);

    /// <summary>Adds a node at the initial (or a given) rating if it is not present.</summary>
    /// <param name="node">The node id (non-empty).</param>
    /// <param name="rating">Its rating; the initial rating when null.</param>
    /// <returns>The node's dense index.</returns>
    /// <exception cref="ArgumentException"><paramref name="node"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rating"/> is not finite.</exception>
    public int Add(string node, double? rating = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        if (rating is { } r && !double.IsFinite(r)) throw new ArgumentOutOfRangeException(nameof(rating), r, "Must be finite.");
        if (_index.TryGetValue(node, out int i)) return i;
        i = _ids.Count;
        if (i == _ratings.Length)
        {
            Array.Resize(ref _ratings, i * 2);
            Array.Resize(ref _games, i * 2);
        }
        _ids.Add(node);
        _index[node] = i;
        _ratings[i] = rating ?? Options.InitialRating;
        _games[i] = 0;
        return i;
    }

    /// <summary>A node's rating.</summary>
    /// <param name="node">The node id.</param>
    /// <returns>The rating.</returns>
    /// <exception cref="KeyNotFoundException">Unknown node.</exception>
    public double Rating(string node) => _ratings[IndexOf(node)];

    /// <summary>Games a node has played.</summary>
    /// <param name="node">The node id.</param>
    /// <returns>The count.</returns>
    /// <exception cref="KeyNotFoundException">Unknown node.</exception>
    public int Games(string node) => _games[IndexOf(node)];

    /// <summary>The dense index of a node.</summary>
    /// <param name="node">The node id.</param>
    /// <returns>The index.</returns>
    /// <exception cref="KeyNotFoundException">Unknown node.</exception>
    public int IndexOf(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _index.TryGetValue(node, out int i) ? i : throw new KeyNotFoundException($"Unknown node '{node}'.");
    }

    /// <summary>A copy of all ratings, node id → rating, ordered by id (ordinal).</summary>
    /// <returns>The snapshot.</returns>
    public IReadOnlyDictionary<string, double> Snapshot() =>
        new SortedDictionary<string, double>(_ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => _ratings[p.i]), StringComparer.Ordinal);

    /// <summary>Updates after one match (online). Unknown nodes are added at the initial rating.</summary>
    /// <param name="match">The match.</param>
    /// <exception cref="ArgumentException">Empty ids or a self-match (named <paramref name="match"/>); nothing changes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Score outside [0, 1] or weight not positive; nothing changes.</exception>
    public void Apply(MatchResult match)
    {
        match.Validate(nameof(match), 0);
        int count = _ids.Count;
        int a = Add(match.A), b = Add(match.B);
        double ea = EloBatchUpdater.ExpectedScore(_ratings[a], _ratings[b]);
        double delta = match.Weight * (match.Score - ea);
        double ra = _ratings[a] + (Options.KFactor.For(_games[a], _ratings[a]) * delta);
        double rb = _ratings[b] - (Options.KFactor.For(_games[b], _ratings[b]) * delta);
        if (!double.IsFinite(ra) || !double.IsFinite(rb))
        {
            RemoveNodesFrom(count); // nothing else was written
            throw new ArgumentOutOfRangeException(nameof(match), $"The update would make a rating non-finite (an extreme match weight); nothing changed.");
        }
        // No snapshot of the whole table per match: everything is validated and computed before the two writes.
        _ratings[a] = ra;
        _ratings[b] = rb;
        _games[a]++;
        _games[b]++;
    }

    private void ApplyCore(MatchResult match)
    {
        int a = Add(match.A), b = Add(match.B);
        double ea = EloBatchUpdater.ExpectedScore(_ratings[a], _ratings[b]);
        double ka = Options.KFactor.For(_games[a], _ratings[a]);
        double kb = Options.KFactor.For(_games[b], _ratings[b]);
        double delta = match.Weight * (match.Score - ea);
        _ratings[a] += ka * delta;
        _ratings[b] -= kb * delta;
        _games[a]++;
        _games[b]++;
    }

    /// <summary>Runs an update on the table; if it throws or leaves any rating non-finite (an extreme weight), every node,
    /// rating and game count is restored and the failure is reported as an <see cref="ArgumentOutOfRangeException"/>.</summary>
    private void Transaction(Action update, string paramName)
    {
        int count = _ids.Count;
        var ratings = (double[])_ratings.Clone();
        var games = (int[])_games.Clone();
        try
        {
            update();
            for (int i = 0; i < _ids.Count; i++)
            {
                if (!double.IsFinite(_ratings[i]))
                    throw new ArgumentOutOfRangeException(paramName, $"The update would make the rating of '{_ids[i]}' non-finite (an extreme match weight); nothing changed.");
            }
        }
        catch
        {
            RemoveNodesFrom(count);
            _ratings = ratings;
            _games = games;
            throw;
        }
    }

    /// <summary>Updates after each match in order (a stream of online updates); all matches are validated first.</summary>
    /// <param name="matches">The matches.</param>
    /// <exception cref="ArgumentException">An invalid match (named <paramref name="matches"/>); nothing changes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score or weight out of range; nothing changes.</exception>
    public void ApplySequential(ReadOnlySpan<MatchResult> matches)
    {
        for (int j = 0; j < matches.Length; j++) matches[j].Validate(nameof(matches), j);
        var copy = matches.ToArray();
        Transaction(() => { foreach (var m in copy) ApplyCore(m); }, nameof(matches));
    }

    /// <summary>Online updates after each match in order, given as node indices (from <see cref="Add"/> or <see cref="IndexOf"/>):
    /// the ids are interned once per table instead of looked up per match, so the loop touches only two ratings and two game
    /// counts per match. The same arithmetic as <see cref="Apply"/> match by match (the same ratings to the last bit).</summary>
    /// <param name="a">Node index A per match.</param>
    /// <param name="b">Node index B per match.</param>
    /// <param name="scores">A's score per match, in [0, 1].</param>
    /// <param name="weights">Optional weight per match in [<see cref="MatchResult.MinWeight"/>, <see cref="MatchResult.MaxWeight"/>] (empty: all 1).</param>
    /// <exception cref="ArgumentException">Lengths differ (named <paramref name="b"/>, <paramref name="scores"/> or <paramref name="weights"/>); nothing changes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index that is not a node of this table or a self-match (named <paramref name="a"/>),
    /// a score outside [0, 1], a weight out of range, or a result that would not be finite; nothing changes.</exception>
    public void ApplySequential(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<double> scores, ReadOnlySpan<double> weights = default)
    {
        int m = a.Length, n = _ids.Count;
        if (b.Length != m) throw new ArgumentException($"Got {b.Length} B indices for {m} matches.", nameof(b));
        if (scores.Length != m) throw new ArgumentException($"Got {scores.Length} scores for {m} matches.", nameof(scores));
        if (!weights.IsEmpty && weights.Length != m) throw new ArgumentException($"Got {weights.Length} weights for {m} matches.", nameof(weights));
        for (int j = 0; j < m; j++)
        {
            if ((uint)a[j] >= (uint)n || (uint)b[j] >= (uint)n || a[j] == b[j])
                throw new ArgumentOutOfRangeException(nameof(a), $"Match {j}: indices {a[j]} and {b[j]} must be two different nodes of this table (0..{n - 1}).");
            if (!(scores[j] is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(scores), scores[j], $"Match {j}: score must be in [0, 1].");
            if (!weights.IsEmpty && !(weights[j] >= MatchResult.MinWeight && weights[j] <= MatchResult.MaxWeight))
                throw new ArgumentOutOfRangeException(nameof(weights), weights[j], $"Match {j}: weight must be between {MatchResult.MinWeight} and {MatchResult.MaxWeight}.");
        }
        if (m == 0) return;
        var ratingsBefore = _ratings.AsSpan(0, n).ToArray();
        var gamesBefore = _games.AsSpan(0, n).ToArray();
        var ratings = _ratings.AsSpan(0, n);
        var games = _games.AsSpan(0, n);
        var policy = Options.KFactor;
        bool fixedK = !policy.IsFide;
        for (int j = 0; j < m; j++)
        {
            int ia = a[j], ib = b[j];
            double ra = ratings[ia], rb = ratings[ib];
            double delta = (weights.IsEmpty ? 1.0 : weights[j]) * (scores[j] - EloBatchUpdater.ExpectedScore(ra, rb));
            double ka = fixedK ? policy.K : policy.For(games[ia], ra);
            double kb = fixedK ? policy.K : policy.For(games[ib], rb);
            ratings[ia] = ra + (ka * delta);
            ratings[ib] = rb - (kb * delta);
            games[ia]++;
            games[ib]++;
        }
        for (int i = 0; i < n; i++)
        {
            if (double.IsFinite(ratings[i])) continue;
            ratingsBefore.CopyTo(ratings);
            gamesBefore.CopyTo(games);
            throw new ArgumentOutOfRangeException(nameof(weights), $"The updates would make the rating of '{_ids[i]}' non-finite (an extreme match weight); nothing changed.");
        }
    }

    /// <summary>Applies the matches as one rating period: all expectations and K factors from the start-of-batch state.</summary>
    /// <param name="matches">The matches; unknown nodes are added at the initial rating.</param>
    /// <exception cref="ArgumentException">An invalid match (named <paramref name="matches"/>); nothing changes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score or weight out of range; nothing changes.</exception>
    public void ApplyBatch(ReadOnlySpan<MatchResult> matches)
    {
        for (int j = 0; j < matches.Length; j++) matches[j].Validate(nameof(matches), j);
        if (matches.IsEmpty) return;
        int count = _ids.Count;
        try
        {
            var a = Rent(ref _a, matches.Length);
            var b = Rent(ref _b, matches.Length);
            var s = Rent(ref _s, matches.Length);
            var w = Rent(ref _w, matches.Length);
            bool weighted = false;
            for (int j = 0; j < matches.Length; j++)
            {
                ref readonly var m = ref matches[j];
                a[j] = Add(m.A); // one lookup per id: Add returns the index of a known node
                b[j] = Add(m.B);
                s[j] = (float)m.Score;
                w[j] = (float)m.Weight;
                weighted |= m.Weight != 1.0;
            }
            int len = matches.Length;
            ApplyIndexed(a.AsSpan(0, len), b.AsSpan(0, len), s.AsSpan(0, len), weighted ? w.AsSpan(0, len) : default, nameof(matches));
        }
        catch
        {
            RemoveNodesFrom(count);
            throw;
        }
    }

    /// <summary>Applies one rating period given as a dense match log of node indices (from <see cref="Add"/> or
    /// <see cref="IndexOf"/>), in the same double precision as <see cref="ApplySequential(ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>:
    /// no id lookups, so the cost is one vectorized narrowing of the scores, the single-precision SIMD kernel and one pass over the nodes.</summary>
    /// <param name="a">Node index A per match.</param>
    /// <param name="b">Node index B per match.</param>
    /// <param name="scores">A's score per match, in [0, 1].</param>
    /// <param name="weights">Optional weight per match in [<see cref="MatchResult.MinWeight"/>, <see cref="MatchResult.MaxWeight"/>] (empty: all 1).</param>
    /// <exception cref="ArgumentException">Lengths differ; nothing changes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is not a node of this table, a self-match, a score outside [0, 1], a weight out
    /// of range, or a result that would not be finite; nothing changes.</exception>
    public void ApplyBatch(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<double> scores, ReadOnlySpan<double> weights = default)
    {
        if (!weights.IsEmpty && weights.Length == a.Length && a.Length > 0)
        {
            double lo = System.Numerics.Tensors.TensorPrimitives.Min(weights), hi = System.Numerics.Tensors.TensorPrimitives.Max(weights);
            if (!(lo >= MatchResult.MinWeight) || !(hi <= MatchResult.MaxWeight))
                throw new ArgumentOutOfRangeException(nameof(weights), $"Weights must be between {MatchResult.MinWeight} and {MatchResult.MaxWeight}; got [{lo}, {hi}].");
        }
        if (a.IsEmpty && b.IsEmpty && scores.IsEmpty) return;
        // The SIMD kernel works in single precision (twice the lanes): the scores and weights are narrowed once, vectorized.
        var s = Rent(ref _s, scores.Length).AsSpan(0, scores.Length);
        System.Numerics.Tensors.TensorPrimitives.ConvertTruncating(scores, s);
        var w = weights.IsEmpty ? default : Rent(ref _w, weights.Length).AsSpan(0, weights.Length);
        if (!weights.IsEmpty) System.Numerics.Tensors.TensorPrimitives.ConvertTruncating(weights, w);
        ApplyIndexed(a, b, s, w, nameof(a));
    }

    /// <summary>Validate (inside the kernel, before anything is written), compute, check finiteness, then commit.</summary>
    private void ApplyIndexed(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<float> s, ReadOnlySpan<float> w, string paramName)
    {
        int n = _ids.Count;
        var k = Rent(ref _k, n).AsSpan(0, n);
        var policy = Options.KFactor;
        if (policy.IsFide)
        {
            for (int i = 0; i < n; i++) k[i] = policy.For(_games[i], _ratings[i]);
        }
        else
        {
            k.Fill(policy.K); // a fixed K: one vectorized fill instead of a call per node
        }
        var next = Rent(ref _next, n).AsSpan(0, n);
        var played = Rent(ref _played, n).AsSpan(0, n);
        EloBatchUpdater.ComputeDeltasAndGames(_ratings.AsSpan(0, n), k, a, b, s, w, next, played); // throws before writing on any invalid match
        System.Numerics.Tensors.TensorPrimitives.Add(_ratings.AsSpan(0, n), next, next);
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(next[i]))
                throw new ArgumentOutOfRangeException(paramName, $"The update would make the rating of '{_ids[i]}' non-finite (an extreme match weight); nothing changed.");
        }
        next.CopyTo(_ratings);
        System.Numerics.Tensors.TensorPrimitives.Add(_games.AsSpan(0, n), played, _games.AsSpan(0, n));
    }

    private void RemoveNodesFrom(int count)
    {
        for (int i = _ids.Count - 1; i >= count; i--)
        {
            _index.Remove(_ids[i]);
            _ids.RemoveAt(i);
        }
    }

    // Scratch buffers reused across batches (the table is not thread-safe, so one set suffices).
    private int[]? _a, _b;
    private float[]? _s, _w;
    private double[]? _k, _next;
    private int[]? _played;

    private static T[] Rent<T>(ref T[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new T[Math.Max(length, 16)];
        return buffer;
    }

    /// <summary>Restores a node exactly (persisted state): appended at the next index with its rating and games.</summary>
    internal void Load(string node, double rating, int games)
    {
        if (Contains(node)) throw new FormatException($"Node '{node}' appears twice.");
        if (games < 0) throw new FormatException($"Node '{node}' has negative games.");
        int i = Add(node, rating);
        _games[i] = games;
    }

    /// <summary>Serializes the table (options, nodes in index order, ratings, games); <see cref="FromJson"/> restores it exactly.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(new EloTableDto
    {
        InitialRating = Options.InitialRating,
        K = Options.KFactor.IsFide ? null : Options.KFactor.K,
        Fide = Options.KFactor.IsFide,
        Nodes = [.. _ids.Select((id, i) => new EloNodeDto { Id = id, Rating = _ratings[i], Games = _games[i] })],
    }, RankingJsonContext.Default.EloTableDto);

    /// <summary>Restores a table from <see cref="ToJson"/> output.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">Malformed JSON or invalid values.</exception>
    public static EloRatingTable FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var dto = JsonSerializer.Deserialize(json, RankingJsonContext.Default.EloTableDto) ?? throw new FormatException("Elo table is null.");
            var table = new EloRatingTable(new EloOptions { InitialRating = dto.InitialRating, KFactor = dto.Fide ? KFactorPolicy.Fide : KFactorPolicy.Fixed(dto.K ?? 32) });
            foreach (var node in dto.Nodes ?? [])
            {
                if (node.Games < 0) throw new FormatException($"Node '{node.Id}' has negative games.");
                if (table.Contains(node.Id ?? "")) throw new FormatException($"Node '{node.Id}' appears twice.");
                int i = table.Add(node.Id!, node.Rating);
                table._games[i] = node.Games;
            }
            return table;
        }
        catch (JsonException e)
        {
            throw new FormatException($"Elo table field '{e.Path ?? "$"}': {Internal.JsonErrors.Plain(e)}", e);
        }
        catch (ArgumentException e)
        {
            throw new FormatException("Elo table holds invalid values: " + Internal.Guard.BareMessage(e), e);
        }
    }
}
