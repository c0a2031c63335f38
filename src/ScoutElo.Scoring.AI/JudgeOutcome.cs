namespace ScoutElo.Scoring.AI;

/// <summary>A judge's verdict on one input with everything needed to audit it.</summary>
/// <param name="Score">The score in [0, 1], or not applicable with a diagnostic (timeout, failure, refusal, unparsable output).</param>
/// <param name="Samples">Each successful sample's score in [0, 1] (pointwise: rescaled rubric score; pairwise: 1 win, 0.5 tie, 0 loss).</param>
/// <param name="InputTokens">Prompt tokens reported by the provider over all calls (0 when it reports none).</param>
/// <param name="OutputTokens">Completion tokens reported by the provider over all calls.</param>
/// <param name="Duration">Wall time spent, retries included.</param>
/// <param name="Calls">Provider calls made (cache hits make none).</param>
/// <param name="CacheHits">Answers served from the cache.</param>
public sealed record JudgeOutcome(DimensionScore Score, IReadOnlyList<double> Samples, long InputTokens, long OutputTokens, TimeSpan Duration, int Calls, int CacheHits)
{
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
