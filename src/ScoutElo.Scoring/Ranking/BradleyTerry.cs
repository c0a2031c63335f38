using MathNet.Numerics.LinearAlgebra;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Ranking;

/// <summary>Bradley–Terry maximum likelihood (what LMArena ranks with), on deduplicated weighted pairs with ties as half wins.</summary>
/// <remarks>
/// <para>Model: <c>P(i beats j) = σ(θᵢ − θⱼ)</c>, strengths <c>pᵢ = e^θᵢ</c> with Σθ = 0. A match of weight w and score s adds w·s wins to A and
/// w·(1 − s) to B (a draw is half a win each). Matches are deduplicated into pairs first, so the cost per Newton step depends on
/// the number of distinct pairs, not matches. The log-likelihood is maximized by Newton's method with step halving (the gauge
/// fixed by adding 11ᵀ to the information); it converges in a handful of steps. The MLE exists only when the "beats"
/// graph is strongly connected; otherwise (by default) half a virtual draw against an average node regularizes it.</para>
/// <para>Intervals: sandwich (robust to over-dispersion, e.g. graded scores) or a seeded Poisson bootstrap: every distinct
/// (pair, score) cell's weight is redrawn as Poisson(weight) — the standard large-sample approximation of resampling matches,
/// at a cost independent of the match count. Deterministic for a seed. Thread-safe (stateless).</para>
/// </remarks>
public static class BradleyTerry
{
    private const double EloPerNatural = 400 / 2.302585092994046; // 400 / ln 10

    /// <summary>Fits ratings and intervals.</summary>
    /// <param name="matches">The matches.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matches"/> is null.</exception>
    /// <exception cref="ArgumentException">No matches, an invalid match, or a comparison graph that is not connected.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option or a match value is out of range.</exception>
    public static BradleyTerryResult Fit(IReadOnlyList<MatchResult> matches, BradleyTerryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var o = options ?? new BradleyTerryOptions();
        if (!double.IsFinite(o.Confidence) || o.Confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(options), o.Confidence, "Confidence must be in (0, 1).");
        if (o.BootstrapRounds < 10) throw new ArgumentOutOfRangeException(nameof(options), o.BootstrapRounds, "BootstrapRounds must be at least 10.");
        if (o.PriorDraws is { } pd && (!double.IsFinite(pd) || pd < 0)) throw new ArgumentOutOfRangeException(nameof(options), pd, "PriorDraws must be non-negative.");
        if (!double.IsFinite(o.BaseRating) || Math.Abs(o.BaseRating) > 1e6) throw new ArgumentOutOfRangeException(nameof(options), o.BaseRating, "BaseRating must be finite with magnitude at most 1e6 (larger values swamp the rating differences in double precision).");
        if (!Enum.IsDefined(o.Intervals)) throw new ArgumentOutOfRangeException(nameof(options), o.Intervals, "Unknown interval method.");
        if (matches.Count == 0) throw new ArgumentException("At least one match is required.", nameof(matches));
        for (int j = 0; j < matches.Count; j++) matches[j].Validate(nameof(matches), j);

        var ids = matches.SelectMany(m => new[] { m.A, m.B }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        int n = ids.Length;

        // Cells: (i < j, score of i) → total weight.
        var cellMap = new Dictionary<(int, int, double), double>();
        foreach (var m in matches)
        {
            int a = index[m.A], b = index[m.B];
            var key = a < b ? (a, b, m.Score) : (b, a, 1 - m.Score);
            cellMap[key] = cellMap.GetValueOrDefault(key) + m.Weight;
        }
        var cells = cellMap.OrderBy(c => c.Key.Item1).ThenBy(c => c.Key.Item2).ThenBy(c => c.Key.Item3)
            .Select(c => new Cell(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value)).ToArray();
        if (!Connected(n, cells)) throw new ArgumentException("The comparison graph is not connected: ratings of separate groups are not comparable.", nameof(matches));
        double prior = o.PriorDraws ?? (StronglyConnected(n, cells) ? 0 : 0.5);

        var pairs = Aggregate(cells, [.. cells.Select(c => c.Weight)]);
        var (theta, iterations) = Newton(n, pairs, prior, null);

        var low = new double[n];
        var high = new double[n];
        double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + (o.Confidence / 2));
        if (o.Intervals == IntervalMethod.Sandwich)
        {
            var se = SandwichStandardErrors(n, cells, theta, prior);
            for (int i = 0; i < n; i++)
            {
                low[i] = theta[i] - (z * se[i]);
                high[i] = theta[i] + (z * se[i]);
            }
        }
        else
        {
            var samples = new double[o.BootstrapRounds][];
            Parallel.For(0, o.BootstrapRounds, r =>
            {
                var rng = new Xoshiro256(Seeds.Derive((ulong)o.Seed, (ulong)r));
                var weights = new double[cells.Length];
                for (int c = 0; c < cells.Length; c++) weights[c] = Poisson(ref rng, cells[c].Weight);
                var p = Aggregate(cells, weights);
                samples[r] = Newton(n, p, Math.Max(prior, 1e-6), theta).Theta;
            });
            double lo = (1 - o.Confidence) / 2;
            for (int i = 0; i < n; i++)
            {
                var s = samples.Select(t => t[i]).Order().ToArray();
                low[i] = Math.Min(theta[i], Stats.Quantile(s, lo));
                high[i] = Math.Max(theta[i], Stats.Quantile(s, 1 - lo));
            }
        }

        var matchesPerNode = new double[n];
        foreach (var c in cells)
        {
            matchesPerNode[c.I] += c.Weight;
            matchesPerNode[c.J] += c.Weight;
        }
        var ratings = new BradleyTerryRating[n];
        for (int i = 0; i < n; i++)
        {
            int rank = 1;
            for (int j = 0; j < n; j++)
            {
                if (j != i && low[j] > high[i]) rank++;
            }
            ratings[i] = new BradleyTerryRating(ids[i], o.BaseRating + (EloPerNatural * theta[i]), o.BaseRating + (EloPerNatural * low[i]), o.BaseRating + (EloPerNatural * high[i]), rank, Math.Exp(theta[i]), matchesPerNode[i]);
        }
        return new BradleyTerryResult([.. ratings.OrderByDescending(r => r.Rating).ThenBy(r => r.Node, StringComparer.Ordinal)], iterations, prior);
    }

