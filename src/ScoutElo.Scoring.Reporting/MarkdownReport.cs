using System.Globalization;
using System.Text;
using ScoutElo.Scoring.Calibration;

namespace ScoutElo.Scoring.Reporting;

/// <summary>Markdown of the calibration results (what <c>scoutelo calibrate --report</c> writes): one section per task, numbers
/// invariant and to three decimals, "–" where a figure cannot be computed. The core computes the reports; this renders
/// them.</summary>
public static class MarkdownReport
{
    /// <summary>The Markdown section of a <see cref="CalibrationReport"/>.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The section.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string Write(CalibrationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        string F(double? v) => v is { } d ? d.ToString("0.000", ci) : "–";
        sb.AppendLine(ci, $"### {WireName.Of(report.Task)} — label `{report.Label}` ({report.Items} items, {report.Groups} groups)");
        sb.AppendLine();
        sb.AppendLine("| dimension | n | Pearson | 95% CI | Spearman | Kendall τ-b | weight | decision |");
        sb.AppendLine("|---|---:|---:|---|---:|---:|---:|---|");
        foreach (var a in report.Audit)
        {
            var c = a.Correlation;
            string interval = c.PearsonLow is null ? "–" : $"[{F(c.PearsonLow)}, {F(c.PearsonHigh)}]";
            sb.AppendLine(ci, $"| {a.Name} | {c.N} | {(c.Pearson is null ? c.Reason : F(c.Pearson))} | {interval} | {F(c.Spearman)} | {F(c.Kendall)} | {a.Weight.ToString("0.000", ci)} | {(a.Kept ? "kept" : "dropped")}: {a.Reason} |");
        }
        sb.AppendLine();
        sb.AppendLine(ci, $"Policy: **{report.Policy}**. Composite figures are out-of-fold.");
        sb.AppendLine();
        sb.AppendLine("| scorer | n | Pearson | Spearman | Kendall τ-b |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        sb.AppendLine(ci, $"| **calibrated composite** | {report.Composite.N} | **{F(report.Composite.Pearson)}** | {F(report.Composite.Spearman)} | {F(report.Composite.Kendall)} |");
        sb.AppendLine(ci, $"| uncalibrated composite (equal weights) | {report.Uncalibrated.N} | {F(report.Uncalibrated.Pearson)} | {F(report.Uncalibrated.Spearman)} | {F(report.Uncalibrated.Kendall)} |");
        foreach (var (p, c) in report.Policies.OrderBy(p => p.Key))
            sb.AppendLine(ci, $"| policy {p} | {c.N} | {F(c.Pearson)} | {F(c.Spearman)} | {F(c.Kendall)} |");
        foreach (var b in report.Baselines)
            sb.AppendLine(ci, $"| {b.Kind switch { BaselineKind.Dimension => "dimension", BaselineKind.Evaluator => "evaluator", _ => "consensus" }} `{b.Name}` | {b.Correlation.N} | {(b.Correlation.Pearson is null ? b.Correlation.Reason : F(b.Correlation.Pearson))} | {F(b.Correlation.Spearman)} | {F(b.Correlation.Kendall)} |");
        return sb.ToString();
    }

    /// <summary>The Markdown section of a <see cref="AdaptationReport"/>.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The section.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string Write(AdaptationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ci = CultureInfo.InvariantCulture;
        string F(double? v) => v is { } d ? d.ToString("0.000", ci) : "–";
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"### {WireName.Of(report.Task)} — few-shot adaptation on `{report.Label}` ({report.Items} items, {report.Groups} groups)");
        sb.AppendLine();
        sb.AppendLine(ci, $"Choice by grouped cross-validation (one-standard-error rule): {(report.SingleDimension is { } one ? $"the single dimension `{one}`" : double.IsPositiveInfinity(report.Strength) ? "τ = ∞, the base weights kept" : $"shrinkage strength τ = {report.Strength.ToString("0.###", ci)}")}.");
        sb.AppendLine();
        sb.AppendLine("| scorer | n | Pearson | Spearman | Kendall τ-b |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, c) in new[] { ("base profile", report.Base), ("refit on these labels alone (τ = 0), out-of-fold", report.Refit), ("**adapted**, out-of-fold (nested)", report.Adapted) })
            sb.AppendLine(ci, $"| {name} | {c.N} | {F(c.Pearson)} | {F(c.Spearman)} | {F(c.Kendall)} |");
        sb.AppendLine();
        sb.AppendLine("| dimension | weight |");
        sb.AppendLine("|---|---:|");
        foreach (var (name, w) in report.Weights) sb.AppendLine(ci, $"| {name} | {w:0.000} |");
        sb.AppendLine();
        sb.AppendLine("Learning curve (held-out groups, mean over seeded draws):");
        sb.AppendLine();
        sb.AppendLine("| labeled groups | labeled items | Pearson on the rest | draws |");
        sb.AppendLine("|---:|---:|---:|---:|");
        foreach (var pt in report.LearningCurve) sb.AppendLine(ci, $"| {pt.Groups} | {pt.Items:0.#} | {F(pt.Pearson)} | {pt.Draws} |");
        return sb.ToString();
    }

    /// <summary>The Markdown section of a <see cref="MultiDomainReport"/>.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The section.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string Write(MultiDomainReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ci = CultureInfo.InvariantCulture;
        string F(double? v) => v is { } d ? d.ToString("0.000", ci) : "–";
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"### {WireName.Of(report.Task)} — {report.Domains.Count} dataset(s), policy {report.Policy}");
        sb.AppendLine();
        sb.AppendLine("| dataset — label | n | in-domain (out-of-fold) | left out (fitted on the others) |");
        sb.AppendLine("|---|---:|---:|---:|");
        foreach (var d in report.Domains) sb.AppendLine(ci, $"| {d.Name} — {d.Label} | {d.Items} | {F(d.InDomain.Pearson)} | {F(d.LeftOut?.Pearson)} |");
        if (report.Domains.Count >= 2) sb.AppendLine(ci, $"| **mean** | | {F(report.Domains.Average(d => d.InDomain.Pearson))} | **{F(report.MeanLeftOut)}** |");
        sb.AppendLine();
        if (report.Policies.Count > 0)
        {
            sb.AppendLine(ci, $"Leave-one-dataset-out objective ({report.Objective.ToString().ToLowerInvariant()} left-out Pearson) per policy: {string.Join(", ", report.Policies.Select(kv => $"{kv.Key} {F(kv.Value)}"))}.");
            sb.AppendLine();
        }
        sb.AppendLine("| dimension | weight | why |");
        sb.AppendLine("|---|---:|---|");
        foreach (var (name, w) in report.Weights.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)) sb.AppendLine(ci, $"| {name} | {w:0.000} | {report.Reasons[name]} |");
        return sb.ToString();
    }
}
