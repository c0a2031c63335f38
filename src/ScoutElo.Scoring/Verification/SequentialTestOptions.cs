namespace ScoutElo.Scoring.Verification;

/// <summary>Options of the <see cref="SequentialTokenTest"/>.</summary>
public sealed record SequentialTestOptions
{
    /// <summary>The false-alarm rate: under the honest-noise model, the probability that an honest node is ever flagged, over its
    /// whole lifetime, is at most this (Ville's inequality). <value>Default 0.001; in (0, 1).</value></summary>
    public double Alpha { get; init; } = 0.001;

    /// <summary>The honest-noise model: the largest mean per-token statistic an honest node on any hardware produces (the
    /// statistic is in [0, 1]; see <see cref="SequentialTokenTest"/>). With a shared seed, more than 98% of honestly regenerated
    /// tokens are identical (Token-DiFR), and an identical token has statistic 0 while any token has at most 1, so an honest
    /// node's mean is at most 0.02 even if every honest mismatch scored 1. <value>Default 0.02; in (0, 0.5].</value></summary>
    public double HonestMean { get; init; } = 0.02;

    /// <summary>With a shared seed: the Gumbel-max margin (logit units) at which a token's statistic reaches 1. Honest
    /// mismatches are near-ties flipped by numeric noise (margins of hundredths of a logit); a substituted model's are not.
    /// <value>Default 0.1; positive.</value></summary>
    public double MarginScale { get; init; } = 0.1;

    /// <summary>Without a shared seed: the probability distance <c>|p_ref − p_node|</c> at which a token's statistic reaches 1.
    /// <value>Default 0.1; in (0, 1].</value></summary>
    public double ProbabilityScale { get; init; } = 0.1;

    /// <summary>Tokens of evidence a node needs before it can pass (fewer and not flagged: unknown). <value>Default 200; at least 1.</value></summary>
    public int MinTokens { get; init; } = 200;

    /// <summary>The largest bet, as a fraction of <c>1 / HonestMean</c> (so a token can at most halve the e-value at 0.5).
    /// <value>Default 0.5; in (0, 1).</value></summary>
    public double MaxBet { get; init; } = 0.5;

    internal void Validate(string paramName)
    {
        if (!double.IsFinite(Alpha) || Alpha is <= 0 or >= 1) throw new ArgumentOutOfRangeException(paramName, Alpha, "Alpha must be in (0, 1).");
        if (!double.IsFinite(HonestMean) || HonestMean is <= 0 or > 0.5) throw new ArgumentOutOfRangeException(paramName, HonestMean, "HonestMean must be in (0, 0.5].");
        if (!double.IsFinite(MarginScale) || MarginScale <= 0) throw new ArgumentOutOfRangeException(paramName, MarginScale, "MarginScale must be positive and finite.");
        if (!double.IsFinite(ProbabilityScale) || ProbabilityScale is <= 0 or > 1) throw new ArgumentOutOfRangeException(paramName, ProbabilityScale, "ProbabilityScale must be in (0, 1].");
        if (MinTokens < 1) throw new ArgumentOutOfRangeException(paramName, MinTokens, "MinTokens must be at least 1.");
        if (!double.IsFinite(MaxBet) || MaxBet is <= 0 or >= 1) throw new ArgumentOutOfRangeException(paramName, MaxBet, "MaxBet must be in (0, 1).");
    }

    internal string Describe() => FormattableString.Invariant($"({Alpha:R}, {HonestMean:R}, {MarginScale:R}, {ProbabilityScale:R}, {MinTokens}, {MaxBet:R})");
}
