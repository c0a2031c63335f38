namespace ScoutElo.Scoring.Reporting;

/// <summary>How <see cref="LoggedOutputImport.Import"/> reads another tool's rows.</summary>
public sealed record LoggedOutputImportOptions
{
    /// <summary>Logged-output field (<c>id</c>, <c>task</c>, <c>query</c>, <c>context</c>, <c>response</c>, <c>references</c>,
    /// <c>node</c>, <c>labels.NAME</c>, <c>judgments.NAME</c>, <c>metrics.NAME</c>) → the source field or column it is read
    /// from (a dotted path into nested objects), overriding the format's default. <value>Default empty.</value></summary>
    public IReadOnlyDictionary<string, string> FieldMap { get; init => field = value ?? throw new ArgumentNullException(nameof(FieldMap)); }
        = new Dictionary<string, string>();

    /// <summary>Declared scales of unmapped score columns of another tool's rows (RAGAS, DeepEval, promptfoo), by column
    /// name: such a column is imported as a judgment whatever its name, each value rescaled from [Min, Max] to [0, 1], and a
    /// value outside its scale is an error naming the row. Without a declaration a column is imported only when all its values
    /// lie in [0, 1] and its name is not a label's, a row number's or a serving metric's. <value>Default none.</value></summary>
    public IReadOnlyDictionary<string, ScoutElo.Scoring.Dimensions.JudgmentScale> JudgmentScales { get; init => field = value ?? throw new ArgumentNullException(nameof(JudgmentScales)); }
        = new Dictionary<string, ScoutElo.Scoring.Dimensions.JudgmentScale>();

    /// <summary>The task of every row that does not name its own (a mapped or CSV <c>task</c>). <value>Default null: the format's
    /// natural task — QA for a RAGAS or DeepEval row with a reference, else open.</value></summary>
    public TaskKind? Task { get; init; }

    /// <summary>Called with a code and a sentence when the file reads but looks wrong. <value>Default null.</value></summary>
    public Action<string, string>? OnWarning { get; init; }
}
