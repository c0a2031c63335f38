using System.Text.Json.Serialization;

namespace ScoutElo.Cli.Commands.Rank;

/// <summary>The formats <c>scoutelo rank --format</c> reads.</summary>
internal enum MatchLogFormat
{
    /// <summary>One match per line.</summary>
    [JsonStringEnumMemberName("jsonl")] Jsonl,
    /// <summary>The arena's battle files.</summary>
    [JsonStringEnumMemberName("arena")] Arena,
    /// <summary>CSV with a header.</summary>
    [JsonStringEnumMemberName("csv")] Csv,
}
