using MathNet.Numerics.LinearAlgebra;

namespace ScoutElo.Scoring.Internal;

/// <summary>Non-negative least squares on the normal equations (Lawson–Hanson active set in the Gram form of Bro &amp; De Jong 1997).</summary>
internal static class Nnls
{
    /// <summary>Solves min ‖Aβ − b‖² (+ λ‖β‖²) s.t. β ≥ 0 given G = AᵀA and c = Aᵀb; λ is added to G's diagonal.</summary>
    public static double[] Solve(double[,] gram, double[] atb, double ridge = 0, int maxIterations = 500)
    {
        int p = atb.Length;
        var g = (double[,])gram.Clone();
        for (int i = 0; i < p; i++) g[i, i] += ridge;
        var x = new double[p];
        var passive = new bool[p];
        double scale = 0;
        for (int i = 0; i < p; i++) scale = Math.Max(scale, Math.Abs(g[i, i]));
        double tol = 1e-12 * Math.Max(scale, 1) * p;
        var w = Gradient(g, atb, x);
        for (int iter = 0; iter < maxIterations; iter++)
        {
            int j = -1;
            double best = tol;
            for (int i = 0; i < p; i++)
            {
                if (!passive[i] && w[i] > best)
                {
                    best = w[i];
                    j = i;
                }
            }
            if (j < 0) break;
            passive[j] = true;
            while (true)
            {
                var s = SolvePassive(g, atb, passive);
                bool feasible = true;
                for (int i = 0; i < p; i++)
                {
                    if (passive[i] && s[i] <= 0) feasible = false;
                }
                if (feasible)
                {
                    x = s;
                    break;
                }
                double alpha = double.MaxValue;
                for (int i = 0; i < p; i++)
                {
                    if (passive[i] && s[i] <= 0) alpha = Math.Min(alpha, x[i] / (x[i] - s[i]));
                }
                for (int i = 0; i < p; i++) x[i] += alpha * (s[i] - x[i]);
                for (int i = 0; i < p; i++)
                {
                    if (passive[i] && x[i] <= 1e-15)
                    {
                        passive[i] = false;
                        x[i] = 0;
                    }
                }
                if (!passive.Any(b => b)) break;
            }
            w = Gradient(g, atb, x);
        }
        for (int i = 0; i < p; i++) x[i] = Math.Max(0, x[i]);
        return x;
    }

    private static double[] Gradient(double[,] g, double[] c, double[] x)
    {
        int p = c.Length;
        var w = new double[p];
        for (int i = 0; i < p; i++)
        {
            double s = c[i];
            for (int k = 0; k < p; k++) s -= g[i, k] * x[k];
            w[i] = s;
        }
        return w;
    }

    private static double[] SolvePassive(double[,] g, double[] c, bool[] passive)
    {
        int p = c.Length;
        var idx = Enumerable.Range(0, p).Where(i => passive[i]).ToArray();
        var result = new double[p];
        if (idx.Length == 0) return result;
        var m = Matrix<double>.Build.Dense(idx.Length, idx.Length, (r, k) => g[idx[r], idx[k]]);
        var v = Vector<double>.Build.Dense(idx.Length, r => c[idx[r]]);
        Vector<double> s;
        try
        {
            s = m.Cholesky().Solve(v);
        }
        catch (ArgumentException)
        {
            s = m.Svd().Solve(v); // singular (collinear columns): minimum-norm solution
        }
        for (int r = 0; r < idx.Length; r++) result[idx[r]] = double.IsFinite(s[r]) ? s[r] : 0;
        return result;
    }
}
