using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Verification;

/// <summary>The outcome of a verification.</summary>
public enum VerificationOutcome
{
    /// <summary>Not enough evidence, or the evidence the policy needs was not logged (the verdict's reason says which).</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown = 0,

    /// <summary>The evidence is consistent with the claimed model.</summary>
    [JsonStringEnumMemberName("pass")]
    Pass = 1,

    /// <summary>The evidence shows the node did not compute what the claimed model computes.</summary>
    [JsonStringEnumMemberName("fail")]
    Fail = 2,
}
