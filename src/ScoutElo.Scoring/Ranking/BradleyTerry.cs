using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Ranking;

/// <summary>Bradley–Terry maximum likelihood (what LMArena ranks with): ties as half wins or as their own outcome (Davidson,
/// Rao–Kupper), style covariates, an anchored node, the arena's L2 penalty, several logs at once, sandwich or bootstrap
/// intervals for every parameter.</summary>
/// <remarks>
/// <para>Model: strengths θ (natural log-odds scale; rating = base + 400/ln 10 · θ, so 400 points are a factor 10 in odds),
/// a linear predictor <c>d = θᵢ − θⱼ + γ·z</c> (z: the comparison's standardised style covariates, none by default) and the
/// tie model of <see cref="BradleyTerryOptions.Ties"/>: half wins <c>P = σ(d)</c> (a comparison of weight w and score s adds
/// w·s wins and w·(1 − s) losses, so graded scores are fitted as they are), Davidson with ν = e^κ per log, or Rao–Kupper with
/// η per log. Identical comparisons (same pair, outcome, log, and weight when weights are importance weights) are merged into
/// cells first, so without style covariates a Newton step costs O(cells), not O(comparisons). The log-likelihood is concave
/// in (θ, γ, κ) for half wins and Davidson and in (θ, γ, η) for Rao–Kupper, and is maximised by Newton's method with step
/// halving; the gauge (ratings are defined up to a constant) is fixed by Σθ = 0 with 11ᵀ added to the information on its own
/// scale. The MLE of θ exists only when the "took some score from" graph is strongly connected; otherwise (by default) half a
/// virtual draw against an average node regularises it.</para>
/// <para>Intervals: the sandwich <c>H⁻¹BH⁻¹</c> (B: outer products of per-comparison score vectors, frequency- or
/// importance-weighted, see <see cref="WeightKind"/>) or a seeded Poisson bootstrap (every cell's count redrawn as
/// Poisson(count), the large-sample form of resampling comparisons, at a cost independent of the comparison count); a
/// resample that cuts a node off is redrawn, one in which a node never wins or never loses is regularised by 10⁻⁶ virtual
/// draws, and both are counted in <see cref="BradleyTerryResult.DegenerateResamples"/>. With an <see cref="RatingAnchor"/>
/// every interval is the interval of the rating difference to the anchor (each bootstrap round anchored; the sandwich variance
/// of θᵢ − θₐ), not the unanchored interval shifted. Davidson's ν has a log-scale interval (exp of κ ± z·se); Rao–Kupper's η
/// is clipped at 0. Deterministic for a seed at any parallelism. Thread-safe (stateless).</para>
/// </remarks>
public static class BradleyTerry
{
    private const double Ln10 = 2.302585092994046;
    private const double EloPerNatural = 400 / Ln10;

    /// <summary>Fits ratings and intervals to matches (graded scores allowed; no style covariates).</summary>
    /// <param name="matches">The matches.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matches"/> is null.</exception>
    /// <exception cref="ArgumentException">No matches, an invalid match, a comparison graph that is not connected, style
    /// features in the options, an anchor that names no node, or a score other than 0, 0.5 or 1 under a tie model.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option or a match value is out of range.</exception>
    public static BradleyTerryResult Fit(IReadOnlyList<MatchResult> matches, BradleyTerryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var o = options ?? new BradleyTerryOptions();
        CheckOptions(o);
        if (o.StyleFeatures.Count > 0) throw new ArgumentException("Style covariates need PairwiseComparison inputs with per-side features.", nameof(options));
        if (matches.Count == 0) throw new ArgumentException("At least one match is required.", nameof(matches));
        var data = new Data(o, matches.Count, nameof(matches));
        for (int j = 0; j < matches.Count; j++)
        {
            var m = matches[j];
            m.Validate(nameof(matches), j);
            data.Add(j, m.A, m.B, m.Score, m.Weight, 0, null, null);
        }
        if (o.Anchor is { } anchor && !data.HasNode(anchor.Node)) throw new ArgumentException($"The anchor '{anchor.Node}' is not a node of the matches.", nameof(options));
        return Solve(data, o, nameof(matches));
    }

    /// <summary>Fits ratings, tie parameters, style coefficients and their intervals to pairwise comparisons.</summary>
    /// <param name="comparisons">The comparisons (one or several logs).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="comparisons"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException">No comparisons, an invalid comparison, a comparison graph that is not connected,
    /// style features missing or of the wrong count, a constant style covariate, an anchor that names no node, a score other
    /// than 0, 0.5 or 1 under a tie model, or a log of nothing but ties under a tie model.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option or a comparison value is out of range.</exception>
    public static BradleyTerryResult Fit(IReadOnlyList<PairwiseComparison> comparisons, BradleyTerryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var o = options ?? new BradleyTerryOptions();
        CheckOptions(o);
        if (comparisons.Count == 0) throw new ArgumentException("At least one comparison is required.", nameof(comparisons));
        var data = new Data(o, comparisons.Count, nameof(comparisons));
        int p = o.StyleFeatures.Count;
        for (int j = 0; j < comparisons.Count; j++)
        {
            var c = comparisons[j] ?? throw new ArgumentNullException(nameof(comparisons), $"Comparison {j} is null.");
            new MatchResult(c.A, c.B, c.Score, c.Weight).Validate(nameof(comparisons), j);
            if (c.Problem() is { } problem) throw new ArgumentException($"Comparison {j}: {problem}.", nameof(comparisons));
            if (p > 0 && (c.FeaturesA is null || c.FeaturesA.Count != p))
                throw new ArgumentException($"Comparison {j}: needs {p} style feature(s) per side ({string.Join(", ", o.StyleFeatures)}), got {c.FeaturesA?.Count ?? 0}.", nameof(comparisons));
            if (c.BothBad && o.BothBad == BothBadPolicy.Drop) continue;
            data.Add(j, c.A, c.B, c.Score, c.Weight, c.Log, p > 0 ? c.FeaturesA : null, p > 0 ? c.FeaturesB : null);
        }
        if (data.Count == 0) throw new ArgumentException("No comparison is left after dropping the 'both bad' ties.", nameof(comparisons));
        if (o.Anchor is { } anchor && !data.HasNode(anchor.Node)) throw new ArgumentException($"The anchor '{anchor.Node}' is not a node of the comparisons.", nameof(options));
        return Solve(data, o, nameof(comparisons));
    }