    private readonly record struct Cell(int I, int J, double Score, double Weight);

    private readonly record struct Pair(int I, int J, double Games, double WinsI);

    private static Pair[] Aggregate(Cell[] cells, double[] weight)
    {
        var list = new List<Pair>();
        int k = 0;
        while (k < cells.Length)
        {
            int i = cells[k].I, j = cells[k].J;
            double games = 0, wins = 0;
            while (k < cells.Length && cells[k].I == i && cells[k].J == j)
            {
                double w = weight[k];
                games += w;
                wins += w * cells[k].Score;
                k++;
            }
            if (games > 0) list.Add(new Pair(i, j, games, wins));
        }
        return [.. list];
    }

    private static (double[] Theta, int Iterations) Newton(int n, Pair[] pairs, double prior, double[]? start)
    {
        var theta = start is null ? new double[n] : (double[])start.Clone();
        double ll = LogLikelihood(theta, pairs, prior);
        int iter = 0;
        // Buffers reused by every iteration: the information matrix (row-major), its Cholesky factor, the gradient and the
        // step. A bootstrap runs a Newton fit per round, so per-iteration matrices were most of its allocation.
        var h = new double[n * n];
        var factor = new double[n * n];
        var g = new double[n];
        var step = new double[n];
        var next = new double[n];
        for (; iter < 100; iter++)
        {
            Array.Clear(g);
            Array.Clear(h);
            foreach (var p in pairs)
            {
                double pij = 1 / (1 + Math.Exp(theta[p.J] - theta[p.I]));
                double r = p.WinsI - (p.Games * pij);
                g[p.I] += r;
                g[p.J] -= r;
                double info = p.Games * pij * (1 - pij);
                h[(p.I * n) + p.I] += info;
                h[(p.J * n) + p.J] += info;
                h[(p.I * n) + p.J] -= info;
                h[(p.J * n) + p.I] -= info;
            }
            double scale = 0;
            for (int i = 0; i < n; i++)
            {
                double s = 1 / (1 + Math.Exp(-theta[i]));
                g[i] += prior * (0.5 - s);
                h[(i * n) + i] += prior * s * (1 - s);
                scale = Math.Max(scale, h[(i * n) + i]);
            }
            // Gauge Σθ = 0: add c·11ᵀ/n with c on the information's own scale, so the system stays well conditioned whether
            // match weights are 1e-6 or 1e9 (a fixed 1/n is negligible beside heavy weights and dominant beside light ones).
            double gauge = (scale > 0 ? scale : 1) / n;
            for (int i = 0; i < h.Length; i++) h[i] += gauge;
            // −H + 11ᵀ/n (or −H with the prior) is symmetric positive definite on a connected graph: Cholesky in place is the
            // cheap, allocation-free solve; LU (MathNet) only if the factorization meets a non-positive pivot.
            if (!CholeskySolve(n, h, factor, g, step))
            {
                var lu = Matrix<double>.Build.Dense(n, n, (i, j) => h[(i * n) + j]).Solve(Vector<double>.Build.Dense(g));
                for (int i = 0; i < n; i++) step[i] = lu[i];
            }
            double t = 1;
            double nextLl;
            do
            {
                for (int i = 0; i < n; i++) next[i] = theta[i] + (t * step[i]);
                Center(next, prior);
                nextLl = LogLikelihood(next, pairs, prior);
                t /= 2;
            }
            while (nextLl < ll - 1e-12 && t > 1e-8);
            double change = 0;
            for (int i = 0; i < n; i++) change = Math.Max(change, Math.Abs(next[i] - theta[i]));
            (theta, next) = (next, theta);
            ll = nextLl;
            if (change < 1e-10) { iter++; break; }
        }
        return (theta, iter);
    }

