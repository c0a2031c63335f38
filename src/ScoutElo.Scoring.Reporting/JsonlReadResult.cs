using System.Text.Json;

namespace ScoutElo.Scoring.Reporting;

/// <summary>All records of a JSONL source and how many bad lines were skipped.</summary>
/// <param name="Records">The records in source order.</param>
/// <param name="SkippedLines">Number of bad lines skipped (0 unless skipping was on).</param>
public sealed record JsonlReadResult(IReadOnlyList<LoggedOutput> Records, int SkippedLines);
