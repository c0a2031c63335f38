namespace ScoutElo.Scoring.Ranking;

/// <summary>Glicko-2 ratings (Glickman, "Example of the Glicko-2 system"), updated by rating periods.</summary>
/// <remarks>
/// <para>Each period, every node that played is updated from its games against the opponents' pre-period ratings (steps 1–8
/// of Glickman's description; the volatility by the Illinois iteration); every node that did not play keeps its rating and
/// its deviation grows to <c>√(φ² + σ²)</c> (on the Glicko-2 scale), capped at the initial deviation. Graded scores in [0, 1] are
/// used as given; a match weight w counts the game w times in the v and Δ sums (our extension; weight 1 is standard
/// Glicko-2). A period is validated completely before any node changes. Not thread-safe: synchronize externally.</para>
/// <para>A period costs O(nodes that played): an idle node's deviation is grown when it is read, all its idle periods at once
/// (√(φ² + k·σ²) after k periods, which is k steps of Glickman's √(φ² + σ²) in closed form).</para>
/// </remarks>
public sealed class Glicko2RatingTable
{
    private const double Scale = 173.7178; // 400 / ln 10, Glickman's constant
    private readonly Dictionary<string, Stored> _nodes = new(StringComparer.Ordinal); // O(1) lookups; ordered views sort

    /// <summary>A node's state as of the period <paramref name="AsOf"/> (idle periods after it are applied when read).</summary>
    private readonly record struct Stored(Glicko2Rating Rating, long AsOf);

    /// <summary>Rating periods applied (the clock of the lazy idle-period growth).</summary>
    internal long Period { get; set; }

    /// <summary>Creates an empty table.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    public Glicko2RatingTable(Glicko2Options? options = null)
    {
        Options = options ?? new Glicko2Options();
        foreach (double v in new[] { Options.Tau, Options.InitialDeviation, Options.InitialVolatility, Options.Epsilon })
        {
            if (!double.IsFinite(v) || v <= 0) throw new ArgumentOutOfRangeException(nameof(options), v, "Tau, InitialDeviation, InitialVolatility and Epsilon must be positive.");
        }
        if (!double.IsFinite(Options.InitialRating)) throw new ArgumentOutOfRangeException(nameof(options), Options.InitialRating, "InitialRating must be finite.");
    }

    /// <summary>The options.</summary>
    public Glicko2Options Options { get; }

    /// <summary>Number of nodes.</summary>
    public int Count => _nodes.Count;

    /// <summary>Node ids, ordered by id (ordinal); a copy (the states are in <see cref="Snapshot"/>).</summary>
    public IReadOnlyList<string> Nodes => [.. _nodes.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Whether the table knows a node.</summary>
    /// <param name="node">The node id.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(string node) => node is not null && _nodes.ContainsKey(node);

    /// <summary>Adds a node at the initial (or a given) state if it is not present (the same verb as
    /// <see cref="EloRatingTable.Add"/>); a present node keeps its state.</summary>
    /// <param name="node">The node id (non-empty).</param>
    /// <param name="rating">Its state; the initial state when null.</param>
    /// <exception cref="ArgumentException"><paramref name="node"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The state is invalid.</exception>
    public void Add(string node, Glicko2Rating? rating = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        if (rating is { } r) Check(r);
        if (_nodes.ContainsKey(node)) return;
        _nodes[node] = new Stored(rating ?? Initial, Period);
    }

    /// <summary>Sets a node's state, adding the node when absent (restoring a saved table).</summary>
    /// <param name="node">The node id.</param>
    /// <param name="rating">The state (finite rating, positive deviation and volatility).</param>
    /// <exception cref="ArgumentException"><paramref name="node"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The state is invalid.</exception>
    public void Set(string node, Glicko2Rating rating)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        Check(rating);
        _nodes[node] = new Stored(rating, Period);
    }

