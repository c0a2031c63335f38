namespace ScoutElo.Scoring.AI;

/// <summary>A judge's verdict on one input with everything needed to audit it.</summary>
/// <param name="Score">The score in [0, 1], or not applicable with a diagnostic (timeout, failure, refusal, unparsable output).</param>
/// <param name="Samples">Each successful sample's score in [0, 1] (pointwise: rescaled rubric score; pairwise: 1 win, 0.5 tie or
/// orders that disagree, 0 loss — or, when the endpoint returned log-probabilities, the probability that the response wins,
/// averaged over the two orders).</param>
/// <param name="InputTokens">Prompt tokens reported by the provider over all calls (0 when it reports none).</param>
/// <param name="OutputTokens">Completion tokens reported by the provider over all calls.</param>
/// <param name="Duration">Wall time spent, retries included.</param>
/// <param name="Calls">Provider calls made (cache hits make none).</param>
/// <param name="CacheHits">Answers served from the cache.</param>
public sealed record JudgeOutcome(DimensionScore Score, IReadOnlyList<double> Samples, long InputTokens, long OutputTokens, TimeSpan Duration, int Calls, int CacheHits)
{
    /// <summary>Pairwise: each sample's verdicts in both orders (the probability that the response is better when shown first,
    /// and when shown second), for <see cref="Judging.PositionBias"/>. Empty for pointwise judging. <value>Default empty.</value></summary>
    public IReadOnlyList<Judging.SwappedVerdict> Runs { get; init; } = [];

    /// <summary>How sure the judge is of its verdict, in [0, 1], as selective judging reads it
    /// (<see cref="Judging.JudgeVerdict"/>): pairwise, <c>max(p, 1 − p)</c> of the verdict probability p (the score: the mean
    /// over samples and both orders); pointwise, the chosen score's probability mass, else the share of samples giving the most
    /// common score. Null when unknown (no sample, or one pointwise sample without log-probabilities).
    /// <value>Default null.</value></summary>
    public double? Confidence { get; init; }

    /// <summary>Where <see cref="Confidence"/> came from. <value>Default <see cref="JudgeConfidenceSource.None"/>.</value></summary>
    public JudgeConfidenceSource ConfidenceSource { get; init; }

    /// <summary>The standard deviation of the samples (0 for fewer than two).</summary>
    public double Spread
    {
        get
        {
            if (Samples.Count < 2) return 0;
            double mean = Samples.Average();
            return Math.Sqrt(Samples.Sum(s => (s - mean) * (s - mean)) / Samples.Count);
        }
    }

    /// <summary>Adds the samples to an input's judgments under <paramref name="name"/>, so <c>agreement</c> can use their spread.</summary>
    /// <param name="input">The input.</param>
    /// <param name="name">The evaluator name (for example <c>judge/gpt-4o</c>).</param>
    /// <returns>A new input; unchanged when there are no samples.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ScoringInput AddTo(ScoringInput input, string name)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Samples.Count == 0) return input;
        var judgments = input.Judgments.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        judgments[name] = Samples;
        return input with { Judgments = judgments };
    }
}
