using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Calibration;

/// <summary>Mergeable co-moments of paired samples: count, means, sums of squared deviations and the co-deviation.</summary>
/// <remarks>
/// <para>Adding one pair uses Welford's update; <see cref="Combine"/> merges two shards with the pairwise formulas of
/// Chan, Golub and LeVeque (1979), never with raw sums of products, so shards computed anywhere (threads, machines, a
/// data-parallel engine) combine to the whole-data result up to rounding (relative error ~1e-15).</para>
/// <para>An immutable value; thread-safe.</para>
/// </remarks>
/// <param name="Count">Number of pairs.</param>
/// <param name="MeanX">Mean of x.</param>
/// <param name="MeanY">Mean of y.</param>
/// <param name="M2X">Σ(x − x̄)².</param>
/// <param name="M2Y">Σ(y − ȳ)².</param>
/// <param name="Cxy">Σ(x − x̄)(y − ȳ).</param>
public readonly record struct PearsonAccumulator(long Count, double MeanX, double MeanY, double M2X, double M2Y, double Cxy)
{
    /// <summary>The largest magnitude <see cref="Add(double, double)"/> accepts: 1e150, so that sums of squares of any realistic count of
    /// values stay finite.</summary>
    public const double MaxMagnitude = 1e150;

    /// <summary>Adds one pair.</summary>
    /// <param name="x">The x value (finite).</param>
    /// <param name="y">The y value (finite).</param>
    /// <returns>The updated accumulator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite or its magnitude exceeds <see cref="MaxMagnitude"/>
    /// (its square would overflow the co-moments; rescale first — correlation is scale invariant).</exception>
    public PearsonAccumulator Add(double x, double y)
    {
        if (!double.IsFinite(x) || Math.Abs(x) > MaxMagnitude) throw new ArgumentOutOfRangeException(nameof(x), x, $"Must be finite with magnitude at most {MaxMagnitude:0e0}; rescale the values (correlation is scale invariant).");
        if (!double.IsFinite(y) || Math.Abs(y) > MaxMagnitude) throw new ArgumentOutOfRangeException(nameof(y), y, $"Must be finite with magnitude at most {MaxMagnitude:0e0}; rescale the values (correlation is scale invariant).");
        return From(Moments.Add(x, y));
    }

    private CoMoments Moments => new(Count, MeanX, MeanY, M2X, M2Y, Cxy);

    private static PearsonAccumulator From(CoMoments m) => new(m.Count, m.MeanX, m.MeanY, m.M2X, m.M2Y, m.Cxy);

    /// <summary>Merges two accumulators (of disjoint samples).</summary>
    /// <param name="a">The first.</param>
    /// <param name="b">The second.</param>
    /// <returns>The accumulator of the union.</returns>
    public static PearsonAccumulator Combine(PearsonAccumulator a, PearsonAccumulator b) => From(CoMoments.Combine(a.Moments, b.Moments));

    /// <summary>Merges two accumulators.</summary>
    /// <param name="a">The first.</param>
    /// <param name="b">The second.</param>
    /// <returns>The accumulator of the union.</returns>
    public static PearsonAccumulator operator +(PearsonAccumulator a, PearsonAccumulator b) => Combine(a, b);

    /// <summary>Merges with another accumulator (the named alternative to <c>+</c>).</summary>
    /// <param name="other">The other accumulator.</param>
    /// <returns>The accumulator of the union.</returns>
    public PearsonAccumulator Add(PearsonAccumulator other) => Combine(this, other);

    /// <summary>The Pearson correlation, or <see langword="null"/> when undefined (fewer than 3 pairs or a constant side).</summary>
    public double? Pearson => Moments.Pearson;
}
