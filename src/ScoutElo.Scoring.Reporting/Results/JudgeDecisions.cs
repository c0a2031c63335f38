namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One judge's share of an escalation run.</summary>
/// <param name="Threshold">The confidence at which its verdicts are kept; null when it abstains on everything.</param>
/// <param name="Decided">Items it decided.</param>
public sealed record JudgeDecisions(double? Threshold, int Decided);
