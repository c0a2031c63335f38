using System.Text.Json;

namespace ScoutElo.Scoring.Reporting;

/// <summary>Options for reading logged-output JSONL.</summary>
public sealed record JsonlReadOptions
{
    /// <summary>The defaults: throw on the first bad line.</summary>
    public static JsonlReadOptions Default { get; } = new();

    /// <summary>Skip bad lines instead of throwing. <value>Default <see langword="false"/>.</value></summary>
    public bool SkipInvalidLines { get; init; }

    /// <summary>Called for each skipped line when <see cref="SkipInvalidLines"/> is on. <value>Default none.</value></summary>
    public Action<JsonlFormatException>? OnInvalidLine { get; init; }
}
