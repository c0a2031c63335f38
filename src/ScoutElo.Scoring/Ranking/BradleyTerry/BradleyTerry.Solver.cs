using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Ranking;

public static partial class BradleyTerry
{
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
        var fit = new PointFit(md, weight, phi, point, prior, gauge, free, anchor);
        int degenerate = o.Intervals == IntervalMethod.Sandwich
            ? SandwichIntervals(fit, z, low, high)
            : BootstrapIntervals(fit, o, param, low, high);
        return Result(fit, o, ids, low, high, iterations, degenerate);
    }

    /// <summary>The fitted point and what every interval method needs from it.</summary>
    private sealed record PointFit(Model Model, double[] Weight, double[] Phi, double[] Point, double Prior, bool Gauge, bool[] Free, int Anchor);

    /// <summary>Sandwich intervals of every parameter (anchored θ as differences to the anchor); no resample is degenerate.</summary>
    private static int SandwichIntervals(PointFit fit, double z, double[] low, double[] high)
    {
        var (md, phi, point, anchor) = (fit.Model, fit.Phi, fit.Point, fit.Anchor);
        int n = md.N, p = md.P;
        var cov = SandwichCovariance(md, phi, fit.Weight, fit.Prior, fit.Gauge, fit.Free);
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
        return 0;
    }

    /// <summary>Percentile intervals from a seeded Poisson bootstrap (resample r seeded by Seeds.Derive(seed, r), so any
    /// parallelism gives the same intervals); returns the number of degenerate resamples.</summary>
    private static int BootstrapIntervals(PointFit fit, BradleyTerryOptions o, string param, double[] low, double[] high)
    {
        var (md, phi, prior, gauge, free, anchor) = (fit.Model, fit.Phi, fit.Prior, fit.Gauge, fit.Free, fit.Anchor);
        int n = md.N;
        bool thetaPenalised = md.ThetaPenalty > 0;
        var chord = InformationFactor(Reduce(md, fit.Weight, out var fullWeight), phi, fullWeight, prior, gauge, free);
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
            var refit = Newton(rm, rw, pr, pr == 0 && !thetaPenalised, f, phi, out _, 1e-6, sameRegime ? chord : null);
            samples[r] = Reported(md, refit, anchor, f);
            if (anchor < 0 && gauge) Center(samples[r], n);
            _ = loop;
            return buffers;
        }, _ => { });
        double lo = (1 - o.Confidence) / 2;
        var column = new double[samples.Length];
        for (int k = 0; k < md.M; k++)
        {
            for (int r = 0; r < samples.Length; r++) column[r] = samples[r][k];
            Array.Sort(column);
            low[k] = Math.Min(fit.Point[k], Stats.Quantile(column, lo));
            high[k] = Math.Max(fit.Point[k], Stats.Quantile(column, 1 - lo));
        }
        return flags.Sum();
    }

    private static BradleyTerryResult Result(PointFit fit, BradleyTerryOptions o, string[] ids, double[] low, double[] high, int iterations, int degenerate)
    {
        var (md, weight, phi, point, prior) = (fit.Model, fit.Weight, fit.Phi, fit.Point, fit.Prior);
        int n = md.N, p = md.P;
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

    /// <summary>The Cholesky factorisation of the information at <paramref name="phi"/> (with the gauge when it applies), or
    /// null when it is not positive definite: the bootstrap's chord iterations reuse it.</summary>
    private static Cholesky<double>? InformationFactor(Model md, double[] phi, double[] weight, double prior, bool gauge, bool[] free)
    {
        int m = md.M;
        var h = new double[m * m];
        Objective(md, phi, weight, prior, free, new double[m], h);
        if (gauge) AddGauge(h, md.N, m);
        return TryCholesky(h, m);
    }

    /// <summary>MathNet's Cholesky factorisation of a symmetric m×m matrix (its row-major layout is also the column-major
    /// storage MathNet reads), or null when the matrix is not positive definite.</summary>
    private static Cholesky<double>? TryCholesky(double[] h, int m)
    {
        try
        {
            var factor = Matrix<double>.Build.Dense(m, m, h).Cholesky();
            return double.IsFinite(factor.DeterminantLn) ? factor : null;
        }
        catch (ArgumentException)
        {
            return null; // not positive definite
        }
    }

    private static double[] Newton(Model md, double[] weight, double prior, bool gauge, bool[] free, double[] start, out int iterations, double tolerance, Cholesky<double>? chord = null)
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
        // Buffers reused by every iteration: the information matrix (symmetric, so row- and column-major alike) and the next point.
        var h = new double[m * m];
        var next = new double[m];
        var gradient = Vector<double>.Build.Dense(g);
        var newtonStep = Vector<double>.Build.Dense(step);
        double ll = Objective(md, phi, weight, prior, free, null, null);
        for (; iter < 200; iter++)
        {
            Array.Clear(g);
            Array.Clear(h);
            Objective(md, phi, weight, prior, free, g, h);
            if (gauge) AddGauge(h, n, m);
            if (TryCholesky(h, m) is { } cholesky) cholesky.Solve(gradient, newtonStep);
            else Matrix<double>.Build.Dense(m, m, h).Solve(gradient, newtonStep); // LU when the information is not positive definite
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
    private static bool ChordIterations(Model md, double[] weight, double prior, bool gauge, bool[] free, Cholesky<double> chord, double[] phi, double[] g, double[] step, double tolerance, ref int iter)
    {
        int n = md.N, m = md.M;
        double previousStep = double.PositiveInfinity, previousLl = double.NegativeInfinity;
        var last = new double[m];
        bool general = md.Ties != TieModel.HalfWin || md.P > 0;
        var gradient = Vector<double>.Build.Dense(g);
        var chordStep = Vector<double>.Build.Dense(step);
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
            chord.Solve(gradient, chordStep);
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
}
