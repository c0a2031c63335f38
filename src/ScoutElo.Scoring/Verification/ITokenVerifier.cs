namespace ScoutElo.Scoring.Verification;

/// <summary>A verifier of one response's token evidence against the validator's reference evidence.</summary>
/// <remarks>Implementations are immutable and thread-safe. Evidence is checked first (<see cref="TokenEvidenceCheck"/>):
/// bad evidence is an <see cref="ArgumentException"/>, never a verdict. Evidence a policy needs but the node or validator did
/// not log gives <see cref="VerificationOutcome.Unknown"/> with a reason.</remarks>
public interface ITokenVerifier
{
    /// <summary>The policy name with its version, as verdicts carry it.</summary>
    string Name { get; }

    /// <summary>Verifies one response.</summary>
    /// <param name="node">The node's token evidence.</param>
    /// <param name="reference">The validator's reference evidence for the same token ids.</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The evidence is invalid (the message names the field).</exception>
    VerificationVerdict Verify(TokenEvidence node, ReferenceEvidence reference);
}
