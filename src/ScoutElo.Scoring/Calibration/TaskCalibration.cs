using System.Collections.Immutable;
using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.Calibration;

/// <summary>The calibrated weights (and optional isotonic map and judgment scales) of one task.</summary>
/// <remarks>Immutable; weights are non-negative and sum to 1.</remarks>
public sealed record TaskCalibration
{
    /// <summary>The policy that produced the weights.</summary>
    public required CalibrationPolicy Policy { get; init; }

    /// <summary>Weights by dimension name (non-negative, summing to 1); dropped dimensions have weight 0 or are absent.</summary>
    public required IReadOnlyDictionary<string, double> Weights
    {
        get;
        init => field = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, value ?? throw new ArgumentNullException(nameof(Weights)));
    }

    /// <summary>Why each dropped dimension was dropped.</summary>
    public IReadOnlyDictionary<string, string> Dropped
    {
        get;
        init => field = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, value ?? throw new ArgumentNullException(nameof(Dropped)));
    } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Optional monotone map from composite to the label scale.</summary>
    public IsotonicMap? Isotonic { get; init; }

    /// <summary>Judgment scales inferred over the calibration data (used by <c>agreement</c>).</summary>
    public IReadOnlyDictionary<string, JudgmentScale> JudgmentScales
    {
        get;
        init => field = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, value ?? throw new ArgumentNullException(nameof(JudgmentScales)));
    } = ImmutableSortedDictionary<string, JudgmentScale>.Empty;

    /// <summary>Labeled items the weights were fitted on.</summary>
    public int Items { get; init; }

    /// <summary>The calibrated composite's out-of-fold Pearson, when defined.</summary>
    public double? OutOfFoldPearson { get; init; }

    /// <summary>How each dimension behaved on the calibration data (applicability, mean, spread, correlation with the label):
    /// the reference for <see cref="ProfileDiagnostics"/> and for conditional weights. Empty for hand-written profiles. A
    /// node-history dimension (<c>model-prior</c>) is described as scoring sees it, under the full label history
    /// (<see cref="Calibrator.HistoryFromLabels"/>), with its out-of-fold Pearson.</summary>
    public IReadOnlyDictionary<string, DimensionStatistics> Statistics
    {
        get;
        init => field = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, value ?? throw new ArgumentNullException(nameof(Statistics)));
    } = ImmutableSortedDictionary<string, DimensionStatistics>.Empty;

    /// <summary>Sufficient statistics of a regression fit, for exact refits on a subset of dimensions.</summary>
    internal FitStatistics? Fit { get; init; }

    /// <summary>The weights (summing to 1, aligned with <paramref name="names"/>) for an input on which only the dimensions
    /// marked in <paramref name="applicable"/> can judge; null when the plain weights renormalized over the applicable ones are
    /// what applies (no positively weighted dimension is missing, or the policy keeps no fit).</summary>
    /// <remarks>
    /// <para>ScoutElo's own rule (the papers publish none). Regression weights are <em>partial</em> effects: a dimension that
    /// is strong alone gets little weight beside a correlated stronger one (for example <c>alignment</c> beside
    /// <c>model-prior</c>). Renormalizing those partial weights when the stronger one cannot judge (a node with no history)
    /// keeps the small weight and loses the signal. For <see cref="CalibrationPolicy.NonNegativeLeastSquares"/> and
    /// <see cref="CalibrationPolicy.Ridge"/> (and <see cref="CalibrationPolicy.FewShot"/>, with its pull towards the base weights)
    /// the weights are therefore refitted exactly from <see cref="Fit"/> on the
    /// applicable dimensions, which equals calibrating without the missing ones. For <see cref="CalibrationPolicy.BestSingle"/>
    /// the best applicable dimension by calibration Pearson (positive) takes over.</para>
    /// </remarks>
    internal double[]? ConditionalWeights(IReadOnlyList<string> names, bool[] applicable)
    {
        bool missing = false;
        for (int i = 0; i < names.Count; i++)
        {
            if (!applicable[i] && Weights.TryGetValue(names[i], out double w) && w > 0) missing = true;
        }
        if (!missing) return null;
        switch (Policy)
        {
            case CalibrationPolicy.NonNegativeLeastSquares or CalibrationPolicy.Ridge or CalibrationPolicy.FewShot when Fit is { } fit:
            {
                var available = new bool[fit.Names.Length];
                var position = new int[fit.Names.Length];
                for (int k = 0; k < fit.Names.Length; k++)
                {
                    position[k] = -1;
                    for (int i = 0; i < names.Count; i++)
                    {
                        if (string.Equals(names[i], fit.Names[k], StringComparison.Ordinal)) { position[k] = i; available[k] = applicable[i]; }
                    }
                }
                var solved = fit.Solve(available);
                if (solved is null) return null;
                var result = new double[names.Count];
                for (int k = 0; k < solved.Length; k++)
                {
                    if (position[k] >= 0) result[position[k]] = solved[k];
                }
                return result.Sum() > 0 ? result : null;
            }
            case CalibrationPolicy.BestSingle:
            {
                int best = -1;
                double bestR = 0;
                for (int i = 0; i < names.Count; i++)
                {
                    if (applicable[i] && Statistics.TryGetValue(names[i], out var st) && st.Pearson is > 0 and var r && r > bestR) { best = i; bestR = r; }
                }
                if (best < 0) return null;
                var result = new double[names.Count];
                result[best] = 1;
                return result;
            }
            default:
                return null;
        }
    }
}
