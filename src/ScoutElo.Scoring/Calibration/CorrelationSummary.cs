using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Calibration;

/// <summary>Pearson, Spearman and Kendall τ-b between a score and a label, with an optional bootstrap CI of Pearson.</summary>
/// <remarks>When a correlation is undefined (fewer than 3 pairs, or a constant side) its value is <see langword="null"/> and
/// <see cref="Reason"/> says why — never NaN. Immutable.</remarks>
public sealed record CorrelationSummary
{
    /// <summary>Number of pairs.</summary>
    public required int N { get; init; }

    /// <summary>Pearson's r, or null when undefined.</summary>
    public double? Pearson { get; init; }

    /// <summary>Spearman's ρ (mid-ranks for ties), or null when undefined.</summary>
    public double? Spearman { get; init; }

    /// <summary>Kendall's τ-b (tie-corrected), or null when undefined.</summary>
    public double? Kendall { get; init; }

    /// <summary>Lower bound of the 95% percentile-bootstrap CI of Pearson, when computed.</summary>
    public double? PearsonLow { get; init; }

    /// <summary>Upper bound of the 95% percentile-bootstrap CI of Pearson, when computed.</summary>
    public double? PearsonHigh { get; init; }

    /// <summary>Why the correlations are undefined; empty when they are defined.</summary>
    public string Reason { get; init; } = "";

    /// <summary>Computes the three correlations over paired values.</summary>
    /// <param name="scores">The scores (finite).</param>
    /// <param name="labels">The labels (finite), one per score.</param>
    /// <returns>The summary (no confidence interval).</returns>
    /// <exception cref="ArgumentException">Lengths differ or a value is not finite.</exception>
    public static CorrelationSummary Compute(IReadOnlyList<double> scores, IReadOnlyList<double> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count) throw new ArgumentException("Scores and labels differ in length.", nameof(labels));
        // Arrays are read in place (never written); other lists are copied once.
        var x = scores as double[] ?? [.. scores];
        var y = labels as double[] ?? [.. labels];
        if (!AllFinite(x)) throw new ArgumentException("Scores must be finite.", nameof(scores));
        if (!AllFinite(y)) throw new ArgumentException("Labels must be finite.", nameof(labels));
        return Of(x, y);
    }

    private static bool AllFinite(ReadOnlySpan<double> v)
    {
        foreach (double d in v)
        {
            if (!double.IsFinite(d)) return false;
        }
        return true;
    }

    internal static CorrelationSummary Of(double[] x, double[] y)
    {
        if (x.Length < 3) return new CorrelationSummary { N = x.Length, Reason = $"not applicable (n={x.Length})" };
        if (Stats.IsConstant(x)) return new CorrelationSummary { N = x.Length, Reason = "not applicable (constant score)" };
        if (Stats.IsConstant(y)) return new CorrelationSummary { N = x.Length, Reason = "not applicable (constant label)" };
        // One radix sort per variable serves both rank statistics (issue 25).
        var sx = Ranks.Sort(x);
        var sy = Ranks.Sort(y);
        try
        {
            return new CorrelationSummary
            {
                N = x.Length,
                Pearson = Stats.Pearson(x, y),
                Spearman = Stats.Spearman(sx, sy),
                Kendall = Ranks.KendallTauB(sx, sy),
            };
        }
        finally
        {
            sx.Release();
            sy.Release();
        }
    }
}
