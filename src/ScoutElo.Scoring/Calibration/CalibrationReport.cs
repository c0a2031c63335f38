using System.Globalization;
using System.Text;

namespace ScoutElo.Scoring.Calibration;

/// <summary>The calibration of one task against one label: audit, decisions, out-of-fold composite and baselines.</summary>
/// <remarks>Every composite figure is out-of-fold (k-fold CV grouped by source document / query); baselines need no fitting.
/// Immutable.</remarks>
public sealed record CalibrationReport
{
    /// <summary>The task.</summary>
    public required TaskKind Task { get; init; }

    /// <summary>The label name.</summary>
    public required string Label { get; init; }

    /// <summary>Labeled items used.</summary>
    public required int Items { get; init; }

    /// <summary>Distinct groups (documents / queries) that folds were built from.</summary>
    public required int Groups { get; init; }

    /// <summary>The policy that produced the final weights (for <see cref="CalibrationPolicy.Auto"/>, the one selected).</summary>
    public required CalibrationPolicy Policy { get; init; }

    /// <summary>Per-dimension audit in dimension order.</summary>
    public required IReadOnlyList<DimensionAudit> Audit { get; init; }

    /// <summary>The calibrated composite, out-of-fold (nested selection when the policy is Auto).</summary>
    public required CorrelationSummary Composite { get; init; }

    /// <summary>The uncalibrated equal-weight composite, out-of-fold (no fitting, so in-sample equals out-of-fold).</summary>
    public required CorrelationSummary Uncalibrated { get; init; }

    /// <summary>Out-of-fold composite of every policy.</summary>
    public required IReadOnlyDictionary<CalibrationPolicy, CorrelationSummary> Policies { get; init; }

    /// <summary>Baselines: each dimension, each external evaluator, consensus mean and median.</summary>
    public required IReadOnlyList<BaselineResult> Baselines { get; init; }

    /// <summary>The best single dimension baseline (highest Pearson), if any is defined.</summary>
    public BaselineResult? BestDimension => Baselines.Where(b => b.Kind == BaselineKind.Dimension && b.Correlation.Pearson is not null)
        .OrderByDescending(b => b.Correlation.Pearson).FirstOrDefault();
}
