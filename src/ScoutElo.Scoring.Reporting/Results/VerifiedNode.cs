namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One node's verdict.</summary>
/// <param name="Node">The node id.</param>
/// <param name="Verdict"><c>pass</c>, <c>fail</c> or <c>unknown</c>: for a rule policy, fail when any response failed, pass when at
/// least one passed and none failed; for the sequential test, its verdict after all the node's evidence.</param>
/// <param name="Responses">Its verified responses.</param>
/// <param name="Failed">Of those, failed (rule policy; 0 for the sequential test).</param>
/// <param name="Tokens">Tokens of evidence.</param>
/// <param name="Statistic">The sequential test's peak e-value, or the mean of the rule's statistic over its responses; null when none.</param>
/// <param name="Reason">One sentence.</param>
public sealed record VerifiedNode(string Node, string Verdict, int Responses, int Failed, long Tokens, double? Statistic, string Reason)
{
    /// <summary>The statistic, null when not finite.</summary>
    public double? Statistic { get; init; } = Finite.Or(Statistic);
}
