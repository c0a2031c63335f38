namespace ScoutElo.Scoring.AI;

/// <summary>Options of <see cref="JudgeDimension"/>. Validated when the judge is constructed.</summary>
public sealed record JudgeOptions
{
    /// <summary>Scoring mode. <value>Default <see cref="JudgeMode.Pointwise"/>.</value></summary>
    public JudgeMode Mode { get; init; } = JudgeMode.Pointwise;

    /// <summary>Lowest rubric score. <value>Default 1 (a 1–5 scale).</value></summary>
    public int ScaleMin { get; init; } = 1;

    /// <summary>Highest rubric score. <value>Default 5; greater than <see cref="ScaleMin"/>.</value></summary>
    public int ScaleMax { get; init; } = 5;

    /// <summary>The rubric given to the judge (what "good" means for this task). <value>Default: correctness, relevance, faithfulness and clarity.</value></summary>
    public string Rubric { get; init; } = "Judge correctness, relevance to the query, faithfulness to any given context, and clarity.";

    /// <summary>Supplies the baseline answer for pairwise mode (for example a cheap reference model's answer, or a logged sample).
    /// <value>Default: the input's first alternate sample, if any.</value></summary>
    public Func<ScoringInput, CancellationToken, ValueTask<string?>> Baseline { get; init; } =
        static (input, _) => ValueTask.FromResult(input.Samples.Count > 0 ? input.Samples[0] : null);

    /// <summary>Judge samples per item (their spread can feed the <c>agreement</c> dimension). <value>Default 1; in [1, 20].</value></summary>
    public int Samples { get; init; } = 1;

    /// <summary>Timeout of one judge call. <value>Default 60 s; positive.</value></summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after a failed, timed-out or unparsable call. <value>Default 2; in [0, 10].</value></summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>First retry delay; doubles per retry, with ±50% jitter. <value>Default 250 ms; non-negative.</value></summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Cap of a retry delay. <value>Default 5 s.</value></summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Concurrent judge calls of this judge instance. <value>Default 4; at least 1.</value></summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Prompt version; part of the cache key, so changing prompts never serves stale judgments. <value>Default "scoutelo-judge-v1".</value></summary>
    public string PromptVersion { get; init; } = "scoutelo-judge-v1";

    /// <summary>Model id for the cache key and the request; the client's default model when null. <value>Default null.</value></summary>
    public string? ModelId { get; init; }

    /// <summary>The cache of raw judge answers; null disables caching. <value>Default a new <see cref="InMemoryJudgeCache"/>.</value></summary>
    public IJudgeCache? Cache { get; init; } = new InMemoryJudgeCache();

    /// <summary>Asks the endpoint for token log-probabilities and reads them, so each verdict carries the judge's own probability
    /// (pairwise: the probability mass of A, B and tie at the verdict token; pointwise: the mass of the chosen score among the
    /// scale's scores) instead of a hard 1/0/0.5. Null, or an endpoint that returns none: the verdict is hard and the confidence
    /// is the agreement over <see cref="Samples"/> runs (both orders when pairwise). <value>Default null.</value></summary>
    public IJudgeLogProbabilities? LogProbabilities { get; init; }

    /// <summary>A circuit breaker: after this many consecutive failed calls (errors, timeouts, unparsable answers; each retry
    /// counts) the judge stops calling its endpoint for the rest of its life and every later verdict is not applicable with
    /// the reason. An endpoint that never answers then costs a bounded time, not every item's full retry budget.
    /// <value>Default null: never stops; at least 1 when set.</value></summary>
    public int? MaxConsecutiveFailures { get; init; }

    /// <summary>Seed of the retry jitter. <value>Default 1.</value></summary>
    public int Seed { get; init; } = 1;

    /// <summary>Clock for timeouts and retry delays (tests pass a fake one). <value>Default <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate(string paramName)
    {
        if (!Enum.IsDefined(Mode)) throw new ArgumentOutOfRangeException(paramName, Mode, "Unknown judge mode.");
        if (ScaleMax <= ScaleMin) throw new ArgumentOutOfRangeException(paramName, ScaleMax, "ScaleMax must exceed ScaleMin.");
        if (string.IsNullOrWhiteSpace(Rubric)) throw new ArgumentException("Rubric must not be empty.", paramName);
        ArgumentNullException.ThrowIfNull(Baseline, paramName);
        if (Samples is < 1 or > 20) throw new ArgumentOutOfRangeException(paramName, Samples, "Samples must be in [1, 20].");
        if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(paramName, Timeout, "Timeout must be positive.");
        if (MaxRetries is < 0 or > 10) throw new ArgumentOutOfRangeException(paramName, MaxRetries, "MaxRetries must be in [0, 10].");
        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(paramName, RetryDelay, "Retry delays must be non-negative.");
        if (MaxConcurrency < 1) throw new ArgumentOutOfRangeException(paramName, MaxConcurrency, "MaxConcurrency must be at least 1.");
        if (MaxConsecutiveFailures is < 1) throw new ArgumentOutOfRangeException(paramName, MaxConsecutiveFailures, "MaxConsecutiveFailures must be at least 1.");
        if (string.IsNullOrWhiteSpace(PromptVersion)) throw new ArgumentException("PromptVersion must not be empty.", paramName);
        ArgumentNullException.ThrowIfNull(TimeProvider, paramName);
    }
}
