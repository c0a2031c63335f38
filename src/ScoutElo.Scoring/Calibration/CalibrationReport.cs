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

    /// <summary>Renders the report as Markdown (audit table, weights, composite vs baselines).</summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        string F(double? v) => v is { } d ? d.ToString("0.000", ci) : "–";
        sb.AppendLine(ci, $"### {WireName.Of(Task)} — label `{Label}` ({Items} items, {Groups} groups)");
        sb.AppendLine();
        sb.AppendLine("| dimension | n | Pearson | 95% CI | Spearman | Kendall τ-b | weight | decision |");
        sb.AppendLine("|---|---:|---:|---|---:|---:|---:|---|");
        foreach (var a in Audit)
        {
            var c = a.Correlation;
            string interval = c.PearsonLow is null ? "–" : $"[{F(c.PearsonLow)}, {F(c.PearsonHigh)}]";
            sb.AppendLine(ci, $"| {a.Name} | {c.N} | {(c.Pearson is null ? c.Reason : F(c.Pearson))} | {interval} | {F(c.Spearman)} | {F(c.Kendall)} | {a.Weight.ToString("0.000", ci)} | {(a.Kept ? "kept" : "dropped")}: {a.Reason} |");
        }
        sb.AppendLine();
        sb.AppendLine(ci, $"Policy: **{Policy}**. Composite figures are out-of-fold.");
        sb.AppendLine();
        sb.AppendLine("| scorer | n | Pearson | Spearman | Kendall τ-b |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        sb.AppendLine(ci, $"| **calibrated composite** | {Composite.N} | **{F(Composite.Pearson)}** | {F(Composite.Spearman)} | {F(Composite.Kendall)} |");
        sb.AppendLine(ci, $"| uncalibrated composite (equal weights) | {Uncalibrated.N} | {F(Uncalibrated.Pearson)} | {F(Uncalibrated.Spearman)} | {F(Uncalibrated.Kendall)} |");
        foreach (var (p, c) in Policies.OrderBy(p => p.Key))
            sb.AppendLine(ci, $"| policy {p} | {c.N} | {F(c.Pearson)} | {F(c.Spearman)} | {F(c.Kendall)} |");
        foreach (var b in Baselines)
            sb.AppendLine(ci, $"| {b.Kind switch { BaselineKind.Dimension => "dimension", BaselineKind.Evaluator => "evaluator", _ => "consensus" }} `{b.Name}` | {b.Correlation.N} | {(b.Correlation.Pearson is null ? b.Correlation.Reason : F(b.Correlation.Pearson))} | {F(b.Correlation.Spearman)} | {F(b.Correlation.Kendall)} |");
        return sb.ToString();
    }
}
