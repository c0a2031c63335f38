namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One item of an escalation run.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Decision">1 or 0, or null when escalated.</param>
/// <param name="Judge">The judge that decided, or null.</param>
public sealed record EscalatedItem(string Id, int? Decision, string? Judge);
