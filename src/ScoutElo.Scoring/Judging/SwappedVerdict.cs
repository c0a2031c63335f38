namespace ScoutElo.Scoring.Judging;

/// <summary>One pairwise judgment of a candidate against another, asked in both orders: the probability (or hard verdict: 1
/// win, 0.5 tie, 0 loss) that the candidate is better when it is shown first, and when it is shown second.</summary>
public readonly record struct SwappedVerdict
{
    /// <summary>Creates a verdict pair.</summary>
    /// <param name="shownFirst">P(the candidate is better) when it is shown first, in [0, 1].</param>
    /// <param name="shownSecond">P(the candidate is better) when it is shown second, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is not in [0, 1].</exception>
    public SwappedVerdict(double shownFirst, double shownSecond)
    {
        ShownFirst = UnitInterval.Require(shownFirst, nameof(shownFirst), "A verdict");
        ShownSecond = UnitInterval.Require(shownSecond, nameof(shownSecond), "A verdict");
    }

    /// <summary>P(the candidate is better) when it is shown first.</summary>
    public double ShownFirst { get; }

    /// <summary>P(the candidate is better) when it is shown second.</summary>
    public double ShownSecond { get; }
}
