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

    /// <summary>Renders the report as Markdown.</summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown()
    {
        var ci = CultureInfo.InvariantCulture;
        string F(double? v) => v is { } d ? d.ToString("0.000", ci) : "–";
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"### {WireName.Of(Task)} — few-shot adaptation on `{Label}` ({Items} items, {Groups} groups)");
        sb.AppendLine();
        sb.AppendLine(ci, $"Choice by grouped cross-validation (one-standard-error rule): {(SingleDimension is { } one ? $"the single dimension `{one}`" : double.IsPositiveInfinity(Strength) ? "τ = ∞, the base weights kept" : $"shrinkage strength τ = {Strength.ToString("0.###", ci)}")}.");
        sb.AppendLine();
        sb.AppendLine("| scorer | n | Pearson | Spearman | Kendall τ-b |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, c) in new[] { ("base profile", Base), ("refit on these labels alone (τ = 0), out-of-fold", Refit), ("**adapted**, out-of-fold (nested)", Adapted) })
            sb.AppendLine(ci, $"| {name} | {c.N} | {F(c.Pearson)} | {F(c.Spearman)} | {F(c.Kendall)} |");
        sb.AppendLine();
        sb.AppendLine("| dimension | weight |");
        sb.AppendLine("|---|---:|");
        foreach (var (name, w) in Weights) sb.AppendLine(ci, $"| {name} | {w:0.000} |");
        sb.AppendLine();
        sb.AppendLine("Learning curve (held-out groups, mean over seeded draws):");
        sb.AppendLine();
        sb.AppendLine("| labeled groups | labeled items | Pearson on the rest | draws |");
        sb.AppendLine("|---:|---:|---:|---:|");
        foreach (var pt in LearningCurve) sb.AppendLine(ci, $"| {pt.Groups} | {pt.Items:0.#} | {F(pt.Pearson)} | {pt.Draws} |");
        return sb.ToString();
    }
}
