namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One log's tie parameter in a <see cref="TieReport"/>.</summary>
/// <param name="File">The match log it was read from.</param>
/// <param name="TieParameter">The tie parameter.</param>
/// <param name="Low">Its interval's lower bound.</param>
/// <param name="High">Its interval's upper bound.</param>
public sealed record LogTieReport(string File, double TieParameter, double Low, double High);
