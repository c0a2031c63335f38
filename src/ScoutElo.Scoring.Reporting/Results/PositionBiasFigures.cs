using ScoutElo.Scoring.Judging;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>A pairwise judge's position-bias diagnostics in a run's JSON (<see cref="PositionBias.Measure"/>).</summary>
/// <param name="Items">Items with at least one verdict pair.</param>
/// <param name="Pairs">Verdict pairs (each asked in both orders).</param>
/// <param name="PositionConsistency">The share of pairs whose two orders agree.</param>
/// <param name="ConsistencyLow">Its exact 95% lower bound.</param>
/// <param name="ConsistencyHigh">Its exact 95% upper bound.</param>
/// <param name="PreferenceFairness">The mean shift toward the second position in [−1, 1] (0 fair, positive recency).</param>
/// <param name="PrimacyPreferred">Inconsistent pairs favouring the response shown first.</param>
/// <param name="RecencyPreferred">Inconsistent pairs favouring the response shown second.</param>
/// <param name="RepetitionStability">The mean share of an item's repetitions giving its most common verdict; null with one sample.</param>
public sealed record PositionBiasFigures(int Items, int Pairs, double? PositionConsistency, double ConsistencyLow, double ConsistencyHigh,
    double PreferenceFairness, int PrimacyPreferred, int RecencyPreferred, double? RepetitionStability)
{
    /// <summary>The figures of a report.</summary>
    /// <param name="report">The diagnostics.</param>
    /// <returns>The figures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static PositionBiasFigures From(PositionBiasReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var pc = report.PositionConsistency;
        return new PositionBiasFigures(report.Items, report.Pairs, pc.Estimate, pc.Low, pc.High, report.PreferenceFairness,
            report.PrimacyPreferred, report.RecencyPreferred, report.RepetitionStability);
    }

    /// <summary>One line for people: consistency with its interval, fairness and stability.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"position consistency {(PositionConsistency is { } p ? p.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "n/a")} [{ConsistencyLow:0.000}, {ConsistencyHigh:0.000}] over {Pairs} pair(s); "
        + $"preference fairness {PreferenceFairness:+0.000;-0.000;0.000} ({PrimacyPreferred} favour the first position, {RecencyPreferred} the second); "
        + $"repetition stability {(RepetitionStability is { } s ? s.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "n/a (one sample per item)")}");
}
