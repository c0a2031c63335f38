
namespace ScoutElo.Scoring.Ranking;

public static partial class BradleyTerry
{
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
        double ll = md.Ties == TieModel.HalfWin && md.P == 0 ? HalfWinCells(md, phi, weight, g, info) : GeneralCells(md, phi, weight, free, g, info);
        ll += PriorsAndPenalties(md, phi, prior, g, info);
        if (info is not null)
        {
            for (int l = 0; l < md.Logs; l++)
            {
                int t = md.TieOf[l];
                if (t >= 0 && !free[l]) info[(t * md.M) + t] = 1; // held: zero gradient, unit curvature, no step
            }
        }
        return ll;
    }

    /// <summary>The cells' log-likelihood under any tie model and with style covariates, with its gradient and information.</summary>
    private static double GeneralCells(Model md, double[] phi, double[] weight, bool[] free, double[]? g, double[]? info)
    {
        int n = md.N, p = md.P, m = md.M;
        double ll = 0;
        for (int c = 0; c < md.CellCount; c++)
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
        return ll;
    }

    /// <summary>The virtual-draw prior on θ and the L2 penalties on θ and γ (log-likelihood terms, gradient, information).</summary>
    private static double PriorsAndPenalties(Model md, double[] phi, double prior, double[]? g, double[]? info)
    {
        int n = md.N, p = md.P, m = md.M;
        double ll = 0;
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
}
