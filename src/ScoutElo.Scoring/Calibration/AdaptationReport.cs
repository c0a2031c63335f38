using System.Globalization;
using System.Text;

namespace ScoutElo.Scoring.Calibration;

/// <summary>The few-shot adaptation of one task (<see cref="Calibrator.Adapt"/>): the strength chosen, out-of-fold evidence
/// against the base profile and a plain refit, and the learning curve.</summary>
public sealed record AdaptationReport
{
    /// <summary>The task.</summary>
    public required TaskKind Task { get; init; }

    /// <summary>The label name.</summary>
    public required string Label { get; init; }

    /// <summary>Labeled items adapted on.</summary>
    public required int Items { get; init; }

    /// <summary>Distinct groups (documents / queries) among them.</summary>
    public required int Groups { get; init; }

    /// <summary>The shrinkage strength τ chosen by grouped cross-validation; <see cref="double.PositiveInfinity"/> keeps the base weights.</summary>
    public required double Strength { get; init; }

    /// <summary>When cross-validation preferred one dimension alone over any blend, its name (and <see cref="Strength"/> is 0);
    /// null otherwise.</summary>
    public string? SingleDimension { get; init; }

    /// <summary>The base profile's weights on these items (no fitting, so in-sample equals out-of-fold).</summary>
    public required CorrelationSummary Base { get; init; }

    /// <summary>Plain non-negative least squares on these items alone (τ = 0), out-of-fold.</summary>
    public required CorrelationSummary Refit { get; init; }

    /// <summary>The whole adaptation (τ chosen inside each training split, then fitted), out-of-fold: nested, honest.</summary>
    public required CorrelationSummary Adapted { get; init; }

    /// <summary>Final weights by dimension name (non-negative, summing to 1).</summary>
    public required IReadOnlyDictionary<string, double> Weights { get; init; }

    /// <summary>Pearson on held-out groups against the number of labeled groups adapted on.</summary>
    public required IReadOnlyList<LearningCurvePoint> LearningCurve { get; init; }
}
