using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Network;

/// <summary>Why a payout row of the ledger (<see cref="PayoutEntry"/>) holds its amount.</summary>
public enum PayoutReason
{
    /// <summary>The recipient's share of the round's budget (a node's by the reward rule, an evaluator's by agreement); may be 0.</summary>
    Share,

    /// <summary>Budget nobody earned in the round (no response earned a share, or no evaluator scored); no recipient.</summary>
    Withheld,

    /// <summary>The node's response failed the health check (claimed-model spot checks, judge verdicts or served-model
    /// verification) and earned nothing; the amount is 0.</summary>
    [JsonStringEnumMemberName("health-failed")]
    HealthFailed,

    /// <summary>The node dropped the request; the amount is 0.</summary>
    Dropped,

    /// <summary>The node's response could not be rated (no evaluator scored it and the scorer could not judge it); the amount is 0.</summary>
    Unrated,

    /// <summary>A balance carried over when a snapshot was imported into the store (its rounds' payouts are not in the snapshot);
    /// no round.</summary>
    Opening,
}
