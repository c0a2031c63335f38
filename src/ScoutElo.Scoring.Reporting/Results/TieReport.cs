namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>The tie parameter of a Bradley–Terry fit with a tie model: the first log's, and every log's.</summary>
/// <param name="Model">The tie model's wire name (<c>davidson</c>, <c>rao-kupper</c>).</param>
/// <param name="TieParameter">The first log's tie parameter (ν for Davidson, η for Rao–Kupper).</param>
/// <param name="Low">Its interval's lower bound.</param>
/// <param name="High">Its interval's upper bound.</param>
/// <param name="Logs">Every log's tie parameter, in the order the logs were given.</param>
public sealed record TieReport(string Model, double TieParameter, double Low, double High, IReadOnlyList<LogTieReport> Logs)
{
    /// <summary>Every log's tie parameter, in the order the logs were given; a read-only copy.</summary>
    public IReadOnlyList<LogTieReport> Logs { get; init; } = [.. Logs];
}
