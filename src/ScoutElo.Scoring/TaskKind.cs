namespace ScoutElo.Scoring;

/// <summary>The kind of task a logged output answers; dimensions pick task-specific references and metrics from it.</summary>
public enum TaskKind
{
    /// <summary>Open-ended generation with no task-specific expectations (JSONL <c>"open"</c>).</summary>
    Open = 0,
    /// <summary>Question answering against gold answers (JSONL <c>"qa"</c>).</summary>
    Qa = 1,
    /// <summary>Summarization of a source document (JSONL <c>"summarization"</c>).</summary>
    Summarization = 2,
    /// <summary>Dialogue response generation (JSONL <c>"dialogue"</c>).</summary>
    Dialogue = 3,
}
