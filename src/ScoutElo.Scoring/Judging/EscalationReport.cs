namespace ScoutElo.Scoring.Judging;

/// <summary>A calibrated cascade applied to items: what it decided, how much, and — where labels exist — how often it agreed
/// with people, each proportion with its exact confidence interval.</summary>
/// <param name="Items">Per item, in input order: the decision and the judge that made it, or escalation.</param>
/// <param name="Coverage">Decided items out of all items.</param>
/// <param name="Agreement">Decided labelled items whose decision equals the label, out of the decided labelled items; null
/// when no item has a label.</param>
/// <param name="DecidedByJudge">How many items each judge decided, in cascade order.</param>
public sealed record EscalationReport(IReadOnlyList<EscalationDecision> Items, ProportionInterval Coverage, ProportionInterval? Agreement,
    IReadOnlyList<KeyValuePair<string, int>> DecidedByJudge);
