namespace ScoutElo.Scoring.Judging;

/// <summary>A proportion k/n with its exact two-sided (Clopper–Pearson) confidence interval.</summary>
/// <param name="Successes">k.</param>
/// <param name="Trials">n.</param>
/// <param name="Estimate">k/n, or null when n is 0.</param>
/// <param name="Low">The lower bound (0 when n is 0).</param>
/// <param name="High">The upper bound (1 when n is 0).</param>
public sealed record ProportionInterval(int Successes, int Trials, double? Estimate, double Low, double High)
{
    /// <summary>The interval of <paramref name="successes"/> out of <paramref name="trials"/> at <paramref name="confidence"/>.</summary>
    /// <param name="successes">k, in [0, n].</param>
    /// <param name="trials">n ≥ 0.</param>
    /// <param name="confidence">The coverage of the interval, in (0, 1).</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static ProportionInterval Of(int successes, int trials, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        if (successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes), successes, "Successes must be in [0, trials].");
        if (!double.IsFinite(confidence) || confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");
        if (trials == 0) return new ProportionInterval(0, 0, null, 0, 1);
        double tail = (1 - confidence) / 2;
        return new ProportionInterval(successes, trials, (double)successes / trials,
            BinomialBounds.Lower(successes, trials, tail), BinomialBounds.Upper(successes, trials, tail));
    }
}
