using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Reporting;

/// <summary>A round read from traffic JSONL, with where it came from (for error messages that name <c>file:line</c>).</summary>
/// <param name="Round">The round.</param>
/// <param name="Source">The source name (file name).</param>
/// <param name="FirstLine">The 1-based line of its first response.</param>
/// <param name="LastLine">The 1-based line of its last response.</param>
public sealed record TrafficRound(ObservedRound Round, string Source, long FirstLine, long LastLine)
{
    /// <summary>The round fields some line of this round stated (traffic writes them on a round's first line only), so a
    /// reader holding a round's lines in several parts can tell a field left out from one stated empty. <value>Default
    /// <see cref="TrafficRoundFields.None"/>.</value></summary>
    public TrafficRoundFields Declared { get; init; }
}
