namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What reading one input file did, in a run's JSON: its format, the task each row got, the columns imported as
/// judgments and the numeric columns left out with their reasons.</summary>
/// <param name="File">The file as given.</param>
/// <param name="Format">Its format's wire name.</param>
/// <param name="Tasks">Rows per task (wire names).</param>
/// <param name="TaskSource">Where the tasks came from: <c>rows</c> (the rows name them), <c>format</c> (the format's
/// natural task) or <c>--task</c>.</param>
/// <param name="Judgments">The columns imported as judgments (<c>FORMAT/COLUMN</c>).</param>
/// <param name="Ignored">The numeric columns not imported, with their reasons.</param>
public sealed record ImportFigures(string File, string Format, IReadOnlyDictionary<string, int> Tasks, string TaskSource,
    IReadOnlyList<string> Judgments, IReadOnlyList<IgnoredColumn> Ignored);