    /// <summary>Solves A·x = b for a symmetric positive definite A (row-major, n×n) by Cholesky into <paramref name="l"/>;
    /// false (x untouched) when a pivot is not positive.</summary>
    private static bool CholeskySolve(int n, double[] a, double[] l, double[] b, double[] x)
    {
        for (int j = 0; j < n; j++)
        {
            double d = a[(j * n) + j];
            for (int k = 0; k < j; k++) d -= l[(j * n) + k] * l[(j * n) + k];
            if (!(d > 0)) return false;
            double ljj = Math.Sqrt(d);
            l[(j * n) + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double v = a[(i * n) + j];
                for (int k = 0; k < j; k++) v -= l[(i * n) + k] * l[(j * n) + k];
                l[(i * n) + j] = v / ljj;
            }
        }
        for (int i = 0; i < n; i++) // forward: L·y = b
        {
            double v = b[i];
            for (int k = 0; k < i; k++) v -= l[(i * n) + k] * x[k];
            x[i] = v / l[(i * n) + i];
        }
        for (int i = n - 1; i >= 0; i--) // back: Lᵀ·x = y
        {
            double v = x[i];
            for (int k = i + 1; k < n; k++) v -= l[(k * n) + i] * x[k];
            x[i] = v / l[(i * n) + i];
        }
        return true;
    }

    private static void Center(double[] theta, double prior)
    {
        if (prior > 0) return; // the prior anchors the scale at the average node
        double mean = theta.Average();
        for (int i = 0; i < theta.Length; i++) theta[i] -= mean;
    }

    private static double LogLikelihood(double[] theta, Pair[] pairs, double prior)
    {
        double ll = 0;
        foreach (var p in pairs)
        {
            double d = theta[p.I] - theta[p.J];
            ll += (p.WinsI * -Softplus(-d)) + ((p.Games - p.WinsI) * -Softplus(d));
        }
        for (int i = 0; i < theta.Length && prior > 0; i++) ll += prior * 0.5 * (-Softplus(-theta[i]) - Softplus(theta[i]));
        return ll;
    }

    private static double Softplus(double x) => x > 30 ? x : double.LogP1(Math.Exp(x));

    private static double[] SandwichStandardErrors(int n, Cell[] cells, double[] theta, double prior)
    {
        var info = Matrix<double>.Build.Dense(n, n);
        var meat = Matrix<double>.Build.Dense(n, n);
        foreach (var c in cells)
        {
            double p = 1 / (1 + Math.Exp(theta[c.J] - theta[c.I]));
            double fi = c.Weight * p * (1 - p);
            double res2 = c.Weight * (c.Score - p) * (c.Score - p);
            foreach (var (m, v) in new[] { (info, fi), (meat, res2) })
            {
                m[c.I, c.I] += v;
                m[c.J, c.J] += v;
                m[c.I, c.J] -= v;
                m[c.J, c.I] -= v;
            }
        }
        for (int i = 0; i < n && prior > 0; i++)
        {
            double s = 1 / (1 + Math.Exp(-theta[i]));
            info[i, i] += prior * s * (1 - s); // the penalty curves the objective; it adds no sampling noise to the meat
        }
        var pinv = info.PseudoInverse();
        var cov = pinv * meat * pinv;
        return [.. Enumerable.Range(0, n).Select(i => Math.Sqrt(Math.Max(cov[i, i], 0)))];
    }

    private static bool Connected(int n, Cell[] cells)
    {
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        foreach (var c in cells) parent[Find(c.I)] = Find(c.J);
        return Enumerable.Range(0, n).Select(Find).Distinct().Count() == 1;
    }

    private static bool StronglyConnected(int n, Cell[] cells)
    {
        var fwd = new List<int>[n];
        var back = new List<int>[n];
        for (int i = 0; i < n; i++) { fwd[i] = []; back[i] = []; }
        foreach (var c in cells)
        {
            // Edge u → v when u took some score from v.
            if (c.Score > 0) { fwd[c.I].Add(c.J); back[c.J].Add(c.I); }
            if (c.Score < 1) { fwd[c.J].Add(c.I); back[c.I].Add(c.J); }
        }
        bool All(List<int>[] adj)
        {
            var seen = new bool[n];
            var stack = new Stack<int>([0]);
            seen[0] = true;
            int count = 1;
            while (stack.Count > 0)
            {
                foreach (int v in adj[stack.Pop()])
                {
                    if (!seen[v]) { seen[v] = true; count++; stack.Push(v); }
                }
            }
            return count == n;
        }
        return All(fwd) && All(back);
    }

    private static double Poisson(ref Xoshiro256 rng, double lambda)
    {
        if (lambda < 30)
        {
            // Knuth: multiply uniforms until the product drops below e^-λ.
            double l = Math.Exp(-lambda), p = 1;
            int k = 0;
            do
            {
                k++;
                p *= rng.NextDouble();
            }
            while (p > l);
            return k - 1;
        }
        return Math.Max(0, Math.Round(lambda + (Math.Sqrt(lambda) * rng.NextGaussian())));
    }

}
