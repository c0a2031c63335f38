namespace ScoutElo.Scoring.Verification;

/// <summary>A verifier's verdict on some evidence.</summary>
/// <param name="Policy">The policy that decided, with its version (for example <c>targon-v5</c>).</param>
/// <param name="Outcome">Pass, fail or unknown.</param>
/// <param name="Score">A score in [0, 1] (1 = fully consistent with the claimed model), or null when unknown.</param>
/// <param name="Statistic">The policy's test statistic (its meaning is documented per policy), or null when unknown.</param>
/// <param name="Reason">One sentence saying why.</param>
public sealed record VerificationVerdict(string Policy, VerificationOutcome Outcome, double? Score, double? Statistic, string Reason);
