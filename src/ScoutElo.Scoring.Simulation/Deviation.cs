namespace ScoutElo.Scoring.Simulation;

/// <summary>One participant of the simulated network switching from honest behaviour to a deviation.</summary>
/// <param name="Kind">The deviation.</param>
/// <param name="Participant">The scout index (0-based, <c>scout-NN</c>) or, for <see cref="DeviationKind.CopyEvaluatorScores"/>,
/// the evaluator index (0-based, <c>evaluator-NN</c>); it must be an honest participant.</param>
/// <param name="Identities">Number of identities for <see cref="DeviationKind.Sybil"/> (at least 2; ignored otherwise).</param>
public sealed record Deviation(DeviationKind Kind, int Participant, int Identities = 2);
