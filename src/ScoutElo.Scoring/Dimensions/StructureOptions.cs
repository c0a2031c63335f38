namespace ScoutElo.Scoring.Dimensions;

/// <summary>Options of <see cref="StructureDimension"/>.</summary>
public sealed record StructureOptions
{
    /// <summary>Band for QA answers. <value>Default 1–60 words.</value></summary>
    public LengthBand Qa { get; init; } = new(1, 60);

    /// <summary>Band for summaries when there are no reference summaries. <value>Default 20–150 words.</value></summary>
    public LengthBand Summarization { get; init; } = new(20, 150);

    /// <summary>Band for dialogue turns. <value>Default 3–60 words.</value></summary>
    public LengthBand Dialogue { get; init; } = new(3, 60);

    /// <summary>Band for open tasks. <value>Default 5–800 words.</value></summary>
    public LengthBand Open { get; init; } = new(5, 800);

    /// <summary>For non-QA tasks with references, derive the band from them: [½·shortest, 1½·longest].
    /// <value>Default <see langword="true"/>.</value></summary>
    public bool BandFromReferences { get; init; } = true;

    /// <summary>How length is counted for the bands; null counts words (Unicode word tokens). With a model tokenizer (for
    /// example <c>TiktokenCounter.O200kBase.AsFunc()</c> from the optional ScoutElo.Scoring.Tokens package) lengths are in
    /// model tokens: set the fixed bands in tokens too; bands derived from references follow automatically.
    /// <value>Default null (words).</value></summary>
    public Func<string, int>? LengthCounter { get; init; }

    internal LengthBand For(TaskKind task) => task switch
    {
        TaskKind.Qa => Qa,
        TaskKind.Summarization => Summarization,
        TaskKind.Dialogue => Dialogue,
        _ => Open,
    };
}
