namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>A calibrated escalation policy applied to items (<c>scoutelo escalate --policy P --data F --json</c>).</summary>
/// <param name="N">Items read.</param>
/// <param name="Coverage">The share of items a judge decided.</param>
/// <param name="CoverageLow">Lower end of the coverage's exact 95 % interval.</param>
/// <param name="CoverageHigh">Upper end of the coverage's exact 95 % interval.</param>
/// <param name="Agreement">The share of decided labelled items whose decision equals the label; null without labels (or when
/// no labelled item was decided).</param>
/// <param name="AgreementLow">Lower end of the agreement's exact 95 % interval; null with <paramref name="Agreement"/>.</param>
/// <param name="AgreementHigh">Upper end of the agreement's exact 95 % interval; null with <paramref name="Agreement"/>.</param>
/// <param name="ByJudge">Per judge, in cascade order: its threshold (null: it abstains) and how many items it decided.</param>
/// <param name="Items">Per item, in input order: the decision (1, 0, or null when escalated) and the judge that made it.</param>
public sealed record EscalationRunReport(int N, double Coverage, double CoverageLow, double CoverageHigh, double? Agreement, double? AgreementLow,
    double? AgreementHigh, IReadOnlyDictionary<string, JudgeDecisions> ByJudge, IReadOnlyList<EscalatedItem> Items);