    private static void CheckOptions(BradleyTerryOptions options)
    {
        var o = options;
        if (!double.IsFinite(o.Confidence) || o.Confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(options), o.Confidence, "Confidence must be in (0, 1).");
        if (o.BootstrapRounds < 10) throw new ArgumentOutOfRangeException(nameof(options), o.BootstrapRounds, "BootstrapRounds must be at least 10.");
        if (o.PriorDraws is { } pd && (!double.IsFinite(pd) || pd < 0)) throw new ArgumentOutOfRangeException(nameof(options), pd, "PriorDraws must be non-negative.");
        if (!double.IsFinite(o.BaseRating) || Math.Abs(o.BaseRating) > 1e6) throw new ArgumentOutOfRangeException(nameof(options), o.BaseRating, "BaseRating must be finite with magnitude at most 1e6 (larger values swamp the rating differences in double precision).");
        if (!Enum.IsDefined(o.Intervals)) throw new ArgumentOutOfRangeException(nameof(options), o.Intervals, "Unknown interval method.");
        if (!Enum.IsDefined(o.Ties)) throw new ArgumentOutOfRangeException(nameof(options), o.Ties, "Unknown tie model.");
        if (!Enum.IsDefined(o.BothBad)) throw new ArgumentOutOfRangeException(nameof(options), o.BothBad, "Unknown both-bad policy.");
        if (!Enum.IsDefined(o.Weights)) throw new ArgumentOutOfRangeException(nameof(options), o.Weights, "Unknown weight kind.");
        if (o.L2 is { } l2)
        {
            if (!double.IsFinite(l2.C) || l2.C <= 0 || l2.C > 1e12) throw new ArgumentOutOfRangeException(nameof(options), l2.C, "L2.C must be positive and at most 1e12.");
            if (!Enum.IsDefined(l2.Scope)) throw new ArgumentOutOfRangeException(nameof(options), l2.Scope, "Unknown penalty scope.");
        }
        if (o.Anchor is { } anchor)
        {
            if (string.IsNullOrEmpty(anchor.Node)) throw new ArgumentException("Anchor.Node must be a node id.", nameof(options));
            if (!double.IsFinite(anchor.Rating) || Math.Abs(anchor.Rating) > 1e6) throw new ArgumentOutOfRangeException(nameof(options), anchor.Rating, "Anchor.Rating must be finite with magnitude at most 1e6.");
        }
        ArgumentNullException.ThrowIfNull(o.StyleFeatures, nameof(options));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in o.StyleFeatures)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("Style feature names must be non-empty.", nameof(options));
            if (!names.Add(name)) throw new ArgumentException($"Style feature '{name}' is listed twice.", nameof(options));
        }
    }

    /// <summary>Comparisons interned to node indices, before cells are formed.</summary>
    private sealed class Data(BradleyTerryOptions options, int capacity, string param)
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly int _p = options.StyleFeatures.Count;
        public readonly List<string> Ids = [];
        public readonly int[] A = new int[capacity], B = new int[capacity], Log = new int[capacity];
        public readonly double[] Score = new double[capacity], Weight = new double[capacity];
        public readonly List<double> Raw = [];
        public readonly SortedSet<int> LogIds = [];
        private int _lastLog = -1;

        public int Count { get; private set; }

        public string Param => param;

        public bool HasNode(string id) => _index.ContainsKey(id);

        public void Add(int j, string a, string b, double score, double weight, int log, IReadOnlyList<double>? fa, IReadOnlyList<double>? fb)
        {
            if (options.Ties != TieModel.HalfWin && score is not (0 or 0.5 or 1))
                throw new ArgumentException($"Comparison {j}: the {options.Ties} tie model needs a score of 0, 0.5 (tie) or 1, got {score.ToString(CultureInfo.InvariantCulture)} (graded scores need the half-win model).", param);
            int k = Count++;
            A[k] = Intern(a);
            B[k] = Intern(b);
            Score[k] = score;
            Weight[k] = weight;
            Log[k] = log;
            if (log != _lastLog)
            {
                LogIds.Add(log);
                _lastLog = log;
            }
            for (int f = 0; f < _p; f++)
            {
                double x = fa![f], y = fb![f];
                Raw.Add(x + y > 0 ? (x - y) / (x + y) : 0);
            }
        }

        // Callers usually pass the same string instances again and again (one per node); a slot keyed by the instance's identity
        // answers those without hashing the text. A miss (another instance, equal or not) falls back to the dictionary.
        private readonly (string? Id, int Index)[] _seen = new (string?, int)[256];

        private int Intern(string id)
        {
            ref var slot = ref _seen[System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(id) & 255];
            if (ReferenceEquals(slot.Id, id)) return slot.Index;
            if (!_index.TryGetValue(id, out int i))
            {
                i = Ids.Count;
                _index.Add(id, i);
                Ids.Add(id);
            }
            slot = (id, i);
            return i;
        }
    }

    /// <summary>The cells a fit works on, as parallel arrays: pair (I &lt; J unless style covariates keep every comparison),
    /// I's score, dense log index, count and unit (a cell weighs Count·Unit; frequency weights have Unit 1), covariates.</summary>
    internal sealed class Model
    {
        public int N, P, M;
        public TieModel Ties;
        public int[] I = [], J = [], L = [];
        public double[] S = [], Count = [], Unit = [], Z = [];
        public int[] TieOf = []; // per dense log: its parameter's position in φ, or −1 (held at 0: no ties in the log)
        public double[] TieShare = []; // per dense log: the weight share of ties
        public double ThetaPenalty, StylePenalty; // λ of −λ/2·Σx²
        public int Logs;

        public int Cells = -1; // cells in use (the arrays may be longer: per-thread bootstrap buffers)

        public int CellCount => Cells >= 0 ? Cells : I.Length;
    }

    private static BradleyTerryResult Solve(Data data, BradleyTerryOptions o, string param)
    {
        var md = BuildModel(data, o, param, out string[] ids);
        int n = md.N, p = md.P;
        int anchor = -1;
        if (o.Anchor is { } an)
        {
            anchor = Array.BinarySearch(ids, an.Node, StringComparer.Ordinal); // present: checked by the caller
        }
        var weight = new double[md.CellCount];
        for (int c = 0; c < weight.Length; c++) weight[c] = md.Count[c] * md.Unit[c];
        if (!Connected(n, md, weight)) throw new ArgumentException("The comparison graph is not connected: ratings of separate groups are not comparable.", param);
        bool thetaPenalised = md.ThetaPenalty > 0;
        double prior = o.PriorDraws ?? (thetaPenalised || StronglyConnected(n, md, weight) ? 0 : 0.5);
        bool gauge = prior == 0 && !thetaPenalised;

        var start = new double[md.M];
        InitialTies(md, start);
        var free = FreeTies(md, weight);
        var phi = Newton(Reduce(md, weight, out var reduced), reduced, prior, gauge, free, start, out int iterations, 1e-11);

        double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + (o.Confidence / 2));
        var low = new double[md.M];
        var high = new double[md.M];
        var point = Reported(md, phi, anchor, free);
        int degenerate = 0;
        if (o.Intervals == IntervalMethod.Sandwich)
        {
            var cov = SandwichCovariance(md, phi, weight, prior, gauge, free);
            for (int k = 0; k < md.M; k++)
            {
                double v = k < n && anchor >= 0 ? cov[k, k] + cov[anchor, anchor] - (2 * cov[k, anchor]) : cov[k, k];
                double se = Math.Sqrt(Math.Max(v, 0));
                if (k >= n + p && md.Ties == TieModel.Davidson)
                {
                    // ν = e^κ: the interval of κ, exponentiated (positive, asymmetric).
                    low[k] = point[k] > 0 ? Math.Exp(phi[k] - (z * se)) : 0;
                    high[k] = point[k] > 0 ? Math.Exp(phi[k] + (z * se)) : 0;
                }
                else
                {
                    low[k] = point[k] - (z * se);
                    high[k] = point[k] + (z * se);
                    if (k >= n + p) low[k] = Math.Max(0, low[k]);
                }
            }
        }
        else
        {
            var chord = InformationFactor(Reduce(md, weight, out var fullWeight), phi, fullWeight, prior, gauge, free);
            var samples = new double[o.BootstrapRounds][];
            var flags = new int[o.BootstrapRounds];
            var poisson = new PoissonTable(md);
            Parallel.For(0, o.BootstrapRounds, () => (W: new double[md.CellCount], Reduced: (Model?)null), (r, loop, buffers) =>
            {
                var w = buffers.W;
                ulong roundSeed = Seeds.Derive((ulong)o.Seed, (ulong)r);
                Model rm;
                double[] rw;
                for (int attempt = 0; ; attempt++)
                {
                    if (attempt == 100) throw new ArgumentException("The comparisons are too sparse to bootstrap: 100 resamples in a row cut a node off.", param);
                    var rng = new Xoshiro256(attempt == 0 ? roundSeed : Seeds.Derive(roundSeed, (ulong)attempt));
                    poisson.Draw(ref rng, w);
                    rm = Reduce(md, w, out rw, buffers.Reduced);
                    if (!ReferenceEquals(rm, md)) buffers.Reduced = rm;
                    if (!Connected(n, rm, rw) || AllTiesSomewhere(md, w)) { flags[r] = 1; continue; }
                    break;
                }
                double pr = prior;
                if (gauge && !StronglyConnected(n, rm, rw)) { pr = 1e-6; flags[r] = 1; }
                var f = FreeTies(md, w);
                bool sameRegime = pr == prior && f.AsSpan().SequenceEqual(free);
                // Percentiles need far less than the point fit's precision: 1e-6 in θ is 6e-5 Elo points, far below any
                // resampling spread.
                var fit = Newton(rm, rw, pr, pr == 0 && !thetaPenalised, f, phi, out _, 1e-6, sameRegime ? chord : null);
                samples[r] = Reported(md, fit, anchor, f);
                if (anchor < 0 && gauge) Center(samples[r], n);
                _ = loop;
                return buffers;
            }, _ => { });
            degenerate = flags.Sum();
            double lo = (1 - o.Confidence) / 2;
            var column = new double[samples.Length];
            for (int k = 0; k < md.M; k++)
            {
                for (int r = 0; r < samples.Length; r++) column[r] = samples[r][k];
                Array.Sort(column);
                low[k] = Math.Min(point[k], Stats.Quantile(column, lo));
                high[k] = Math.Max(point[k], Stats.Quantile(column, 1 - lo));
            }
        }

        var matchesPerNode = new double[n];
        for (int c = 0; c < md.CellCount; c++)
        {
            matchesPerNode[md.I[c]] += weight[c];
            matchesPerNode[md.J[c]] += weight[c];
        }
        double baseRating = o.Anchor?.Rating ?? o.BaseRating;
        double mean = 0;
        for (int i = 0; i < n; i++) mean += phi[i];
        mean /= n;
        var ratings = new BradleyTerryRating[n];
        for (int i = 0; i < n; i++)
        {
            int rank = 1;
            for (int j = 0; j < n; j++)
            {
                if (j != i && low[j] > high[i]) rank++;
            }
            ratings[i] = new BradleyTerryRating(ids[i], baseRating + (EloPerNatural * point[i]), baseRating + (EloPerNatural * low[i]), baseRating + (EloPerNatural * high[i]), rank, Math.Exp(phi[i] - mean), matchesPerNode[i]);
        }
        var ties = new List<TieParameter>();
        for (int l = 0; l < md.Logs && md.Ties != TieModel.HalfWin; l++)
        {
            int k = md.TieOf[l];
            ties.Add(k < 0 ? new TieParameter(l, md.Ties, 0, 0, 0) : new TieParameter(l, md.Ties, point[k], low[k], high[k]));
        }
        var style = new StyleCoefficient[p];
        for (int f = 0; f < p; f++) style[f] = new StyleCoefficient(o.StyleFeatures[f], point[n + f], low[n + f], high[n + f]);
        return new BradleyTerryResult([.. ratings.OrderByDescending(r => r.Rating).ThenBy(r => r.Node, StringComparer.Ordinal)], iterations, prior)
        {
            TieModel = md.Ties,
            Ties = ties,
            Style = style,
            DegenerateResamples = degenerate,
        };
    }

    /// <summary>Parameters as reported: θ relative to the anchor (if any), γ, and tie parameters on their own scale (ν = e^κ,
    /// 0 for a log held at no ties; η).</summary>
    private static double[] Reported(Model md, double[] phi, int anchor, bool[] free)
    {
        var r = (double[])phi.Clone();
        if (anchor >= 0)
        {
            double a = phi[anchor];
            for (int i = 0; i < md.N; i++) r[i] -= a;
        }
        for (int l = 0; l < md.Logs; l++)
        {
            int k = md.TieOf[l];
            if (k < 0) continue;
            r[k] = !free[l] ? 0 : md.Ties == TieModel.Davidson ? Math.Exp(phi[k]) : phi[k];
        }
        return r;
    }

    private static void Center(double[] v, int n)
    {
        double mean = 0;
        for (int i = 0; i < n; i++) mean += v[i];
        mean /= n;
        for (int i = 0; i < n; i++) v[i] -= mean;
    }

    private static Model BuildModel(Data data, BradleyTerryOptions o, string param, out string[] ids)
    {
        int count = data.Count;
        int n = data.Ids.Count;
        int p = o.StyleFeatures.Count;
        // Node indices in ordinal id order, so the result does not depend on the order comparisons arrive in.
        var order = Enumerable.Range(0, n).ToArray();
        ids = [.. data.Ids];
        Array.Sort(ids, order, StringComparer.Ordinal);
        var remap = new int[n];
        for (int k = 0; k < n; k++) remap[order[k]] = k;
        var logIds = data.LogIds.ToArray();
        // Dense log index per comparison (logs are usually 0..L−1: an array lookup, not a dictionary per comparison).
        var logMap = new int[logIds[^1] + 1 <= 4 * logIds.Length + 64 ? logIds[^1] + 1 : 0];
        var logDict = logMap.Length == 0 ? logIds.Select((l, k) => (l, k)).ToDictionary(t => t.l, t => t.k) : null;
        for (int k = 0; k < logIds.Length && logDict is null; k++) logMap[logIds[k]] = k;
        var logOf = new int[count];
        for (int k = 0; k < count; k++) logOf[k] = logDict is null ? logMap[data.Log[k]] : logDict[data.Log[k]];
        var md = new Model { N = n, P = p, Ties = o.Ties, Logs = logIds.Length };
        bool importance = o.Weights == WeightKind.Importance;
        if (o.L2 is { } l2)
        {
            double lambda = 1 / (4 * l2.C); // the arena's C·Σloss + ½‖β‖² divided by its 4 rows per battle
            md.StylePenalty = lambda;
            if (l2.Scope == PenaltyScope.AllParameters) md.ThetaPenalty = lambda / (Ln10 * Ln10); // β = θ / ln 10
        }

        var ci = new List<int>();
        var cj = new List<int>();
        var cl = new List<int>();
        var cs = new List<double>();
        var cc = new List<double>();
        var cu = new List<double>();
        if (p > 0)
        {
            // Style covariates: every comparison is its own cell; covariates standardised over the log (population sd).
            var zs = new double[count * p];
            for (int f = 0; f < p; f++)
            {
                double mean = 0, m2 = 0;
                for (int k = 0; k < count; k++) mean += data.Raw[(k * p) + f];
                mean /= count;
                for (int k = 0; k < count; k++) { double d = data.Raw[(k * p) + f] - mean; m2 += d * d; }
                double sd = Math.Sqrt(m2 / count);
                if (!(sd > 1e-12)) throw new ArgumentException($"The style covariate '{o.StyleFeatures[f]}' is the same in every comparison: its coefficient cannot be estimated.", param);
                for (int k = 0; k < count; k++) zs[(k * p) + f] = (data.Raw[(k * p) + f] - mean) / sd;
            }
            for (int k = 0; k < count; k++)
            {
                ci.Add(remap[data.A[k]]);
                cj.Add(remap[data.B[k]]);
                cl.Add(logOf[k]);
                cs.Add(data.Score[k]);
                cc.Add(importance ? 1 : data.Weight[k]);
                cu.Add(importance ? data.Weight[k] : 1);
            }
            md.Z = zs;
        }
        else
        {
            // Merge identical comparisons. Dense slots when the (pair, log, outcome) space is small and scores are 0/½/1,
            // a dictionary otherwise; cells are then in (I, J, log, score, unit) order either way.
            bool dense = !importance && (long)n * n * logIds.Length * 3 <= 1 << 24;
            for (int k = 0; k < count && dense; k++) dense = data.Score[k] is 0 or 0.5 or 1;
            if (dense)
            {
                int logs = logIds.Length;
                var slot = new double[n * n * logs * 3];
                for (int k = 0; k < count; k++)
                {
                    int a = remap[data.A[k]], b = remap[data.B[k]];
                    double s = data.Score[k];
                    if (a > b) (a, b, s) = (b, a, 1 - s);
                    int code = s == 0 ? 0 : s == 1 ? 2 : 1;
                    slot[(((((a * n) + b) * logs) + logOf[k]) * 3) + code] += data.Weight[k];
                }
                for (int k = 0; k < slot.Length; k++)
                {
                    if (slot[k] == 0) continue;
                    int code = k % 3, rest = k / 3;
                    cl.Add(rest % logs);
                    rest /= logs;
                    ci.Add(rest / n);
                    cj.Add(rest % n);
                    cs.Add(code * 0.5);
                    cc.Add(slot[k]);
                    cu.Add(1);
                }
            }
            else
            {
                var map = new Dictionary<(int I, int J, int L, double S, double U), double>();
                for (int k = 0; k < count; k++)
                {
                    int a = remap[data.A[k]], b = remap[data.B[k]];
                    double s = data.Score[k];
                    if (a > b) (a, b, s) = (b, a, 1 - s);
                    double u = importance ? data.Weight[k] : 1;
                    var key = (a, b, logOf[k], s, u);
                    map[key] = map.GetValueOrDefault(key) + (importance ? 1 : data.Weight[k]);
                }
                foreach (var (key, c) in map.OrderBy(e => e.Key))
                {
                    ci.Add(key.I);
                    cj.Add(key.J);
                    cl.Add(key.L);
                    cs.Add(key.S);
                    cc.Add(c);
                    cu.Add(key.U);
                }
            }
        }
        md.I = [.. ci];
        md.J = [.. cj];
        md.L = [.. cl];
        md.S = [.. cs];
        md.Count = [.. cc];
        md.Unit = [.. cu];

        // Tie parameters: one per log that holds a tie (a log without ties is held at ν = 0 / η = 0, its MLE). Tie and total
        // weight per log in one pass over the cells; the shares also give the starting values.
        md.TieOf = new int[md.Logs];
        md.TieShare = new double[md.Logs];
        int m = n + p;
        var tieWeight = new double[md.Logs];
        var allWeight = new double[md.Logs];
        for (int c = 0; c < md.CellCount; c++)
        {
            double w = md.Count[c] * md.Unit[c];
            allWeight[md.L[c]] += w;
            if (md.S[c] == 0.5) tieWeight[md.L[c]] += w;
        }
        for (int l = 0; l < md.Logs; l++)
        {
            md.TieOf[l] = -1;
            md.TieShare[l] = tieWeight[l] / allWeight[l];
            if (o.Ties == TieModel.HalfWin) continue;
            if (tieWeight[l] == allWeight[l]) throw new ArgumentException($"Log {logIds[l]} holds nothing but ties: its tie parameter has no finite estimate.", param);
            if (tieWeight[l] > 0) md.TieOf[l] = m++;
        }
        md.M = m;
        return md;
    }

    /// <summary>For the half-win model without covariates, the likelihood of a pair's cells depends only on its total weight and
    /// total score (ℓ is linear in s), so Newton runs on one cell per (pair, log) with the weighted mean score: a third of the
    /// cells for 0/½/1 logs. Other models are returned as they are.</summary>
    private static Model Reduce(Model md, double[] weight, out double[] reducedWeight, Model? into = null)
    {
        if (md.Ties != TieModel.HalfWin || md.P > 0)
        {
            reducedWeight = weight;
            return md;
        }
        int cells = md.CellCount, k = 0;
        var r = into ?? new Model
        {
            N = md.N, P = 0, M = md.M, Ties = md.Ties, Logs = md.Logs, TieOf = md.TieOf,
            I = new int[cells], J = new int[cells], L = new int[cells], S = new double[cells], Count = new double[cells], Unit = [],
            ThetaPenalty = md.ThetaPenalty, StylePenalty = md.StylePenalty,
        };
        int[] i = r.I, j = r.J, l = r.L;
        double[] score = r.S, w = r.Count;
        for (int c = 0; c < cells;)
        {
            int a = md.I[c], b = md.J[c], log = md.L[c];
            double total = 0, wins = 0;
            for (; c < cells && md.I[c] == a && md.J[c] == b && md.L[c] == log; c++)
            {
                total += weight[c];
                wins += weight[c] * md.S[c];
            }
            if (total == 0) continue;
            i[k] = a;
            j[k] = b;
            l[k] = log;
            score[k] = Math.Min(wins / total, 1);
            w[k] = total;
            k++;
        }
        r.Cells = k;
        reducedWeight = w;
        return r;
    }

    /// <summary>Starting tie parameters: the values that reproduce each log's tie share between equal nodes.</summary>
    private static void InitialTies(Model md, double[] phi)
    {
        for (int l = 0; l < md.Logs; l++)
        {
            int k = md.TieOf[l];
            if (k < 0) continue;
            double t = md.TieShare[l];
            phi[k] = md.Ties == TieModel.Davidson ? Math.Log(2 * t / (1 - t)) : Math.Log((1 + t) / (1 - t));
        }
    }

    /// <summary>Which logs' tie parameters are estimated under these cell weights (a log with no tie weight is held at 0).</summary>
    private static bool[] FreeTies(Model md, double[] weight)
    {
        var free = new bool[md.Logs];
        for (int c = 0; c < md.CellCount; c++)
        {
            if (md.S[c] == 0.5 && weight[c] > 0 && md.TieOf[md.L[c]] >= 0) free[md.L[c]] = true;
        }
        return free;
    }

    /// <summary>True when some log with a tie parameter holds only ties under these weights (a degenerate resample).</summary>
    private static bool AllTiesSomewhere(Model md, double[] weight)
    {
        if (md.Ties == TieModel.HalfWin) return false;
        var decisive = new bool[md.Logs];
        for (int c = 0; c < md.CellCount; c++)
        {
            if (md.S[c] != 0.5 && weight[c] > 0) decisive[md.L[c]] = true;
        }
        for (int l = 0; l < md.Logs; l++)
        {
            if (md.TieOf[l] >= 0 && !decisive[l]) return true;
        }
        return false;
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private static double Softplus(double x) => x > 30 ? x : double.LogP1(Math.Exp(x));

    /// <summary>One comparison's log-likelihood ℓ and its derivatives in the linear predictor d and the tie parameter τ
    /// (κ = ln ν for Davidson, η for Rao–Kupper); <paramref name="free"/> false holds the tie parameter at 0 (no ties).</summary>
    private static double Cell(TieModel model, double d, double s, double tau, bool free, out double gd, out double gk, out double hdd, out double hdk, out double hkk)
    {
        switch (model)
        {
            case TieModel.Davidson:
            {
                double h = d / 2, k = free ? tau : double.NegativeInfinity;
                double top = Math.Max(Math.Abs(h), k);
                double ei = Math.Exp(h - top), ej = Math.Exp(-h - top), et = free ? Math.Exp(k - top) : 0;
                double sum = ei + ej + et, logD = top + Math.Log(sum);
                double pi = ei / sum, pj = ej / sum, pt = et / sum, diff = pi - pj;
                double y, tie, l;
                if (s == 1) { y = 0.5; tie = 0; l = h - logD; }
                else if (s == 0) { y = -0.5; tie = 0; l = -h - logD; }
                else { y = 0; tie = 1; l = k - logD; }
                gd = y - (diff / 2);
                gk = free ? tie - pt : 0;
                hdd = -(pi + pj - (diff * diff)) / 4;
                hdk = free ? pt * diff / 2 : 0;
                hkk = free ? -pt * (1 - pt) : 0;
                return l;
            }
            case TieModel.RaoKupper:
            {
                double eta = free ? tau : 0;
                double a = eta - d, b = eta + d;
                double sa = Sigmoid(a), sb = Sigmoid(b), qa = sa * (1 - sa), qb = sb * (1 - sb);
                double l;
                if (s == 1) { l = -Softplus(a); gd = sa; gk = -sa; hdd = -qa; hdk = qa; hkk = -qa; }
                else if (s == 0) { l = -Softplus(b); gd = -sb; gk = -sb; hdd = -qb; hdk = -qb; hkk = -qb; }
                else
                {
                    double oneMinusU = -double.ExpM1(-2 * eta), u = 1 - oneMinusU;
                    l = (2 * eta) + Math.Log(oneMinusU) - Softplus(a) - Softplus(b);
                    gd = sa - sb;
                    gk = (2 / oneMinusU) - sa - sb;
                    hdd = -qa - qb;
                    hdk = qa - qb;
                    hkk = (-4 * u / (oneMinusU * oneMinusU)) - qa - qb;
                }
                if (!free) { gk = 0; hdk = 0; hkk = 0; }
                return l;
            }
            default:
            {
                // ℓ = s·log σ(d) + (1 − s)·log σ(−d) = log σ(d) − (1 − s)·d: one exp and one log1p per cell.
                double e = Math.Exp(-Math.Abs(d)), sig = d >= 0 ? 1 / (1 + e) : e / (1 + e);
                gd = s - sig;
                gk = hdk = hkk = 0;
                hdd = -sig * (1 - sig);
                return Math.Min(d, 0) - double.LogP1(e) - ((1 - s) * d);
            }
        }
    }

    /// <summary>The penalised log-likelihood; with <paramref name="g"/> and <paramref name="info"/> (row-major M×M, added to)
    /// also its gradient and information (minus the Hessian). Tie parameters of logs that are not free get an identity row.</summary>
    private static double Objective(Model md, double[] phi, double[] weight, double prior, bool[] free, double[]? g, double[]? info)
    {
        int n = md.N, p = md.P, m = md.M;
        double ll = md.Ties == TieModel.HalfWin && p == 0 ? HalfWinCells(md, phi, weight, g, info) : 0;
        for (int c = 0; c < md.CellCount && (md.Ties != TieModel.HalfWin || p > 0); c++)
        {
            double w = weight[c];
            if (w == 0) continue;
            int i = md.I[c], j = md.J[c], t = md.TieOf[md.L[c]];
            bool f = t >= 0 && free[md.L[c]];
            double d = phi[i] - phi[j];
            for (int k = 0; k < p; k++) d += phi[n + k] * md.Z[(c * p) + k];
            ll += w * Cell(md.Ties, d, md.S[c], f ? phi[t] : 0, f, out double gd, out double gk, out double hdd, out double hdk, out double hkk);
            if (g is null) continue;
            double wg = w * gd, wh = -w * hdd;
            g[i] += wg;
            g[j] -= wg;
            for (int k = 0; k < p; k++) g[n + k] += wg * md.Z[(c * p) + k];
            if (f) g[t] += w * gk;
            if (info is null) continue; // chord iterations need only the gradient
            info[(i * m) + i] += wh;
            info[(j * m) + j] += wh;
            info[(i * m) + j] -= wh;
            info[(j * m) + i] -= wh;
            for (int k = 0; k < p; k++)
            {
                double zk = md.Z[(c * p) + k];
                int r = (n + k) * m;
                info[r + i] += wh * zk;
                info[r + j] -= wh * zk;
                info[(i * m) + n + k] += wh * zk;
                info[(j * m) + n + k] -= wh * zk;
                for (int q = 0; q < p; q++) info[r + n + q] += wh * zk * md.Z[(c * p) + q];
            }
            if (!f) continue;
            double whk = -w * hdk;
            info[(t * m) + t] -= w * hkk;
            info[(t * m) + i] += whk;
            info[(i * m) + t] += whk;
            info[(t * m) + j] -= whk;
            info[(j * m) + t] -= whk;
            for (int k = 0; k < p; k++)
            {
                double zk = md.Z[(c * p) + k];
                info[(t * m) + n + k] += whk * zk;
                info[((n + k) * m) + t] += whk * zk;
            }
        }
        for (int i = 0; i < n; i++)
        {
            double th = phi[i];
            if (prior > 0)
            {
                ll += prior * 0.5 * (-Softplus(-th) - Softplus(th));
                if (g is not null)
                {
                    double s = Sigmoid(th);
                    g[i] += prior * (0.5 - s);
                    if (info is not null) info[(i * m) + i] += prior * s * (1 - s);
                }
            }
            if (md.ThetaPenalty > 0)
            {
                ll -= md.ThetaPenalty * th * th / 2;
                if (g is not null)
                {
                    g[i] -= md.ThetaPenalty * th;
                    if (info is not null) info[(i * m) + i] += md.ThetaPenalty;
                }
            }
        }
        for (int k = 0; k < p && md.StylePenalty > 0; k++)
        {
            double gamma = phi[n + k];
            ll -= md.StylePenalty * gamma * gamma / 2;
            if (g is not null)
            {
                g[n + k] -= md.StylePenalty * gamma;
                if (info is not null) info[((n + k) * m) + n + k] += md.StylePenalty;
            }
        }
        if (info is not null)
        {
            for (int l = 0; l < md.Logs; l++)
            {
                int t = md.TieOf[l];
                if (t >= 0 && !free[l]) info[(t * m) + t] = 1; // held: zero gradient, unit curvature, no step
            }
        }
        return ll;
    }

    /// <summary>The half-win likelihood without covariates (the common case, and every bootstrap round of it): the same
    /// terms as <see cref="Cell"/>'s half-win branch, in one tight loop over local arrays.</summary>
    private static double HalfWinCells(Model md, double[] phi, double[] weight, double[]? g, double[]? info, bool likelihood = true)
    {
        int[] ci = md.I, cj = md.J;
        double[] cs = md.S;
        int m = md.M;
        double ll = 0;
        for (int c = 0, cells = md.CellCount; c < cells; c++)
        {
            double w = weight[c];
            if (w == 0) continue;
            int i = ci[c], j = cj[c];
            double d = phi[i] - phi[j], s = cs[c];
            double e = Math.Exp(-Math.Abs(d)), inv = 1 / (1 + e), sig = d >= 0 ? inv : e * inv;
            if (likelihood) ll += w * (Math.Min(d, 0) - double.LogP1(e) - ((1 - s) * d));
            if (g is null) continue;
            double wg = w * (s - sig), wh = w * sig * (1 - sig);
            g[i] += wg;
            g[j] -= wg;
            if (info is null) continue; // chord iterations need only the gradient
            info[(i * m) + i] += wh;
            info[(j * m) + j] += wh;
            info[(i * m) + j] -= wh;
            info[(j * m) + i] -= wh;
        }
        return ll;
    }

    /// <summary>The Cholesky factor of the information at <paramref name="phi"/> (with the gauge when it applies), or null when
    /// it is not positive definite: the bootstrap's chord iterations reuse it.</summary>
    private static double[]? InformationFactor(Model md, double[] phi, double[] weight, double prior, bool gauge, bool[] free)
    {
        int m = md.M;
        var h = new double[m * m];
        Objective(md, phi, weight, prior, free, new double[m], h);
        if (gauge) AddGauge(h, md.N, m);
        var factor = new double[2 * m * m];
        if (!CholeskySolve(m, h, factor, new double[m], new double[m])) return null;
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k <= i; k++) factor[(m * m) + (k * m) + i] = factor[(i * m) + k]; // Lᵀ after L
        }
        return factor;
    }

    /// <summary>Solves L·Lᵀ·x = b with a Cholesky factor from <see cref="InformationFactor"/>: L (row-major, n×n) followed by
    /// Lᵀ (row-major, n×n), so both substitutions are contiguous SIMD dot products.</summary>
    private static void CholeskyApply(int n, double[] l, double[] b, double[] x)
    {
        int t = n * n;
        for (int i = 0; i < n; i++)
        {
            double v = b[i] - System.Numerics.Tensors.TensorPrimitives.Dot(new ReadOnlySpan<double>(l, i * n, i), new ReadOnlySpan<double>(x, 0, i));
            x[i] = v / l[(i * n) + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double v = x[i] - System.Numerics.Tensors.TensorPrimitives.Dot(new ReadOnlySpan<double>(l, t + (i * n) + i + 1, n - i - 1), new ReadOnlySpan<double>(x, i + 1, n - i - 1));
            x[i] = v / l[(i * n) + i];
        }
    }

    private static double[] Newton(Model md, double[] weight, double prior, bool gauge, bool[] free, double[] start, out int iterations, double tolerance, double[]? chord = null)
    {
        int n = md.N, m = md.M;
        var phi = (double[])start.Clone();
        for (int l = 0; l < md.Logs; l++)
        {
            int t = md.TieOf[l];
            if (t < 0 || free[l]) continue;
            phi[t] = md.Ties == TieModel.RaoKupper ? 0 : -30; // held (reported as 0); a finite placeholder keeps arithmetic clean
        }
        var g = new double[m];
        var step = new double[m];
        int iter = 0;
        if (chord is not null && ChordIterations(md, weight, prior, gauge, free, chord, phi, g, step, tolerance, ref iter))
        {
            iterations = iter;
            return phi;
        }
        // Buffers reused by every iteration: the information matrix (row-major), its Cholesky factor and the next point.
        var h = new double[m * m];
        var factor = new double[m * m];
        var next = new double[m];
        double ll = Objective(md, phi, weight, prior, free, null, null);
        for (; iter < 200; iter++)
        {
            Array.Clear(g);
            Array.Clear(h);
            Objective(md, phi, weight, prior, free, g, h);
            if (gauge) AddGauge(h, n, m);
            if (!CholeskySolve(m, h, factor, g, step))
            {
                var lu = Matrix<double>.Build.Dense(m, m, (i, j) => h[(i * m) + j]).Solve(Vector<double>.Build.Dense(g));
                for (int i = 0; i < m; i++) step[i] = lu[i];
            }
            double stepMax = 0;
            for (int i = 0; i < m; i++) stepMax = Math.Max(stepMax, Math.Abs(step[i]));
            if (stepMax < 1e-6)
            {
                // Inside Newton's quadratic region the full step is taken without a line search (its likelihood change is
                // below what double precision resolves); the iteration ends once the step is below the tolerance.
                for (int i = 0; i < m; i++) phi[i] += step[i];
                if (gauge) Center(phi, n);
                if (stepMax < tolerance) { iter++; break; }
                ll = Objective(md, phi, weight, prior, free, null, null);
                continue;
            }
            double t = 1, nextLl;
            while (true)
            {
                for (int i = 0; i < m; i++) next[i] = phi[i] + (t * step[i]);
                if (gauge) Center(next, n);
                nextLl = Valid(md, next, free) ? Objective(md, next, weight, prior, free, null, null) : double.NegativeInfinity;
                if (nextLl >= ll - (1e-13 * Math.Max(1, Math.Abs(ll))) || t < 1e-10) break;
                t /= 2;
            }
            if (!(nextLl >= ll - (1e-13 * Math.Max(1, Math.Abs(ll))))) { iter++; break; } // no ascent left at double precision
            double change = 0;
            for (int i = 0; i < m; i++) change = Math.Max(change, Math.Abs(next[i] - phi[i]));
            (phi, next) = (next, phi);
            ll = nextLl;
            if (change < tolerance) { iter++; break; }
        }
        iterations = iter;
        return phi;
    }

    /// <summary>Gauge Σθ = 0: adds c·11ᵀ/n to the θ block of the information (row-major m×m), c on the information's own
    /// scale, so the system stays well conditioned whether weights are 1e-6 or 1e9.</summary>
    private static void AddGauge(double[] h, int n, int m)
    {
        double scale = 0;
        for (int i = 0; i < n; i++) scale = Math.Max(scale, h[(i * m) + i]);
        double add = (scale > 0 ? scale : 1) / n;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) h[(i * m) + j] += add;
        }
    }

    /// <summary>Chord iterations for a bootstrap round: Newton steps with the full data's information factor instead of the
    /// round's own (a resample's information differs from it by sampling noise, so each step gains digits at a fraction of the
    /// cost: one gradient pass and two triangular solves, no information matrix, no factorisation). True when converged;
    /// false (φ at the best point reached) as soon as a step fails to raise the likelihood or to shrink fast, and Newton
    /// proper takes over from there.</summary>
    private static bool ChordIterations(Model md, double[] weight, double prior, bool gauge, bool[] free, double[] chord, double[] phi, double[] g, double[] step, double tolerance, ref int iter)
    {
        int n = md.N, m = md.M;
        double previousStep = double.PositiveInfinity, previousLl = double.NegativeInfinity;
        var last = new double[m];
        bool general = md.Ties != TieModel.HalfWin || md.P > 0;
        for (int k = 0; k < 30; k++, iter++)
        {
            Array.Clear(g);
            if (general)
            {
                double ll = Objective(md, phi, weight, prior, free, g, null);
                if (ll < previousLl - (1e-13 * Math.Max(1, Math.Abs(previousLl))))
                {
                    Array.Copy(last, phi, m); // the step overshot: back to where the likelihood was higher
                    return false;
                }
                previousLl = ll;
            }
            else
            {
                // Half wins: the gradient alone (no log per cell); the contraction test below guards the iteration.
                HalfWinCells(md, phi, weight, g, null, likelihood: false);
                PriorAndPenaltyGradient(md, phi, prior, g);
            }
            CholeskyApply(m, chord, g, step);
            double stepMax = 0;
            for (int i = 0; i < m; i++) stepMax = Math.Max(stepMax, Math.Abs(step[i]));
            if (!double.IsFinite(stepMax) || stepMax > 0.5 * previousStep) return false; // not contracting fast: Newton proper
            Array.Copy(phi, last, m);
            for (int i = 0; i < m; i++) phi[i] += step[i];
            if (gauge) Center(phi, n);
            if (!Valid(md, phi, free))
            {
                Array.Copy(last, phi, m);
                return false;
            }
            if (stepMax < tolerance) { iter++; return true; }
            previousStep = stepMax;
        }
        return false;
    }

    /// <summary>The prior's and the penalty's gradient terms (what <see cref="Objective"/> adds after the cells).</summary>
    private static void PriorAndPenaltyGradient(Model md, double[] phi, double prior, double[] g)
    {
        for (int i = 0; i < md.N; i++)
        {
            if (prior > 0) g[i] += prior * (0.5 - Sigmoid(phi[i]));
            if (md.ThetaPenalty > 0) g[i] -= md.ThetaPenalty * phi[i];
        }
    }

    /// <summary>Rao–Kupper's η must stay positive while it is estimated.</summary>
    private static bool Valid(Model md, double[] phi, bool[] free)
    {
        if (md.Ties != TieModel.RaoKupper) return true;
        for (int l = 0; l < md.Logs; l++)
        {
            int t = md.TieOf[l];
            if (t >= 0 && free[l] && !(phi[t] > 0)) return false;
        }
        return true;
    }

    /// <summary>Solves A·x = b for a symmetric positive definite A (row-major, n×n) by Cholesky into <paramref name="l"/>;
    /// false (x untouched) when a pivot is not positive.</summary>
    private static bool CholeskySolve(int n, double[] a, double[] l, double[] b, double[] x)
    {
        for (int j = 0; j < n; j++)
        {
            // Row-major L: the dot products over k < j read contiguous row prefixes, so they run as SIMD dots.
            var rowJ = new ReadOnlySpan<double>(l, j * n, j);
            double d = a[(j * n) + j] - System.Numerics.Tensors.TensorPrimitives.Dot(rowJ, rowJ);
            if (!(d > 0)) return false;
            double ljj = Math.Sqrt(d);
            l[(j * n) + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double v = a[(i * n) + j] - System.Numerics.Tensors.TensorPrimitives.Dot(new ReadOnlySpan<double>(l, i * n, j), rowJ);
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

    /// <summary>H⁻¹BH⁻¹ in the fitted parameters (κ for Davidson's tie parameters); with the Σθ = 0 gauge, H + c·11ᵀ/n is
    /// inverted, which equals the pseudo-inverse on everything the meat B reaches (B·1 = 0 on the θ block).</summary>
    private static Matrix<double> SandwichCovariance(Model md, double[] phi, double[] weight, double prior, bool gauge, bool[] free)
    {
        int n = md.N, p = md.P, m = md.M;
        var h = new double[m * m];
        Objective(md, phi, weight, prior, free, new double[m], h);
        if (gauge) AddGauge(h, n, m);
        var meat = new double[m * m];
        var v = new double[m];
        var touched = new List<int>(4 + p);
        for (int c = 0; c < md.CellCount; c++)
        {
            if (weight[c] == 0) continue;
            int i = md.I[c], j = md.J[c], t = md.TieOf[md.L[c]];
            bool f = t >= 0 && free[md.L[c]];
            double d = phi[i] - phi[j];
            for (int k = 0; k < p; k++) d += phi[n + k] * md.Z[(c * p) + k];
            Cell(md.Ties, d, md.S[c], f ? phi[t] : 0, f, out double gd, out double gk, out _, out _, out _);
            touched.Clear();
            v[i] = gd; touched.Add(i);
            v[j] = -gd; touched.Add(j);
            for (int k = 0; k < p; k++) { v[n + k] = gd * md.Z[(c * p) + k]; touched.Add(n + k); }
            if (f) { v[t] = gk; touched.Add(t); }
            // A cell of Count comparisons of weight Unit: Σ w²·g gᵀ = Count·Unit²·g gᵀ = weight·Unit·g gᵀ (frequency weights: Unit = 1).
            double factor = weight[c] * md.Unit[c];
            foreach (int a in touched)
            {
                foreach (int b in touched) meat[(a * m) + b] += factor * v[a] * v[b];
            }
            foreach (int a in touched) v[a] = 0;
        }
        var hm = Matrix<double>.Build.Dense(m, m, (a, b) => h[(a * m) + b]);
        Matrix<double> inv;
        try { inv = hm.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(m)); }
        catch (ArgumentException) { inv = hm.PseudoInverse(); }
        var bm = Matrix<double>.Build.Dense(m, m, (a, b) => meat[(a * m) + b]);
        return inv * bm * inv;
    }

    private static bool Connected(int n, Model md, double[] weight)
    {
        var parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        int Find(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        int components = n;
        for (int c = 0; c < md.CellCount; c++)
        {
            if (weight[c] == 0) continue;
            int a = Find(md.I[c]), b = Find(md.J[c]);
            if (a != b) { parent[a] = b; components--; }
        }
        return components == 1;
    }

    private static bool StronglyConnected(int n, Model md, double[] weight)
    {
        // Edge u → v when u took some score from v; strongly connected when node 0 reaches every node along the edges and
        // against them. Adjacency in compressed rows (one pass to count, one to fill), no per-node lists.
        var outStart = new int[n + 1];
        var inStart = new int[n + 1];
        for (int c = 0; c < md.CellCount; c++)
        {
            if (weight[c] == 0) continue;
            if (md.S[c] > 0) { outStart[md.I[c] + 1]++; inStart[md.J[c] + 1]++; }
            if (md.S[c] < 1) { outStart[md.J[c] + 1]++; inStart[md.I[c] + 1]++; }
        }
        for (int i = 0; i < n; i++) { outStart[i + 1] += outStart[i]; inStart[i + 1] += inStart[i]; }
        var outEdges = new int[outStart[n]];
        var inEdges = new int[inStart[n]];
        var outFill = outStart[..n];
        var inFill = inStart[..n];
        for (int c = 0; c < md.CellCount; c++)
        {
            if (weight[c] == 0) continue;
            if (md.S[c] > 0) { outEdges[outFill[md.I[c]]++] = md.J[c]; inEdges[inFill[md.J[c]]++] = md.I[c]; }
            if (md.S[c] < 1) { outEdges[outFill[md.J[c]]++] = md.I[c]; inEdges[inFill[md.I[c]]++] = md.J[c]; }
        }
        var stack = new int[n];
        var seen = new bool[n];
        bool All(int[] start, int[] edges)
        {
            Array.Clear(seen);
            int top = 0, count = 1;
            stack[top++] = 0;
            seen[0] = true;
            while (top > 0)
            {
                int u = stack[--top];
                for (int e = start[u]; e < start[u + 1]; e++)
                {
                    int v = edges[e];
                    if (!seen[v]) { seen[v] = true; count++; stack[top++] = v; }
                }
            }
            return count == n;
        }
        return All(outStart, outEdges) && All(inStart, inEdges);
    }

    /// <summary>Every cell's resampled weight, Unit · Poisson(Count), drawn exactly: Knuth's product of uniforms below λ = 10,
    /// Hörmann's transformed rejection with squeeze (PTRS, 1993) above, with its per-λ constants computed once per cell
    /// (a cell's λ is the same in every round).</summary>
    internal sealed class PoissonTable
    {
        private readonly double[] _lambda, _unit, _c;
        private const int Stride = 7;

        public PoissonTable(Model md)
            : this(md.Count[..md.CellCount], md.Unit[..md.CellCount])
        {
        }

        /// <summary>Draws Unit[c] · Poisson(means[c]) for every c.</summary>
        public PoissonTable(double[] means, double[] unit)
        {
            int cells = means.Length;
            _lambda = means;
            _unit = unit;
            _c = new double[cells * Stride];
            for (int c = 0; c < cells; c++)
            {
                double lambda = _lambda[c];
                if (lambda < 10)
                {
                    _c[c * Stride] = Math.Exp(-lambda);
                    continue;
                }
                double slam = Math.Sqrt(lambda), b = 0.931 + (2.53 * slam), a = -0.059 + (0.02483 * b);
                double invAlpha = 1.1239 + (1.1328 / (b - 3.4)), vr = 0.9277 - (3.6224 / (b - 2));
                (_c[c * Stride], _c[(c * Stride) + 1], _c[(c * Stride) + 2], _c[(c * Stride) + 3]) = (a, b, vr, Math.Log(invAlpha));
                _c[(c * Stride) + 4] = Math.Log(lambda);
            }
        }

        private static readonly double[] SmallLogFactorials = [.. Enumerable.Range(0, 16).Select(k => Enumerable.Range(1, k).Sum(x => Math.Log(x)))];

        /// <summary>ln k! for a non-negative integer k: exact sums below 16, Stirling's series with four correction terms
        /// above (absolute error below 1e-13 there), much cheaper than a general log-gamma.</summary>
        internal static double LogFactorial(double k)
        {
            if (k < 16) return SmallLogFactorials[(int)k];
            double x = k + 1, inv = 1 / x, inv2 = inv * inv;
            return ((x - 0.5) * Math.Log(x)) - x + 0.91893853320467274178 + (inv * ((1.0 / 12) - (inv2 * ((1.0 / 360) - (inv2 * ((1.0 / 1260) - (inv2 / 1680)))))));
        }

        public void Draw(ref Xoshiro256 rng, double[] w)
        {
            for (int c = 0; c < _lambda.Length; c++)
            {
                double lambda = _lambda[c], k;
                int at = c * Stride;
                if (lambda < 10)
                {
                    double limit = _c[at], product = 1;
                    int count = 0;
                    do
                    {
                        count++;
                        product *= rng.NextDouble();
                    }
                    while (product > limit);
                    k = count - 1;
                }
                else
                {
                    double a = _c[at], b = _c[at + 1], vr = _c[at + 2], logInvAlpha = _c[at + 3], logLam = _c[at + 4];
                    while (true)
                    {
                        double u = rng.NextDouble() - 0.5, v = rng.NextDouble(), us = 0.5 - Math.Abs(u);
                        k = Math.Floor((((2 * a / us) + b) * u) + lambda + 0.43);
                        if (us >= 0.07 && v <= vr) break;
                        if (k < 0 || (us < 0.013 && v > us)) continue;
                        if (Math.Log(v) + logInvAlpha - Math.Log((a / (us * us)) + b) <= -lambda + (k * logLam) - LogFactorial(k)) break;
                    }
                }
                w[c] = _unit[c] * k;
            }
        }
    }
}
