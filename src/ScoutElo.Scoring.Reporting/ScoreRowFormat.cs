using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting;

/// <summary>The formats <see cref="ScoreRowWriter"/> writes scored items in (<c>scoutelo score --output-format</c>).</summary>
public enum ScoreRowFormat
{
    /// <summary>One JSON object per item: id, composite, calibrated (when the profile has it), dimensions, and why each
    /// missing dimension is not applicable.</summary>
    [JsonStringEnumMemberName("jsonl")] Jsonl,

    /// <summary>RFC 4180 CSV: id, composite and one column per dimension (an empty cell is not applicable).</summary>
    [JsonStringEnumMemberName("csv")] Csv,

    /// <summary>JUnit XML for CI dashboards: one test case per item, failed without a composite or below the threshold.</summary>
    [JsonStringEnumMemberName("junit")] Junit,
}
