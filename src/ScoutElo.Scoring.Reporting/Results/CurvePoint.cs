namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One point of a learning curve.</summary>
/// <param name="Groups">Labeled groups used.</param>
/// <param name="Items">Labeled items they hold (a mean over draws).</param>
/// <param name="Pearson">Mean out-of-sample Pearson, or null (a non-finite value is stored as null).</param>
public sealed record CurvePoint(int Groups, double Items, double? Pearson)
{
    /// <summary>Mean out-of-sample Pearson, or null.</summary>
    public double? Pearson { get; init => field = Finite.Or(value); } = Finite.Or(Pearson);
}