    /// <summary>Restores a node's stored state as of a past period (persisted rows); the idle periods since apply when read.</summary>
    internal void Load(string node, Glicko2Rating rating, long asOf)
    {
        Check(rating);
        if (asOf > Period || asOf < 0) throw new FormatException($"Node '{node}' has a Glicko-2 state of period {asOf}, after the table's period {Period}.");
        _nodes[node] = new Stored(rating, asOf);
    }

    /// <summary>A node's stored state and the period it is as of (for persisting rows without growing idle nodes).</summary>
    internal (Glicko2Rating Rating, long AsOf) Raw(string node) => (_nodes[node].Rating, _nodes[node].AsOf);

    /// <summary>A node's state.</summary>
    /// <param name="node">The node id.</param>
    /// <returns>The state.</returns>
    /// <exception cref="KeyNotFoundException">Unknown node (as <see cref="EloRatingTable.Rating"/>).</exception>
    public Glicko2Rating Rating(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _nodes.TryGetValue(node, out var r) ? Current(r) : throw new KeyNotFoundException($"Unknown node '{node}'.");
    }

    /// <summary>A copy of all states, node id → state, ordered by id (ordinal).</summary>
    /// <returns>The snapshot.</returns>
    public IReadOnlyDictionary<string, Glicko2Rating> Snapshot() =>
        new SortedDictionary<string, Glicko2Rating>(_nodes.ToDictionary(p => p.Key, p => Current(p.Value), StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The state a node starts from.</summary>
    private Glicko2Rating Initial => new(Options.InitialRating, Options.InitialDeviation, Options.InitialVolatility);

    /// <summary>A node's state, or the initial state for a node that has not played (the engine's newcomers).</summary>
    internal Glicko2Rating StateOf(string node) => _nodes.TryGetValue(node, out var r) ? Current(r) : Initial;

    /// <summary>The stored state with every idle period since it was stored applied: k idle periods grow the deviation to
    /// √(φ² + k·σ²) on the Glicko-2 scale (k single steps of √(φ² + σ²) in closed form, so a read costs O(1) however long the
    /// node was idle), capped at the initial deviation.</summary>
    private Glicko2Rating Current(Stored s)
    {
        long idle = Period - s.AsOf;
        if (idle <= 0) return s.Rating;
        double phi = s.Rating.Deviation / Scale, sigma = s.Rating.Volatility;
        double deviation = Math.Min(Options.InitialDeviation, Scale * Math.Sqrt((phi * phi) + (idle * sigma * sigma)));
        return s.Rating with { Deviation = deviation };
    }

    private static void Check(Glicko2Rating rating)
    {
        if (!double.IsFinite(rating.Rating) || !double.IsFinite(rating.Deviation) || rating.Deviation <= 0 || !double.IsFinite(rating.Volatility) || rating.Volatility <= 0)
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "Rating must be finite; deviation and volatility positive.");
    }

    /// <summary>Applies one rating period (the same verb as <see cref="EloRatingTable.ApplyBatch(ReadOnlySpan{MatchResult})"/>: every
    /// expectation from the start-of-period state).</summary>
    /// <param name="matches">The period's matches; unknown nodes start at the initial state.</param>
    /// <exception cref="ArgumentException">An invalid match (named <paramref name="matches"/>); nothing changes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score or weight out of range; nothing changes.</exception>
    public void ApplyBatch(ReadOnlySpan<MatchResult> matches)
    {
        for (int j = 0; j < matches.Length; j++) matches[j].Validate(nameof(matches), j);
        // The period's players interned once: each one's start-of-period state is read from the table once, not once per game
        // (on a large table every read is a cache miss; the period's own index stays in cache).
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        var states = new List<Glicko2Rating>();
        var counts = new List<int>();
        var pairs = new (int A, int B)[matches.Length];
        for (int j = 0; j < matches.Length; j++)
        {
            pairs[j] = (Intern(matches[j].A), Intern(matches[j].B));
            counts[pairs[j].A]++;
            counts[pairs[j].B]++;
        }
        // Each player's games in match order, as (opponent's start state, score, weight), in one flat array.
        var start = new int[ids.Count + 1];
        for (int i = 0; i < ids.Count; i++) start[i + 1] = start[i] + counts[i];
        var games = new (Glicko2Rating Opponent, double Score, double Weight)[start[^1]];
        var filled = new int[ids.Count];
        for (int j = 0; j < matches.Length; j++)
        {
            var (a, b) = pairs[j];
            games[start[a] + filled[a]++] = (states[b], matches[j].Score, matches[j].Weight);
            games[start[b] + filled[b]++] = (states[a], 1 - matches[j].Score, matches[j].Weight);
        }
        var updated = new Glicko2Rating[ids.Count];
        for (int i = 0; i < ids.Count; i++) updated[i] = Update(states[i], games.AsSpan(start[i], counts[i]));
        // Every node that did not play grows its deviation by one step: lazily, when it is next read (Current).
        Period++;
        for (int i = 0; i < ids.Count; i++) _nodes[ids[i]] = new Stored(updated[i], Period);

        int Intern(string id)
        {
            if (!index.TryGetValue(id, out int i))
            {
                index[id] = i = ids.Count;
                ids.Add(id);
                states.Add(StateOf(id));
                counts.Add(0);
            }
            return i;
        }
    }

    /// <summary>Glickman's steps 2–8 for one player over its period's games.</summary>
    internal Glicko2Rating Update(Glicko2Rating player, ReadOnlySpan<(Glicko2Rating Opponent, double Score, double Weight)> games)
    {
        double mu = (player.Rating - 1500) / Scale, phi = player.Deviation / Scale, sigma = player.Volatility;
        double vInv = 0, deltaSum = 0;
        foreach (var (o, s, w) in games)
        {
            double muJ = (o.Rating - 1500) / Scale, phiJ = o.Deviation / Scale;
            double g = 1 / Math.Sqrt(1 + (3 * phiJ * phiJ / (Math.PI * Math.PI)));
            double e = 1 / (1 + Math.Exp(-g * (mu - muJ)));
            vInv += w * g * g * e * (1 - e);
            deltaSum += w * g * (s - e);
        }
        double v = 1 / vInv;
        double delta = v * deltaSum;

        // Step 5: volatility by the Illinois algorithm.
        double tau = Options.Tau, a = Math.Log(sigma * sigma), phi2 = phi * phi;
        double F(double x)
        {
            double ex = Math.Exp(x);
            double d = phi2 + v + ex;
            return (ex * ((delta * delta) - phi2 - v - ex) / (2 * d * d)) - ((x - a) / (tau * tau));
        }
        double bigA = a, bigB;
        if (delta * delta > phi2 + v) bigB = Math.Log((delta * delta) - phi2 - v);
        else
        {
            int k = 1;
            while (F(a - (k * tau)) < 0) k++;
            bigB = a - (k * tau);
        }
        double fA = F(bigA), fB = F(bigB);
        for (int iter = 0; Math.Abs(bigB - bigA) > Options.Epsilon && iter < 1000; iter++)
        {
            double c = bigA + ((bigA - bigB) * fA / (fB - fA));
            double fC = F(c);
            if (fC * fB <= 0)
            {
                bigA = bigB;
                fA = fB;
            }
            else
            {
                fA /= 2;
            }
            bigB = c;
            fB = fC;
        }
        double sigmaNew = Math.Exp(bigA / 2);
        double phiStar = Math.Sqrt(phi2 + (sigmaNew * sigmaNew));
        double phiNew = 1 / Math.Sqrt((1 / (phiStar * phiStar)) + (1 / v));
        double muNew = mu + (phiNew * phiNew * deltaSum);
        return new Glicko2Rating((Scale * muNew) + 1500, Scale * phiNew, sigmaNew);
    }
}
