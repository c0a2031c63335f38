using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;

namespace ScoutElo.Scoring.AI;

/// <summary>The judge's middleware for <see cref="ChatClientBuilder"/>: the judge itself only builds prompts and parses
/// answers; caching, retries, timeouts, the breaker and log-probabilities are composed around the endpoint's client the way
/// Microsoft.Extensions.AI composes any client. The usual order (the first added is the outermost):
/// <c>new ChatClientBuilder(endpoint).UseJudgeCache(cache).UseJudgeResilience(options).UseJudgeLogProbabilities(reader).Build()</c>,
/// so a cached answer costs no call, retries never reach the cache, and the probabilities an answer came with are cached with it.</summary>
public static class JudgeChatClientBuilderExtensions
{
    /// <summary>Adds a timeout per attempt, retries with backoff and seeded jitter (Polly) and a consecutive-failure breaker.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options; defaults when null.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    public static ChatClientBuilder UseJudgeResilience(this ChatClientBuilder builder, JudgeResilienceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var o = options ?? new JudgeResilienceOptions();
        o.Validate(nameof(options));
        return builder.Use(inner => new JudgeResilienceChatClient(inner, o));
    }

    /// <summary>Adds Microsoft.Extensions.AI's distributed caching client over <paramref name="cache"/>: an answer is keyed by
    /// the exact messages and options (model, temperature, the judge's sample index), so a second identical run makes no
    /// request; the judge reports replayed answers as cache hits, not calls.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="cache">Where answers are kept (any <see cref="IDistributedCache"/>: memory, SQLite, Redis…).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="cache"/> is null.</exception>
    public static ChatClientBuilder UseJudgeCache(this ChatClientBuilder builder, IDistributedCache cache)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cache);
        return builder.Use(inner => new JudgeCachingChatClient(inner, cache));
    }

    /// <summary>Asks for token log-probabilities through <paramref name="reader"/> and records what comes back, for the
    /// judge's confidence (<see cref="JudgeOutcome.Confidence"/>); add it inside the cache so cached answers keep them.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="reader">Requests and reads a provider's log-probabilities.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="reader"/> is null.</exception>
    public static ChatClientBuilder UseJudgeLogProbabilities(this ChatClientBuilder builder, IJudgeLogProbabilities reader)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(reader);
        return builder.Use(inner => new LogProbabilityChatClient(inner, reader));
    }
}
