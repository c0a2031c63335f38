using ScoutElo.Scoring.Verification;

namespace ScoutElo.Scoring.Network;

/// <summary>A node's served-model verification: the sequential test's verdict and the per-response rule checks.</summary>
/// <param name="Outcome">Fail once the sequential test rejected or, with no rejection, unknown until it has enough tokens, then pass.</param>
/// <param name="Tokens">Tokens of evidence seen.</param>
/// <param name="EValue">The peak e-value of the sequential test (1 before any evidence).</param>
/// <param name="RuleChecks">Responses judged by the rule policy.</param>
/// <param name="RuleFailures">Of those, failed.</param>
/// <param name="Reason">One sentence: the sequential verdict's reason, and the last rule failure's when there is one.</param>
public sealed record NodeVerification(VerificationOutcome Outcome, long Tokens, double EValue, long RuleChecks, long RuleFailures, string Reason);
