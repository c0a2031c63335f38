namespace ScoutElo.Scoring.Dimensions;

/// <summary>Options of <see cref="AgreementDimension"/>.</summary>
public sealed record AgreementOptions
{
    /// <summary>Known scales by evaluator name. Unlisted evaluators get a scale inferred from the item's own scores
    /// (<see cref="JudgmentScale.Infer"/>), which is ambiguous for items whose scores are all 0 or 1: pass scales inferred over the
    /// whole dataset (<see cref="JudgmentScale.InferAll"/>) or known ones. <value>Default empty.</value></summary>
    public IReadOnlyDictionary<string, JudgmentScale> Scales { get; init; } = new Dictionary<string, JudgmentScale>();
}
