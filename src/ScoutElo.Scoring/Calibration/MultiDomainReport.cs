using System.Globalization;
using System.Text;

namespace ScoutElo.Scoring.Calibration;

/// <summary>The multi-domain calibration of one task (<see cref="Calibrator.CalibrateDomains"/>).</summary>
public sealed record MultiDomainReport
{
    /// <summary>The task.</summary>
    public required TaskKind Task { get; init; }

    /// <summary>The policy chosen by the leave-one-dataset-out objective.</summary>
    public required CalibrationPolicy Policy { get; init; }

    /// <summary>The objective the policy was chosen by.</summary>
    public required DomainObjective Objective { get; init; }

    /// <summary>Each dataset: in-domain and left-out figures.</summary>
    public required IReadOnlyList<DomainResult> Domains { get; init; }

    /// <summary>The final weights (fitted on every dataset), by dimension name.</summary>
    public required IReadOnlyDictionary<string, double> Weights { get; init; }

    /// <summary>Why each dimension got its weight, by name.</summary>
    public required IReadOnlyDictionary<string, string> Reasons { get; init; }

    /// <summary>Each candidate policy's objective over the datasets left out (empty with a single dataset).</summary>
    public required IReadOnlyDictionary<CalibrationPolicy, double> Policies { get; init; }

    /// <summary>The mean left-out Pearson over the datasets; null with a single dataset.</summary>
    public double? MeanLeftOut => Domains.Count >= 2 ? Domains.Average(d => d.LeftOut?.Pearson) : null;

    /// <summary>Renders the report as Markdown.</summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown()
    {
        var ci = CultureInfo.InvariantCulture;
        string F(double? v) => v is { } d ? d.ToString("0.000", ci) : "–";
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"### {WireName.Of(Task)} — {Domains.Count} dataset(s), policy {Policy}");
        sb.AppendLine();
        sb.AppendLine("| dataset — label | n | in-domain (out-of-fold) | left out (fitted on the others) |");
        sb.AppendLine("|---|---:|---:|---:|");
        foreach (var d in Domains) sb.AppendLine(ci, $"| {d.Name} — {d.Label} | {d.Items} | {F(d.InDomain.Pearson)} | {F(d.LeftOut?.Pearson)} |");
        if (Domains.Count >= 2) sb.AppendLine(ci, $"| **mean** | | {F(Domains.Average(d => d.InDomain.Pearson))} | **{F(MeanLeftOut)}** |");
        sb.AppendLine();
        if (Policies.Count > 0)
        {
            sb.AppendLine(ci, $"Leave-one-dataset-out objective ({Objective.ToString().ToLowerInvariant()} left-out Pearson) per policy: {string.Join(", ", Policies.Select(kv => $"{kv.Key} {F(kv.Value)}"))}.");
            sb.AppendLine();
        }
        sb.AppendLine("| dimension | weight | why |");
        sb.AppendLine("|---|---:|---|");
        foreach (var (name, w) in Weights.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)) sb.AppendLine(ci, $"| {name} | {w:0.000} | {Reasons[name]} |");
        return sb.ToString();
    }
}
