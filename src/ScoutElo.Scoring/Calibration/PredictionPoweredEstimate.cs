namespace ScoutElo.Scoring.Calibration;

/// <summary>A mean estimated from automatic scores on many items and human labels on some
/// (<see cref="PredictionPoweredInference.Mean"/>), beside the estimate from the labels alone.</summary>
/// <param name="Mean">The prediction-powered estimate of the mean label.</param>
/// <param name="Low">Lower end of its confidence interval.</param>
/// <param name="High">Upper end of its confidence interval.</param>
/// <param name="Lambda">The power-tuning weight λ on the automatic scores (0: the labels alone; 1: classic PPI).</param>
/// <param name="Labelled">Items with a label (n).</param>
/// <param name="Unlabelled">Items with an automatic score only (N).</param>
/// <param name="HumanOnlyMean">The labels' own mean.</param>
/// <param name="HumanOnlyLow">Lower end of the labels-only interval.</param>
/// <param name="HumanOnlyHigh">Upper end of the labels-only interval.</param>
public sealed record PredictionPoweredEstimate(double Mean, double Low, double High, double Lambda, int Labelled, int Unlabelled,
    double HumanOnlyMean, double HumanOnlyLow, double HumanOnlyHigh);
