namespace ScoutElo.Scoring.Calibration;

/// <summary>A monotone non-decreasing step map from composite score to the label scale, fitted by isotonic regression (PAVA).</summary>
/// <remarks>
/// <para>Fitting pools adjacent violators (Barlow et al. 1972): the result is the least-squares non-decreasing fit of labels on
/// scores. Applying it interpolates linearly between block centres and clamps outside the fitted range, so the map is
/// continuous and monotone; the interpolation (instead of PAVA's usual step function) is ScoutElo's own choice, made so that
/// nearby composites never jump across a block boundary. Immutable and thread-safe.</para>
/// </remarks>
public sealed class IsotonicMap
{
    private readonly double[] _x;
    private readonly double[] _y;

    internal IsotonicMap(double[] x, double[] y)
    {
        _x = x;
        _y = y;
    }

    /// <summary>Knot positions (composite scores), increasing.</summary>
    public IReadOnlyList<double> X => Array.AsReadOnly(_x);

    /// <summary>Knot values (label scale), non-decreasing.</summary>
    public IReadOnlyList<double> Y => Array.AsReadOnly(_y);

    /// <summary>Creates a map from explicit knots.</summary>
    /// <param name="x">Strictly increasing finite positions (at least one).</param>
    /// <param name="y">Non-decreasing finite values, one per position.</param>
    /// <returns>The map.</returns>
    /// <exception cref="ArgumentException">Lengths differ, are zero, or the knots are not finite/increasing/non-decreasing.</exception>
    public static IsotonicMap FromKnots(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0 || x.Count != y.Count) throw new ArgumentException("Need the same positive number of x and y knots.", nameof(x));
        for (int i = 0; i < x.Count; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i])) throw new ArgumentException("Knots must be finite.", nameof(x));
            if (i > 0 && (x[i] <= x[i - 1] || y[i] < y[i - 1])) throw new ArgumentException("x must increase strictly and y must not decrease.", nameof(x));
        }
        return new IsotonicMap([.. x], [.. y]);
    }

    /// <summary>Fits the map by pool-adjacent-violators.</summary>
    /// <param name="scores">Composite scores (finite).</param>
    /// <param name="labels">Labels (finite), one per score.</param>
    /// <returns>The fitted map.</returns>
    /// <exception cref="ArgumentException">Lengths differ or are zero, or a value is not finite.</exception>
    public static IsotonicMap Fit(IReadOnlyList<double> scores, IReadOnlyList<double> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count == 0 || scores.Count != labels.Count) throw new ArgumentException("Need the same positive number of scores and labels.", nameof(scores));
        var order = Enumerable.Range(0, scores.Count).ToArray();
        foreach (int i in order)
        {
            if (!double.IsFinite(scores[i]) || !double.IsFinite(labels[i])) throw new ArgumentException("Scores and labels must be finite.", nameof(scores));
        }
        Array.Sort(order, (a, b) => scores[a] != scores[b] ? scores[a].CompareTo(scores[b]) : a.CompareTo(b));
        // Pool-adjacent-violators is equivariant to positive scaling, so both axes are scaled by a power of two (exact) to keep
        // block sums of values near ±1e308 finite, and the knots are scaled back at the end.
        double scaleX = Internal.Stats.PowerOfTwoScale([.. scores]), scaleY = Internal.Stats.PowerOfTwoScale([.. labels]);

        // Blocks: tie groups of equal scores start as one block each.
        var bx = new List<double>(); var by = new List<double>(); var bw = new List<double>();
        int k = 0;
        while (k < order.Length)
        {
            int j = k;
            double sx = 0, sy = 0;
            while (j < order.Length && scores[order[j]] == scores[order[k]])
            {
                sx += scores[order[j]] * scaleX;
                sy += labels[order[j]] * scaleY;
                j++;
            }
            double w = j - k;
            bx.Add(sx / w); by.Add(sy / w); bw.Add(w);
            while (by.Count > 1 && by[^2] > by[^1])
            {
                double w2 = bw[^2] + bw[^1];
                double x2 = ((bx[^2] * bw[^2]) + (bx[^1] * bw[^1])) / w2;
                double y2 = ((by[^2] * bw[^2]) + (by[^1] * bw[^1])) / w2;
                bx.RemoveAt(bx.Count - 1); by.RemoveAt(by.Count - 1); bw.RemoveAt(bw.Count - 1);
                bx[^1] = x2; by[^1] = y2; bw[^1] = w2;
            }
            k = j;
        }
        return new IsotonicMap([.. bx.Select(x => x / scaleX)], [.. by.Select(y => y / scaleY)]);
    }

    /// <summary>Maps a composite score to the label scale.</summary>
    /// <param name="score">The score (finite).</param>
    /// <returns>The monotone interpolated value; clamped to the first/last knot outside the fitted range.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is not finite.</exception>
    public double Apply(double score)
    {
        if (!double.IsFinite(score)) throw new ArgumentOutOfRangeException(nameof(score), score, "Must be finite.");
        if (score <= _x[0]) return _y[0];
        if (score >= _x[^1]) return _y[^1];
        int i = Array.BinarySearch(_x, score);
        if (i >= 0) return _y[i];
        i = ~i;
        // Halved differences and a convex combination: no overflow even when knots span ±1e308.
        double t = ((score / 2) - (_x[i - 1] / 2)) / ((_x[i] / 2) - (_x[i - 1] / 2));
        return Math.Clamp((_y[i - 1] * (1 - t)) + (_y[i] * t), Math.Min(_y[i - 1], _y[i]), Math.Max(_y[i - 1], _y[i]));
    }
}
