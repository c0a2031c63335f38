namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One point of a learning curve.</summary>
/// <param name="Groups">Labeled groups used.</param>
/// <param name="Items">Labeled items they hold (a mean over draws).</param>
/// <param name="Pearson">Mean out-of-sample Pearson, or null.</param>
public sealed record CurvePoint(int Groups, double Items, double? Pearson);
