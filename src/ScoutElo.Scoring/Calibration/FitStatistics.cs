using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Calibration;

/// <summary>Sufficient statistics of a regression fit (standardized normal equations over all calibration items), kept in the
/// profile so the weights can be refitted exactly for any subset of dimensions without the data.</summary>
/// <remarks>
/// <para>Removing a column from a least-squares design removes its row and column from <c>ZᵀZ</c> and its entry from <c>Zᵀy</c>
/// and changes nothing else, so solving the sub-system gives exactly the weights that fitting on the calibration data without
/// those dimensions would have given. Not-applicable scores were standardized to 0 (the mean) in the fit, as in the full fit.</para>
/// </remarks>
/// <param name="Names">Dimension names, in fit order.</param>
/// <param name="StandardDeviations">Standard deviation of each dimension over the items it judged; 0 marks an unusable dimension.</param>
/// <param name="Gram">Per-item averaged <c>ZᵀZ</c> of the standardized scores (row-major, Names.Count²).</param>
/// <param name="Target">Per-item averaged <c>Zᵀy</c> with the standardized label.</param>
/// <param name="Lambda">The ridge penalty of the fit (0 for non-negative least squares; τ for a few-shot fit).</param>
/// <param name="Prior">For a few-shot fit, <c>τ·β₀</c>: the pull towards the base weights added to <see cref="Target"/>; null otherwise.</param>
internal sealed record FitStatistics(string[] Names, double[] StandardDeviations, double[] Gram, double[] Target, double Lambda, double[]? Prior = null)
{
    /// <summary>Non-negative weights (summing to 1) of the dimensions marked usable, refitted on the sub-system; null when none gets a positive weight.</summary>
    public double[]? Solve(bool[] available)
    {
        int p = Names.Length;
        var idx = Enumerable.Range(0, p).Where(d => available[d] && StandardDeviations[d] > 0).ToArray();
        if (idx.Length == 0) return null;
        var g = new double[idx.Length, idx.Length];
        var c = new double[idx.Length];
        for (int a = 0; a < idx.Length; a++)
        {
            c[a] = Target[idx[a]] + (Prior is null ? 0 : Prior[idx[a]]);
            for (int b = 0; b < idx.Length; b++) g[a, b] = Gram[(idx[a] * p) + idx[b]];
        }
        var beta = Nnls.Solve(g, c, Lambda);
        var w = new double[p];
        for (int a = 0; a < idx.Length; a++) w[idx[a]] = beta[a] / StandardDeviations[idx[a]];
        double sum = w.Sum();
        if (!(sum > 0) || !double.IsFinite(sum)) return null;
        for (int d = 0; d < p; d++) w[d] /= sum;
        return w;
    }
}
