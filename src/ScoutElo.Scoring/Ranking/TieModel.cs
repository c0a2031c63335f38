using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Ranking;

/// <summary>How <see cref="BradleyTerry"/> models a tie.</summary>
public enum TieModel
{
    /// <summary>A tie is half a win for each side (and any graded score s is s wins and 1 − s losses): one logistic model
    /// <c>P(i beats j) = σ(θᵢ − θⱼ)</c> whose "probability" is an expected score share. The default; what the arena's
    /// <c>compute_mle_elo</c> fits.</summary>
    [JsonStringEnumMemberName("half")]
    HalfWin = 0,

    /// <summary>Davidson (1970): <c>P(i beats j) = πᵢ / (πᵢ + πⱼ + ν·√(πᵢπⱼ))</c>,
    /// <c>P(tie) = ν·√(πᵢπⱼ) / (πᵢ + πⱼ + ν·√(πᵢπⱼ))</c>, with the tie parameter ν ≥ 0 learned (one per log). Scores must be 0,
    /// 0.5 (tie) or 1.</summary>
    [JsonStringEnumMemberName("davidson")]
    Davidson = 1,

    /// <summary>Rao–Kupper (1967): <c>P(i beats j) = σ(θᵢ − θⱼ − η)</c>, <c>P(tie) = 1 − P(i beats j) − P(j beats i)</c>, with the
    /// threshold η ≥ 0 (natural log-odds units) learned (one per log). Scores must be 0, 0.5 (tie) or 1.</summary>
    [JsonStringEnumMemberName("rao-kupper")]
    RaoKupper = 2,
}
