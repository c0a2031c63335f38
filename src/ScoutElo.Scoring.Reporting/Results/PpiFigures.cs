namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>A prediction-powered estimate of the mean label (<c>evaluate --ppi</c>): automatic scores on every row, the label
/// on some.</summary>
/// <param name="Predictor">What predicted the label: <c>composite</c>, a dimension or a judgment.</param>
/// <param name="Labelled">Rows whose label was used (n).</param>
/// <param name="Unlabelled">Rows with the predictor only (N).</param>
/// <param name="Lambda">The power-tuning weight on the predictor.</param>
/// <param name="Mean">The estimate of the mean label.</param>
/// <param name="Low">Lower end of its interval.</param>
/// <param name="High">Upper end of its interval.</param>
/// <param name="HumanOnly">The same from the labelled rows alone.</param>
public sealed record PpiFigures(string Predictor, int Labelled, int Unlabelled, double Lambda, double Mean, double Low, double High, IntervalFigures HumanOnly);
