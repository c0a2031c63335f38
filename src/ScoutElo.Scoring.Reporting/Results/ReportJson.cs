using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>The JSON of the result records: one line, camelCase names in declaration order, doubles in their shortest
/// round-trip form; what the <c>scoutelo</c> verbs print with <c>--json</c>. Source-generated (no reflection).</summary>
public static class ReportJson
{
    /// <summary>The JSON of a ranking.</summary>
    /// <param name="report">The report.</param>
    /// <returns>One line of JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string Serialize(RankingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, ReportJsonContext.Default.RankingReport);
    }

    /// <summary>The JSON of a network's settled state.</summary>
    /// <param name="report">The report.</param>
    /// <returns>One line of JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string Serialize(SettlementReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, ReportJsonContext.Default.SettlementReport);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RankingReport))]
[JsonSerializable(typeof(SettlementReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
