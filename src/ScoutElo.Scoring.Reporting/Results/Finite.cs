namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>Numbers as the results print them: a value that is not finite is null (JSON has no NaN).</summary>
internal static class Finite
{
    public static double? Or(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
