using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One task's few-shot adaptation in an <see cref="AdaptationRunReport"/>.</summary>
/// <param name="Task">The task's wire name.</param>
/// <param name="N">Labeled items of the task.</param>
/// <param name="Groups">Source groups (documents or queries) among them.</param>
/// <param name="Strength">The shrinkage strength τ chosen, or null when the base was kept (τ = ∞; any non-finite value is stored as null).</param>
/// <param name="BaseKept">Whether the base profile was kept as it is.</param>
/// <param name="SingleDimension">The single dimension chosen instead of a blend, or null.</param>
/// <param name="Base">The base profile's out-of-fold agreement.</param>
/// <param name="Refit">A refit from the labels alone.</param>
/// <param name="Adapted">The adapted profile's out-of-fold agreement.</param>
/// <param name="Weights">The adapted weights, by dimension.</param>
/// <param name="LearningCurve">Agreement by number of labeled groups.</param>
public sealed record AdaptedTask(string Task, int N, int Groups, double? Strength, [property: JsonPropertyOrder(1)] bool BaseKept, [property: JsonPropertyOrder(1)] string? SingleDimension,
    [property: JsonPropertyOrder(1)] CorrelationFigures? Base, [property: JsonPropertyOrder(1)] CorrelationFigures? Refit, [property: JsonPropertyOrder(1)] CorrelationFigures? Adapted,
    [property: JsonPropertyOrder(1)] IReadOnlyDictionary<string, double> Weights, [property: JsonPropertyOrder(1)] IReadOnlyList<CurvePoint> LearningCurve)
{
    /// <summary>The shrinkage strength τ chosen, or null when the base was kept.</summary>
    public double? Strength { get; init => field = Finite.Or(value); } = Finite.Or(Strength);
}
