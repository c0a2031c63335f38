namespace ScoutElo.Scoring.Verification;

/// <summary>The parameters of a token-level rule policy (<see cref="TokenRulePolicy"/>). The named presets
/// (<see cref="TokenRulePolicy.TargonV5"/>, <see cref="TokenRulePolicy.Sn1ApexV1"/>, <see cref="TokenRulePolicy.Sn19V1"/>)
/// set them to published subnet rules; docs/verification.md lists the sources.</summary>
/// <remarks>Rules apply in this order; the first that fails decides the reason: too few tokens, too many tokens, a token at or
/// beyond <see cref="FailRank"/>, the share of tokens not ranked first, the score, the overfit check, then the count of
/// low-rank tokens. The temperature is the logged one, 0 (greedy) when the node did not log it.</remarks>
public sealed record TokenRuleOptions
{
    /// <summary>The policy name with its version, as verdicts carry it. <value>Default <c>custom-v1</c>; non-empty.</value></summary>
    public string Name { get; init; } = "custom-v1";

    /// <summary>The scoring rule. <value>Default <see cref="TokenRuleScoring.ProbabilityScore"/>.</value></summary>
    public TokenRuleScoring Scoring { get; init; } = TokenRuleScoring.ProbabilityScore;

    /// <summary>A response with fewer tokens fails. <value>Default 1; at least 1.</value></summary>
    public int MinTokens { get; init; } = 1;

    /// <summary>A response with fewer tokens (but at least <see cref="MinTokens"/>) is unknown: too short to verify.
    /// <value>Default 0 (never).</value></summary>
    public int UnknownBelowTokens { get; init; }

    /// <summary>Whether the last token is left out of the per-token rules (Targon's verifier scores positions 0 … n − 2).
    /// <value>Default false.</value></summary>
    public bool SkipLastToken { get; init; }

    /// <summary>Whether a response longer than its logged <see cref="SamplingParameters.MaxTokens"/> fails. <value>Default true.</value></summary>
    public bool EnforceMaxTokens { get; init; } = true;

    /// <summary>Any token whose reference rank is at least this fails the response; null for no such rule. <value>Default null; at least 1.</value></summary>
    public int? FailRank { get; init; }

    /// <summary>A token whose reference rank is at least this counts as improbable; null for no such rule. <value>Default null; at least 1.</value></summary>
    public int? LowRank { get; init; }

    /// <summary>Whether <see cref="LowRank"/> grows with the temperature <c>T</c> as SN19's does: <c>LowRank</c> for
    /// <c>T ≤ 0.5</c>, else <c>⌊LowRank / (1.03 − T)⌋</c> (no limit from <c>T ≥ 1.03</c>, where the published formula breaks
    /// down). <value>Default false.</value></summary>
    public bool TemperatureScaledLowRank { get; init; }

    /// <summary>The response fails when more tokens than this are improbable (<see cref="LowRank"/>). <value>Default 0; non-negative.</value></summary>
    public int MaxLowRankTokens { get; init; }

    /// <summary>The response fails when the share of tokens not ranked first (over all its tokens) is at least this; null for no
    /// such rule. <value>Default null; in (0, 1].</value></summary>
    public double? MaxNotTopFraction { get; init; }

    /// <summary>Targon's overfit check: a passing response fails when the share of tokens the node logged with log-probability
    /// exactly 0 is at least <c>1 − min(T, 0.6)</c>. <value>Default false.</value></summary>
    public bool OverfitCheck { get; init; }

    /// <summary><see cref="TokenRuleScoring.ProbabilityScore"/>: a token score at or above this counts as 1. <value>Default 0.9; in [0, 1].</value></summary>
    public double SnapScore { get; init; } = 0.9;

    /// <summary><see cref="TokenRuleScoring.ProbabilityScore"/>: the mean token score needed to pass. <value>Default 0.75; in [0, 1].</value></summary>
    public double PassScore { get; init; } = 0.75;

    /// <summary><see cref="TokenRuleScoring.ProbabilityScore"/>: at or above this temperature a rank-1 token the node logged with a
    /// non-zero log-probability scores 1 (log-probabilities rarely match at high temperature); null for never.
    /// <value>Default 0.9.</value></summary>
    public double? HighTemperature { get; init; } = 0.9;

