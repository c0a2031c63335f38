using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What one scoring run reports: <c>scoutelo score --json</c> is this record.</summary>
/// <param name="N">Responses scored.</param>
/// <param name="Applicable">Responses with a composite.</param>
/// <param name="MeanComposite">Mean composite over those, or null when none has one.</param>
/// <param name="Out">Where the rows went (<c>stdout</c> or the path as given).</param>
/// <param name="Warnings">Input and profile warnings.</param>
public sealed record ScoringRunReport(int N, int Applicable, double? MeanComposite, string Out, IReadOnlyList<ResultWarning> Warnings)
{
    /// <summary>The quality gate, when one was set (omitted otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GateResult? Gate { get; init; }

    /// <summary>Ids of the items that failed the gate, when one was set (omitted otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Failing { get; init; }
}
