namespace ScoutElo.Scoring.Judging;

/// <summary>One judge's place in a calibrated cascade.</summary>
/// <param name="Judge">The judge's name.</param>
/// <param name="Threshold">The smallest confidence at which its verdict is kept, or null when it abstains on every item (no
/// candidate threshold passed the test; see <paramref name="Abstains"/>).</param>
/// <param name="CalibrationItems">The labelled calibration items it saw (those every earlier judge left undecided).</param>
/// <param name="CalibrationDecided">Of those, how many it decided at <paramref name="Threshold"/>.</param>
/// <param name="CalibrationAgreement">The decided items' agreement with the labels on the calibration set, or null.</param>
/// <param name="DisagreementBound">The exact (Clopper–Pearson) upper confidence bound on its disagreement rate at
/// <paramref name="Threshold"/>, at most α; null when it abstains.</param>
/// <param name="Abstains">Why the judge decides nothing, or null.</param>
public sealed record JudgeThreshold(string Judge, double? Threshold, int CalibrationItems, int CalibrationDecided, double? CalibrationAgreement,
    double? DisagreementBound, string? Abstains);
