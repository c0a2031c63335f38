using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What one scoring run reports: <c>scoutelo score --json</c> is this record.</summary>
/// <param name="N">Responses scored.</param>
/// <param name="Applicable">Responses with a composite.</param>
/// <param name="MeanComposite">Mean composite over those, or null when none has one (a non-finite value is stored as null).</param>
/// <param name="Out">Where the rows went (<c>stdout</c> or the path as given).</param>
/// <param name="Warnings">Input and profile warnings.</param>
public sealed record ScoringRunReport(int N, int Applicable, double? MeanComposite, [property: JsonPropertyOrder(1)] string Out, [property: JsonPropertyOrder(1)] IReadOnlyList<ResultWarning> Warnings)
{
    /// <summary>Mean composite over the applicable responses, or null.</summary>
    public double? MeanComposite { get; init => field = Finite.Or(value); } = Finite.Or(MeanComposite);

    /// <summary>The quality gate, when one was set (omitted otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyOrder(2)]
    public GateResult? Gate { get; init; }

    /// <summary>Ids of the items that failed the gate, when one was set (omitted otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyOrder(2)]
    public IReadOnlyList<string>? Failing { get; init; }

    /// <summary>What reading each input file did (format, tasks, judgment columns). <value>Default null (omitted).</value></summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyOrder(2)]
    public IReadOnlyList<ImportFigures>? Import { get; init; }
}
