using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>The JSON of the result records: one line, camelCase names in declaration order, doubles in their shortest
/// round-trip form; what the <c>scoutelo</c> verbs print with <c>--json</c>. Source-generated (no reflection).</summary>
public static class ReportJson
{
    /// <summary>The JSON of a result record of this namespace (<see cref="RankingReport"/>, <see cref="SettlementReport"/>,
    /// <see cref="ScoringRunReport"/>, <see cref="EvaluationRunReport"/>, <see cref="CalibrationRunReport"/>,
    /// <see cref="AdaptationRunReport"/>, <see cref="DomainCalibrationRunReport"/>, <see cref="PoqRunReport"/>,
    /// <see cref="SimulationRunReport"/>, <see cref="InitRunReport"/>, <see cref="CacheStatsReport"/>, <see cref="CacheCleanReport"/>, <see cref="EqualityRunReport"/>, <see cref="TokenVerificationReport"/>, <see cref="LedgerReport"/>, <see cref="PeriodReport"/>, <see cref="EscalationRunReport"/>).</summary>
    /// <typeparam name="TReport">The record's type.</typeparam>
    /// <param name="report">The record.</param>
    /// <returns>One line of JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="TReport"/> is not one of the result records.</exception>
    public static string Serialize<TReport>(TReport report)
        where TReport : class
    {
        ArgumentNullException.ThrowIfNull(report);
        var info = (typeof(TReport).Namespace == typeof(ReportJson).Namespace ? ReportJsonContext.Default.GetTypeInfo(typeof(TReport)) : null)
            ?? throw new ArgumentException($"{typeof(TReport).Name} is not one of the result records ReportJson writes.", nameof(report));
        return JsonSerializer.Serialize(report, info);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RankingReport))]
[JsonSerializable(typeof(SettlementReport))]
[JsonSerializable(typeof(ScoringRunReport))]
[JsonSerializable(typeof(EvaluationRunReport))]
[JsonSerializable(typeof(CalibrationRunReport))]
[JsonSerializable(typeof(AdaptationRunReport))]
[JsonSerializable(typeof(DomainCalibrationRunReport))]
[JsonSerializable(typeof(PoqRunReport))]
[JsonSerializable(typeof(SimulationRunReport))]
[JsonSerializable(typeof(InitRunReport))]
[JsonSerializable(typeof(CacheStatsReport))]
[JsonSerializable(typeof(CacheCleanReport))]
[JsonSerializable(typeof(EqualityRunReport))]
[JsonSerializable(typeof(TokenVerificationReport))]
[JsonSerializable(typeof(LedgerReport))]
[JsonSerializable(typeof(PeriodReport))]
[JsonSerializable(typeof(EscalationRunReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
