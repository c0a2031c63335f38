namespace ScoutElo.Scoring.Judging;

/// <summary>One judge's verdict on one item: its decision and how confident it is in that decision.</summary>
/// <remarks>
/// <para>For a pairwise judge the decision is 1 when it prefers the first response; for a pointwise judge, 1 when the item
/// passes. <see cref="FromProbability"/> turns a verdict probability (P(first is better), or a pass score in [0, 1]) into
/// the decision it implies and the confidence <c>max(p, 1 − p)</c>, as the Trust-or-Escalate paper does with a judge's
/// verdict probability or its agreement over sampled runs.</para>
/// </remarks>
public readonly record struct JudgeVerdict
{
    /// <summary>Creates a verdict.</summary>
    /// <param name="decision">0 or 1.</param>
    /// <param name="confidence">The judge's confidence in <paramref name="decision"/>, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">The decision is not 0 or 1, or the confidence is not in [0, 1].</exception>
    public JudgeVerdict(int decision, double confidence)
    {
        if (decision is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(decision), decision, "A decision is 0 or 1.");
        Decision = decision;
        Confidence = UnitInterval.Require(confidence, nameof(confidence), "A confidence");
    }

    /// <summary>The decision: 1 (the first response is better, or the item passes) or 0.</summary>
    public int Decision { get; }

    /// <summary>The judge's confidence in <see cref="Decision"/>, in [0, 1].</summary>
    public double Confidence { get; }

    /// <summary>The verdict a probability implies: decision 1 when <paramref name="probability"/> ≥ 0.5, with confidence
    /// <c>max(p, 1 − p)</c>.</summary>
    /// <param name="probability">P(the first response is better), or the probability that the item passes, in [0, 1].</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is not in [0, 1].</exception>
    public static JudgeVerdict FromProbability(double probability)
    {
        UnitInterval.Require(probability, nameof(probability), "A verdict probability");
        return probability >= 0.5 ? new JudgeVerdict(1, probability) : new JudgeVerdict(0, 1 - probability);
    }
}
