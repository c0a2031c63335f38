using System.Text.Json.Serialization;
using ScoutElo.Scoring.Calibration;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>Agreement of scores with labels in a result: <see cref="CorrelationSummary"/> as the <c>--json</c> results print it
/// (a coefficient that could not be computed is null, its reason given).</summary>
/// <param name="N">Items compared.</param>
/// <param name="Pearson">Pearson's r, or null (a non-finite value is stored as null, as for every figure here).</param>
/// <param name="Spearman">Spearman's ρ, or null.</param>
/// <param name="Kendall">Kendall's τ-b, or null.</param>
public sealed record CorrelationFigures(int N, double? Pearson, double? Spearman, double? Kendall)
{
    /// <summary>Pearson's r, or null.</summary>
    public double? Pearson { get; init => field = Finite.Or(value); } = Finite.Or(Pearson);

    /// <summary>Spearman's ρ, or null.</summary>
    public double? Spearman { get; init => field = Finite.Or(value); } = Finite.Or(Spearman);

    /// <summary>Kendall's τ-b, or null.</summary>
    public double? Kendall { get; init => field = Finite.Or(value); } = Finite.Or(Kendall);

    /// <summary>Lower end of Pearson's bootstrap interval (omitted when there is none).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PearsonLow { get; init => field = Finite.Or(value); }

    /// <summary>Upper end of Pearson's bootstrap interval (omitted when there is none).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PearsonHigh { get; init => field = Finite.Or(value); }

    /// <summary>Why a coefficient is missing (omitted when all are there).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    /// <summary>The figures of a summary; null for null.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The figures, non-finite values as null.</returns>
    public static CorrelationFigures? From(CorrelationSummary? summary) => summary is null ? null : new(summary.N, summary.Pearson, summary.Spearman, summary.Kendall)
    {
        PearsonLow = summary.PearsonLow,
        PearsonHigh = summary.PearsonLow is null ? null : summary.PearsonHigh,
        Reason = summary.Reason.Length > 0 ? summary.Reason : null,
    };

    /// <summary>The figures of named summaries, in their order.</summary>
    /// <param name="summaries">Summaries by name.</param>
    /// <returns>Figures by name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summaries"/> is null.</exception>
    public static IReadOnlyDictionary<string, CorrelationFigures?> ByName(IEnumerable<KeyValuePair<string, CorrelationSummary>> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var byName = new Dictionary<string, CorrelationFigures?>(StringComparer.Ordinal);
        foreach (var (name, summary) in summaries) byName.Add(name, From(summary));
        return byName.AsReadOnly();
    }
}
