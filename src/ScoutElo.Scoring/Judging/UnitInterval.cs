namespace ScoutElo.Scoring.Judging;

/// <summary>The check every verdict value of this namespace passes: a finite number in [0, 1].</summary>
internal static class UnitInterval
{
    /// <summary>Returns <paramref name="value"/>, or throws naming <paramref name="paramName"/> with <paramref name="what"/>.</summary>
    public static double Require(double value, string paramName, string what) =>
        double.IsFinite(value) && value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(paramName, value, $"{what} is in [0, 1].");
}
