using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Ranking;

/// <summary>The rule that turns the performance and health-check quality of two scouts on comparable requests into a match
/// outcome in [0, 1] (the score of a <see cref="MatchResult"/>, which is the rating tables' input).</summary>
/// <remarks>
/// <para>Each side's combined score is <c>c = λ·quality + (1 − λ)·performance</c>. The graded outcome for A is
/// <c>clamp(0.5 + (c_A − c_B) / (2·margin), 0, 1)</c>: equal scouts draw, a lead of the full margin wins outright. In
/// win/draw/loss mode the outcome is 1, 0.5 or 0 by whether the lead exceeds the draw band. A match against the "average LLM"
/// baseline is the same rule with the baseline's quality and performance on the other side. The health check of one response
/// is <see cref="HealthCheck"/>.</para>
/// <para>This rule is ScoutElo's own design (Chasm describes the inputs, not the formula): quality weighs more than speed
/// because a fast wrong answer is worth nothing, and a graded outcome lets Elo learn from margins, not only from signs.
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class MatchOutcomeRule
{
    private readonly MatchOutcomeOptions _o;

    /// <summary>Creates the rule.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    public MatchOutcomeRule(MatchOutcomeOptions? options = null)
    {
        _o = options ?? new MatchOutcomeOptions();
        if (!double.IsFinite(_o.QualityWeight) || _o.QualityWeight is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(options), _o.QualityWeight, "QualityWeight must be in [0, 1].");
        if (!double.IsFinite(_o.WinMargin) || _o.WinMargin <= 0) throw new ArgumentOutOfRangeException(nameof(options), _o.WinMargin, "WinMargin must be positive.");
        if (!double.IsFinite(_o.DrawMargin) || _o.DrawMargin < 0) throw new ArgumentOutOfRangeException(nameof(options), _o.DrawMargin, "DrawMargin must be non-negative.");
    }

    /// <summary>The health check of one response: its quality relative to the baseline answer's, in [0, 1].</summary>
    /// <param name="quality">The scout's response quality in [0, 1].</param>
    /// <param name="baselineQuality">The "average LLM" baseline's quality in [0, 1].</param>
    /// <returns><c>0.5 + (quality − baseline) / 2</c>: 0.5 when equal, 1 when perfect against a worthless baseline.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside [0, 1].</exception>
    internal static double HealthCheck(double quality, double baselineQuality) =>
        0.5 + ((Guard.UnitInterval(quality) - Guard.UnitInterval(baselineQuality)) / 2);

    /// <summary>The outcome for scout A against scout B (or the baseline), in [0, 1].</summary>
    /// <param name="performanceA">A's performance in [0, 1].</param>
    /// <param name="qualityA">A's quality in [0, 1].</param>
    /// <param name="performanceB">B's performance in [0, 1].</param>
    /// <param name="qualityB">B's quality in [0, 1].</param>
    /// <returns>1 for a win of A, 0 for a loss, 0.5 for a draw, graded in between unless win/draw/loss mode is on.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside [0, 1].</exception>
    public double Decide(double performanceA, double qualityA, double performanceB, double qualityB)
    {
        double ca = (_o.QualityWeight * Guard.UnitInterval(qualityA)) + ((1 - _o.QualityWeight) * Guard.UnitInterval(performanceA));
        double cb = (_o.QualityWeight * Guard.UnitInterval(qualityB)) + ((1 - _o.QualityWeight) * Guard.UnitInterval(performanceB));
        double lead = ca - cb;
        if (_o.WinDrawLoss) return lead > _o.DrawMargin ? 1.0 : lead < -_o.DrawMargin ? 0.0 : 0.5;
        return Math.Clamp(0.5 + (lead / (2 * _o.WinMargin)), 0, 1);
    }
}
