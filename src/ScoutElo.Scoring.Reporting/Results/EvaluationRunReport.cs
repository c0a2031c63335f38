using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What one evaluation against labels reports: <c>scoutelo evaluate --json</c> is this record.</summary>
/// <param name="N">Labeled items evaluated.</param>
/// <param name="SkippedMissingLabel">Items without the label, skipped.</param>
/// <param name="Composite">The composite's agreement with the label.</param>
/// <param name="Dimensions">Each dimension's agreement, by name (null when it never applied).</param>
/// <param name="Judgments">Each external evaluator's agreement, by name.</param>
/// <param name="Consensus">The agreement of the evaluators' mean and median.</param>
/// <param name="Warnings">Input and profile warnings.</param>
public sealed record EvaluationRunReport(int N, int SkippedMissingLabel, CorrelationFigures? Composite,
    IReadOnlyDictionary<string, CorrelationFigures?> Dimensions, IReadOnlyDictionary<string, CorrelationFigures?> Judgments,
    ConsensusFigures Consensus, IReadOnlyList<ResultWarning> Warnings)
{
    /// <summary>The quality gate, when one was set (omitted otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GateResult? Gate { get; init; }

    /// <summary>The prediction-powered estimate of the mean label, with <c>--ppi</c> (omitted otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PpiFigures? Ppi { get; init; }

    /// <summary>The pairwise judge's position-bias diagnostics, when a pairwise judge ran. <value>Default null (omitted).</value></summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PositionBiasFigures? JudgePositionBias { get; init; }

    /// <summary>What reading each input file did (format, tasks, judgment columns). <value>Default null (omitted).</value></summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ImportFigures>? Import { get; init; }
}
