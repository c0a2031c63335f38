namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One task's calibration in a <see cref="CalibrationRunReport"/>.</summary>
/// <param name="Task">The task's wire name.</param>
/// <param name="N">Labeled items of the task.</param>
/// <param name="Policy">The weighting policy chosen.</param>
/// <param name="Composite">The calibrated composite's out-of-fold agreement with the label.</param>
/// <param name="Uncalibrated">The equal-weight composite's agreement.</param>
/// <param name="Weights">Each dimension's weight, by name.</param>
/// <param name="Dimensions">Each dimension's own agreement, by name.</param>
public sealed record CalibratedTask(string Task, int N, string Policy, CorrelationFigures? Composite, CorrelationFigures? Uncalibrated,
    IReadOnlyDictionary<string, double> Weights, IReadOnlyDictionary<string, CorrelationFigures?> Dimensions);
