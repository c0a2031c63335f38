using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Network;

/// <summary>A node's health verdict.</summary>
public enum HealthStatus
{
    /// <summary>Not enough evidence yet: fewer than <c>MinChecks</c> spot checks, fewer than <c>MinChecks</c> judge verdicts, and
    /// no verification verdict from token evidence. An unknown node is treated as passing (it is paid and plays its matches normally).</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown = 0,

    /// <summary>Enough evidence (spot checks, judge verdicts or token evidence), and no check fails.</summary>
    [JsonStringEnumMemberName("pass")]
    Pass = 1,

    /// <summary>The claimed-model spot checks or the judge's baseline verdicts show a clear shortfall, or the token evidence
    /// rejects the claimed model (<see cref="NodeStanding.Verification"/>).</summary>
    [JsonStringEnumMemberName("fail")]
    Fail = 2,
}
