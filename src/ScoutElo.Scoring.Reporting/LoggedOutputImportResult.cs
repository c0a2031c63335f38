namespace ScoutElo.Scoring.Reporting;

/// <summary>What an import read, and what it did with the columns it was not told about.</summary>
/// <param name="Records">The records, in file order.</param>
/// <param name="Tasks">How many records got each task.</param>
/// <param name="Judgments">The columns imported as external judgments (named <c>FORMAT/COLUMN</c>), in name order.</param>
/// <param name="Ignored">The numeric columns not imported, each with its reason, in name order.</param>
public sealed record LoggedOutputImportResult(IReadOnlyList<LoggedOutput> Records, IReadOnlyDictionary<TaskKind, int> Tasks,
    IReadOnlyList<string> Judgments, IReadOnlyList<IgnoredColumn> Ignored);
