using System.Text.Json.Serialization;

namespace ScoutElo.Scoring;

/// <summary>The kind of task a logged output answers; dimensions pick task-specific references and metrics from it.</summary>
/// <remarks>The wire names (<c>qa</c>, <c>summarization</c>, <c>dialogue</c>, <c>open</c>) are written once, on the members;
/// <see cref="WireName"/> reads and writes them for every format and command, in this declaration order.</remarks>
public enum TaskKind
{
    /// <summary>Question answering against gold answers (JSONL <c>"qa"</c>).</summary>
    [JsonStringEnumMemberName("qa")]
    Qa = 1,
    /// <summary>Summarization of a source document (JSONL <c>"summarization"</c>).</summary>
    [JsonStringEnumMemberName("summarization")]
    Summarization = 2,
    /// <summary>Dialogue response generation (JSONL <c>"dialogue"</c>).</summary>
    [JsonStringEnumMemberName("dialogue")]
    Dialogue = 3,
    /// <summary>Open-ended generation with no task-specific expectations (JSONL <c>"open"</c>).</summary>
    [JsonStringEnumMemberName("open")]
    Open = 0,
}
