using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting;

/// <summary>The formats <see cref="LoggedOutputImport"/> reads logged outputs from (<c>scoutelo score --format</c>).</summary>
public enum LoggedOutputFormat
{
    /// <summary>The library's own logged-output JSONL.</summary>
    [JsonStringEnumMemberName("jsonl")] Jsonl,

    /// <summary>RAGAS rows (<c>user_input</c>, <c>response</c>, <c>reference</c>, <c>retrieved_contexts</c>, or the older names), as JSONL.</summary>
    [JsonStringEnumMemberName("ragas")] Ragas,

    /// <summary>DeepEval test cases (<c>input</c>, <c>actual_output</c>, <c>expected_output</c>, <c>retrieval_context</c>), as JSONL.</summary>
    [JsonStringEnumMemberName("deepeval")] DeepEval,

    /// <summary>The JSON file of <c>promptfoo eval -o FILE.json</c>.</summary>
    [JsonStringEnumMemberName("promptfoo")] Promptfoo,

    /// <summary>CSV with a header naming the logged-output fields.</summary>
    [JsonStringEnumMemberName("csv")] Csv,
}
