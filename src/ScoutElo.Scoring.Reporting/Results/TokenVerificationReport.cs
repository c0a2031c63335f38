namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What token-evidence verification of a traffic file reports: <c>scoutelo verify --data traffic.jsonl --json</c> is
/// this record.</summary>
/// <param name="Policy">The policy with its version.</param>
/// <param name="Verified">Responses that carried token and reference evidence.</param>
/// <param name="Unverified">Answered responses without both (not verified; token ids are never recovered from text).</param>
/// <param name="Nodes">One verdict per node, ordinal by id.</param>
/// <param name="Responses">For a rule policy, one verdict per verified response in file order; empty for the sequential test
/// (whose verdict is per node).</param>
public sealed record TokenVerificationReport(string Policy, int Verified, int Unverified, IReadOnlyList<VerifiedNode> Nodes, IReadOnlyList<VerifiedResponse> Responses);
