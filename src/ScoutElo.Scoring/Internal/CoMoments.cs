namespace ScoutElo.Scoring.Internal;

/// <summary>The co-moment arithmetic behind the public <c>PearsonAccumulator</c>, without input checks, so every part of
/// the library (calibration, Proof of Quality, the statistics facade) shares one Welford update, one Chan–Golub–LeVeque merge
/// and one Pearson formula without depending on Calibration.</summary>
/// <param name="Count">Number of pairs.</param>
/// <param name="MeanX">Mean of x.</param>
/// <param name="MeanY">Mean of y.</param>
/// <param name="M2X">Σ(x − x̄)².</param>
/// <param name="M2Y">Σ(y − ȳ)².</param>
/// <param name="Cxy">Σ(x − x̄)(y − ȳ).</param>
internal readonly record struct CoMoments(long Count, double MeanX, double MeanY, double M2X, double M2Y, double Cxy)
{
    /// <summary>Welford's update with one pair (the caller guarantees finite values).</summary>
    public CoMoments Add(double x, double y)
    {
        long n = Count + 1;
        double dx = x - MeanX;
        double mx = MeanX + (dx / n);
        double my = MeanY + ((y - MeanY) / n);
        return new CoMoments(n, mx, my, M2X + (dx * (x - mx)), M2Y + ((y - MeanY) * (y - my)), Cxy + (dx * (y - my)));
    }

    /// <summary>Merges two shards with the pairwise formulas (never raw sums of products).</summary>
    public static CoMoments Combine(CoMoments a, CoMoments b)
    {
        if (a.Count == 0) return b;
        if (b.Count == 0) return a;
        long n = a.Count + b.Count;
        double dx = b.MeanX - a.MeanX, dy = b.MeanY - a.MeanY;
        double f = (double)a.Count * b.Count / n;
        return new CoMoments(
            n,
            a.MeanX + (dx * b.Count / n),
            a.MeanY + (dy * b.Count / n),
            a.M2X + b.M2X + (dx * dx * f),
            a.M2Y + b.M2Y + (dy * dy * f),
            a.Cxy + b.Cxy + (dx * dy * f));
    }

    /// <summary>Pearson's r clamped to [−1, 1]; null with fewer than 3 pairs or a constant variable.</summary>
    public double? Pearson => Count < 3 || M2X <= 0 || M2Y <= 0 ? null : Math.Clamp(Cxy / Math.Sqrt(M2X * M2Y), -1, 1);

    /// <summary>Sample standard deviation of x (0 with fewer than two pairs).</summary>
    public double StdDevX => Count > 1 ? Math.Sqrt(M2X / (Count - 1)) : 0;
}
