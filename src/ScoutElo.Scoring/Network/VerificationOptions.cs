using ScoutElo.Scoring.Verification;

namespace ScoutElo.Scoring.Network;

/// <summary>How the engine verifies served models from token evidence (<see cref="ObservedResponse.Tokens"/> with the validator's
/// <see cref="ObservedResponse.Reference"/>).</summary>
/// <remarks>Every response that carries both feeds its node's <see cref="SequentialTokenTest"/> (state in the snapshot); once the
/// test rejects, the node fails its health check from that round on (no pay, lost matches) and its standing says why. With a
/// <see cref="RulePolicy"/>, each such response is also judged on its own: a response the rule fails is not paid and loses its
/// matches, and the node's standing counts it. Responses without evidence are not verified (the quality checks still apply).</remarks>
public sealed record VerificationOptions
{
    /// <summary>The sequential test. <value>Defaults when null.</value></summary>
    public SequentialTestOptions? Sequential { get; init; }

    /// <summary>A per-response rule policy (for example <see cref="TokenRulePolicy.TargonV5"/>); null for none.
    /// <value>Default null.</value></summary>
    public ITokenVerifier? RulePolicy { get; init; }

    internal string Describe() => (Sequential ?? new SequentialTestOptions()).Describe() + (RulePolicy is { } p ? ", " + p.Name : "");

    internal bool IsDefault => (Sequential is null || Sequential == new SequentialTestOptions()) && RulePolicy is null;
}
