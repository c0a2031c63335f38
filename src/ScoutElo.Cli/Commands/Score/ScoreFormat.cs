using System.Text.Json.Serialization;

namespace ScoutElo.Cli.Commands.Score;

/// <summary>What <c>score --output-format</c> writes.</summary>
internal enum ScoreFormat
{
    /// <summary>One JSON object per input.</summary>
    [JsonStringEnumMemberName("jsonl")] Jsonl,
    /// <summary>id, composite and one column per dimension.</summary>
    [JsonStringEnumMemberName("csv")] Csv,
    /// <summary>JUnit XML, one test case per input.</summary>
    [JsonStringEnumMemberName("junit")] Junit,
}
