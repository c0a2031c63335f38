using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One task's calibration across datasets in a <see cref="DomainCalibrationRunReport"/>.</summary>
/// <param name="Task">The task's wire name.</param>
/// <param name="N">Labeled items over all datasets.</param>
/// <param name="Policy">The weighting policy chosen.</param>
/// <param name="Objective">The objective over datasets (<c>mean</c> or <c>worst</c>).</param>
/// <param name="MeanLeftOut">Mean Pearson on each dataset when it was left out, or null (a non-finite value is stored as null).</param>
/// <param name="Datasets">Each dataset's figures.</param>
/// <param name="Weights">The weights, by dimension.</param>
public sealed record DomainCalibratedTask(string Task, int N, string Policy, string Objective, double? MeanLeftOut,
    [property: JsonPropertyOrder(1)] IReadOnlyList<DatasetFigures> Datasets, [property: JsonPropertyOrder(1)] IReadOnlyDictionary<string, double> Weights)
{
    /// <summary>Mean Pearson on each dataset when it was left out, or null.</summary>
    public double? MeanLeftOut { get; init => field = Finite.Or(value); } = Finite.Or(MeanLeftOut);
}
