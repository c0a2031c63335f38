using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Ranking;

/// <summary>What <see cref="BradleyTerry"/> does with a tie marked "both bad" (the arena's <c>tie (bothbad)</c>).</summary>
public enum BothBadPolicy
{
    /// <summary>An ordinary tie (what the arena's own code does). The default.</summary>
    [JsonStringEnumMemberName("tie")]
    Tie = 0,

    /// <summary>Left out of the fit: "both bad" says nothing about which side is better.</summary>
    [JsonStringEnumMemberName("drop")]
    Drop = 1,
}
