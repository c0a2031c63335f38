namespace ScoutElo.Scoring.Calibration;

/// <summary>One point of a few-shot learning curve: how well the adapted composite ranks the held-out groups when only
/// <paramref name="Groups"/> labeled groups are available.</summary>
/// <param name="Groups">Labeled groups (source documents / queries) adapted on; 0 is the base profile unchanged.</param>
/// <param name="Items">Mean number of labeled items in those groups.</param>
/// <param name="Pearson">Mean Pearson over the draws on the items of the other groups; null when undefined in every draw.</param>
/// <param name="Draws">Random draws of the groups averaged over.</param>
public sealed record LearningCurvePoint(int Groups, double Items, double? Pearson, int Draws);
