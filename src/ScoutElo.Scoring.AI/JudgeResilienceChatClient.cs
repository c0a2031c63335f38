using System.Globalization;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ScoutElo.Scoring.AI;

/// <summary>The judge's resilience as chat-client middleware (see <see cref="JudgeResilienceOptions"/>): a Polly pipeline of
/// retries (exponential backoff, seeded jitter) around a timeout per attempt, on the options' clock, and a breaker that counts
/// consecutive failed attempts across every request of this client. A request that still fails throws an
/// <see cref="EndpointException"/> saying what failed and after how many attempts; the caller's cancellation propagates as
/// itself and is never retried. Streaming passes through unchanged (the judge does not stream).</summary>
internal sealed class JudgeResilienceChatClient : DelegatingChatClient
{
    private readonly JudgeResilienceOptions _options;
    private readonly ResiliencePipeline _pipeline;
    private readonly Lock _jitterLock = new();
    private readonly Random _jitter;
    private int _consecutiveFailures;
    private string? _stopped; // why the breaker stopped this client, once it has

    public JudgeResilienceChatClient(IChatClient inner, JudgeResilienceOptions options)
        : base(inner)
    {
        _options = options;
        _jitter = new Random(options.Seed);
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                Randomizer = NextJitter,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && Volatile.Read(ref _stopped) is null
                    && !(e is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
            });
        }
        builder.AddTimeout(options.Timeout);
        _pipeline = builder.Build();
    }

    private double NextJitter()
    {
        lock (_jitterLock) return _jitter.NextDouble();
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages]; // sent again on every attempt
        int attempts = 0;
        try
        {
            return await _pipeline.ExecuteAsync(async ct =>
            {
                if (Volatile.Read(ref _stopped) is { } stopped) throw new EndpointException(stopped);
                attempts++;
                try
                {
                    var response = await base.GetResponseAsync(list, options, ct).ConfigureAwait(false);
                    Interlocked.Exchange(ref _consecutiveFailures, 0);
                    return response;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    if (_options.MaxConsecutiveFailures is { } limit && Interlocked.Increment(ref _consecutiveFailures) >= limit)
                        Interlocked.CompareExchange(ref _stopped, $"the judge stopped calling its endpoint after {limit} consecutive failed calls (the last: {Describe(e)})", null);
                    throw;
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (Volatile.Read(ref _stopped) is { } stopped) throw new EndpointException(stopped, e);
            throw new EndpointException($"{Describe(e)} (after {attempts} attempt(s))", e);
        }
    }

    /// <summary>One line for a failed attempt: a timeout as such, an endpoint's (already redacted) message as it is.</summary>
    private string Describe(Exception e) => e is TimeoutRejectedException or OperationCanceledException
        ? $"timeout after {_options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s"
        : EndpointException.Describe(e);
}