    /// <summary><see cref="TokenRuleScoring.ProbabilityDistance"/>: a mean distance up to this scores 1. <value>Default 0.125.</value></summary>
    public double FullScoreDistance { get; init; } = 0.125;

    /// <summary><see cref="TokenRuleScoring.ProbabilityDistance"/>: a mean distance above this scores 0. <value>Default 0.25; above <see cref="FullScoreDistance"/>.</value></summary>
    public double ZeroScoreDistance { get; init; } = 0.25;

    /// <summary><see cref="TokenRuleScoring.ProbabilityDistance"/>: a token ranked beyond this by the reference has distance 1 (it is
    /// not in the validator's top list); null for no limit. <value>Default 20.</value></summary>
    public int? DistanceTopK { get; init; } = 20;

    /// <summary><see cref="TokenRuleScoring.TopKSimilarity"/>: the mean similarity needed. <value>Default 0.86; in [0, 1).</value></summary>
    public double MinSimilarity { get; init; } = 0.86;

    /// <summary><see cref="TokenRuleScoring.TopKSimilarity"/>: the mean share of positions whose token is in both top-k lists
    /// needed. <value>Default 0.96; in [0, 1).</value></summary>
    public double MinContains { get; init; } = 0.96;

    internal void Validate(string paramName)
    {
        if (string.IsNullOrEmpty(Name)) throw new ArgumentException("Name must be non-empty.", paramName);
        if (!Enum.IsDefined(Scoring)) throw new ArgumentOutOfRangeException(paramName, Scoring, "Scoring must be a defined TokenRuleScoring.");
        if (MinTokens < 1) throw new ArgumentOutOfRangeException(paramName, MinTokens, "MinTokens must be at least 1.");
        if (UnknownBelowTokens < 0) throw new ArgumentOutOfRangeException(paramName, UnknownBelowTokens, "UnknownBelowTokens must be non-negative.");
        if (SkipLastToken && MinTokens < 2) throw new ArgumentOutOfRangeException(paramName, MinTokens, "MinTokens must be at least 2 when SkipLastToken is set.");
        if (FailRank is < 1) throw new ArgumentOutOfRangeException(paramName, FailRank, "FailRank must be at least 1.");
        if (LowRank is < 1) throw new ArgumentOutOfRangeException(paramName, LowRank, "LowRank must be at least 1.");
        if (MaxLowRankTokens < 0) throw new ArgumentOutOfRangeException(paramName, MaxLowRankTokens, "MaxLowRankTokens must be non-negative.");
        if (MaxNotTopFraction is { } f && (!double.IsFinite(f) || f is <= 0 or > 1)) throw new ArgumentOutOfRangeException(paramName, f, "MaxNotTopFraction must be in (0, 1].");
        Unit(SnapScore, nameof(SnapScore));
        Unit(PassScore, nameof(PassScore));
        if (HighTemperature is { } h && (!double.IsFinite(h) || h < 0)) throw new ArgumentOutOfRangeException(paramName, h, "HighTemperature must be finite and non-negative.");
        if (!double.IsFinite(FullScoreDistance) || FullScoreDistance < 0) throw new ArgumentOutOfRangeException(paramName, FullScoreDistance, "FullScoreDistance must be finite and non-negative.");
        if (!double.IsFinite(ZeroScoreDistance) || ZeroScoreDistance <= FullScoreDistance) throw new ArgumentOutOfRangeException(paramName, ZeroScoreDistance, "ZeroScoreDistance must be finite and above FullScoreDistance.");
        if (DistanceTopK is < 1) throw new ArgumentOutOfRangeException(paramName, DistanceTopK, "DistanceTopK must be at least 1.");
        if (!double.IsFinite(MinSimilarity) || MinSimilarity is < 0 or >= 1) throw new ArgumentOutOfRangeException(paramName, MinSimilarity, "MinSimilarity must be in [0, 1).");
        if (!double.IsFinite(MinContains) || MinContains is < 0 or >= 1) throw new ArgumentOutOfRangeException(paramName, MinContains, "MinContains must be in [0, 1).");

        void Unit(double v, string name)
        {
            if (!double.IsFinite(v) || v is < 0 or > 1) throw new ArgumentOutOfRangeException(paramName, v, $"{name} must be in [0, 1].");
        }
    }
}
