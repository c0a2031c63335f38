namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>A quality gate's outcome (<c>score --fail-below</c>, <c>evaluate --min-pearson</c>).</summary>
/// <param name="Passed">Whether every condition held.</param>
/// <param name="Failures">One sentence per failed condition.</param>
public sealed record GateResult(bool Passed, IReadOnlyList<string> Failures)
{
    /// <summary>The gate of these failures: passed when there are none.</summary>
    /// <param name="failures">The failed conditions.</param>
    /// <returns>The gate.</returns>
    public static GateResult Of(IReadOnlyList<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        return new(failures.Count == 0, [.. failures]);
    }
}
