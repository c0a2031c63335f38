using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>The result of ranking nodes from a match log: <c>scoutelo rank --json</c> is this record, serialized by
/// <see cref="ReportJson"/> (property names in camelCase, in declaration order).</summary>
/// <param name="Method">The method's wire name (<c>elo</c>, <c>elo-batch</c>, <c>elo-median</c>, <c>glicko2</c>, <c>bt</c>).</param>
/// <param name="Confidence">The intervals' confidence level.</param>
/// <param name="Nodes">Every node, by rating (descending), then id (ordinal).</param>
/// <param name="Ties">The tie parameter of a Bradley–Terry fit with a tie model; null otherwise.</param>
/// <param name="Style">Style coefficients by feature of a Bradley–Terry fit with style covariates; null otherwise.</param>
public sealed record RankingReport(string Method, double Confidence, IReadOnlyList<RankedNode> Nodes,
    [property: JsonPropertyOrder(2)] TieReport? Ties, IReadOnlyDictionary<string, StyleReport>? Style)
{
    /// <summary>Every node, by rating (descending), then id (ordinal); a read-only copy.</summary>
    [JsonPropertyOrder(1)]
    public IReadOnlyList<RankedNode> Nodes { get; init; } = [.. Nodes];

    /// <summary>Style coefficients by feature, in the fit's feature order; a read-only copy, or null.</summary>
    [JsonPropertyOrder(3)]
    public IReadOnlyDictionary<string, StyleReport>? Style { get; init; } = Style is null ? null : new System.Collections.ObjectModel.ReadOnlyDictionary<string, StyleReport>(Style.ToDictionary(StringComparer.Ordinal));

    /// <summary>Bootstrap resamples that were degenerate (omitted from the JSON when 0).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonPropertyOrder(4)]
    public int DegenerateResamples { get; init; }
}
