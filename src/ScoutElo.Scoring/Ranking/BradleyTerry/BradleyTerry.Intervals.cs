using MathNet.Numerics.LinearAlgebra;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Ranking;

public static partial class BradleyTerry
{
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
}
