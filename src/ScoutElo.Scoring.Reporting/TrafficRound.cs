using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Reporting;

/// <summary>A round read from traffic JSONL, with where it came from (for error messages that name <c>file:line</c>).</summary>
/// <param name="Round">The round.</param>
/// <param name="Source">The source name (file name).</param>
/// <param name="FirstLine">The 1-based line of its first response.</param>
/// <param name="LastLine">The 1-based line of its last response.</param>
public sealed record TrafficRound(ObservedRound Round, string Source, long FirstLine, long LastLine);
