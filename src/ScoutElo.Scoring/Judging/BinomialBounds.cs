using MathNet.Numerics.Distributions;

namespace ScoutElo.Scoring.Judging;

/// <summary>Exact one-sided binomial (Clopper–Pearson) confidence bounds on a proportion.</summary>
internal static class BinomialBounds
{
    /// <summary>The largest p with P(Bin(n, p) ≤ k) ≥ <paramref name="tail"/>: with probability ≥ 1 − tail the true proportion
    /// is at most this (1 when k = n).</summary>
    public static double Upper(int k, int n, double tail) => k >= n ? 1.0 : Beta.InvCDF(k + 1, n - k, 1 - tail);

    /// <summary>The smallest p with P(Bin(n, p) ≥ k) ≥ <paramref name="tail"/> (0 when k = 0).</summary>
    public static double Lower(int k, int n, double tail) => k <= 0 ? 0.0 : Beta.InvCDF(k, n - k + 1, tail);
}
