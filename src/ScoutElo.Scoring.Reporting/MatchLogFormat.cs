using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting;

/// <summary>The match-log formats <see cref="MatchLogImport"/> reads (<c>scoutelo rank --format</c>).</summary>
public enum MatchLogFormat
{
    /// <summary>One match per line: <c>{"a":..,"b":..,"score":..}</c> (optional weight, both_bad and style fields).</summary>
    [JsonStringEnumMemberName("jsonl")] Jsonl,
    /// <summary>The arena's battle files (Chatbot Arena / LMArena: <c>model_a</c>, <c>model_b</c>, <c>winner</c>), as JSONL or one JSON array.</summary>
    [JsonStringEnumMemberName("arena")] Arena,
    /// <summary>CSV with a header naming the JSONL fields as columns.</summary>
    [JsonStringEnumMemberName("csv")] Csv,
}
