namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One response's verdict under a rule policy.</summary>
/// <param name="Round">The round id.</param>
/// <param name="Response">The response id.</param>
/// <param name="Node">The node.</param>
/// <param name="Verdict"><c>pass</c>, <c>fail</c> or <c>unknown</c>.</param>
/// <param name="Score">The rule's score in [0, 1], or null when unknown.</param>
/// <param name="Statistic">The rule's statistic, or null.</param>
/// <param name="Reason">One sentence.</param>
public sealed record VerifiedResponse(string Round, string Response, string Node, string Verdict, double? Score, double? Statistic, string Reason);
