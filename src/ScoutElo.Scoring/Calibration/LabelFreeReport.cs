namespace ScoutElo.Scoring.Calibration;

/// <summary>The label-free adaptation of one task (<see cref="CalibrationProfile.AdaptUnlabeled(IReadOnlyList{ScoringInput}, LabelFreeOptions?, Dimensions.INodeQualityHistory?, IReadOnlyList{IQualityDimension}?)"/>).</summary>
/// <param name="Task">The task.</param>
/// <param name="Items">Inputs of the task in the traffic.</param>
/// <param name="Adapted">Whether the weights were adapted (false: too few inputs or fewer than two usable dimensions; the
/// profile's weights are kept).</param>
/// <param name="BaseWeights">The profile's weights for this traffic (conditional weights when a weighted dimension cannot judge), by name.</param>
/// <param name="Weights">The adapted weights (non-negative, summing to 1), by name.</param>
/// <param name="Loadings">Each usable dimension's estimated correlation with the common factor of all dimensions (the
/// label-free estimate of its correlation with quality), by name; absent for dimensions judging too few inputs.</param>
/// <param name="Partnered">The usable dimensions that agree with at least one other (see <see cref="LabelFreeOptions.PartnerThreshold"/>).</param>
public sealed record LabelFreeReport(TaskKind Task, int Items, bool Adapted, IReadOnlyDictionary<string, double> BaseWeights,
    IReadOnlyDictionary<string, double> Weights, IReadOnlyDictionary<string, double> Loadings, IReadOnlyList<string> Partnered);
