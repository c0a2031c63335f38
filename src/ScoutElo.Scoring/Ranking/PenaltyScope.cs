using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Ranking;

/// <summary>Which parameters an <see cref="L2Penalty"/> shrinks.</summary>
public enum PenaltyScope
{
    /// <summary>Every rating and style coefficient (what scikit-learn's <c>LogisticRegression</c> does in the arena's
    /// FastChat code). Tie parameters are never penalised.</summary>
    [JsonStringEnumMemberName("all")]
    AllParameters = 0,

    /// <summary>Only the style coefficients; ratings stay the unpenalised maximum-likelihood ones (arena-rank's choice).</summary>
    [JsonStringEnumMemberName("style")]
    StyleOnly = 1,
}
