namespace ScoutElo.Scoring.AI;

/// <summary>How <see cref="JudgeChatClientBuilderExtensions.UseJudgeResilience"/> calls an endpoint: a timeout per attempt,
/// retries with exponential backoff and seeded jitter (Polly), and a breaker that stops calling after a run of failed
/// attempts. Every delay and timeout runs on <see cref="TimeProvider"/>, so a fake clock makes it deterministic.</summary>
public sealed record JudgeResilienceOptions
{
    /// <summary>Timeout of one attempt. Default 60 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after a failed attempt (an exception or a timeout; never after the caller canceled). Default 2.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Base delay before the first retry; it doubles per retry, with jitter. Default 250 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Cap on any retry delay. Default 5 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After this many consecutive failed attempts (retries count; a success resets the count) the client stops
    /// calling its endpoint for the rest of its life and fails every request at once with an <see cref="EndpointException"/>
    /// that says why, so an endpoint that accepts requests and never answers costs about
    /// <see cref="Timeout"/> × this ÷ the caller's concurrency, not every request's retries. Null (the default) never stops.</summary>
    public int? MaxConsecutiveFailures { get; init; }

    /// <summary>Seed of the retry jitter. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The clock of timeouts and retry delays (a fake one in tests). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate(string paramName)
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromDays(1)) throw new ArgumentOutOfRangeException(paramName, Timeout, "Timeout must be positive and at most a day.");
        if (MaxRetries is < 0 or > 10) throw new ArgumentOutOfRangeException(paramName, MaxRetries, "MaxRetries must be in [0, 10].");
        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromDays(1) || MaxRetryDelay > TimeSpan.FromDays(1))
            throw new ArgumentOutOfRangeException(paramName, RetryDelay, "Retry delays must be non-negative and at most a day.");
        if (MaxConsecutiveFailures is < 1) throw new ArgumentOutOfRangeException(paramName, MaxConsecutiveFailures, "MaxConsecutiveFailures must be at least 1.");
        ArgumentNullException.ThrowIfNull(TimeProvider, paramName);
    }
}
