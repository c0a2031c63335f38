using Microsoft.Extensions.AI;
using ScoutElo.Scoring.Judging;

namespace ScoutElo.Scoring.AI.Tests;

/// <summary>Issue 37: the judge's confidence — its verdict probability from the endpoint's log-probabilities, else its
/// agreement over runs (samples, and both orders when pairwise) — and the runs position bias is measured on.</summary>
public sealed class JudgeConfidenceTests
{
    private static readonly ScoringInput Input = new() { Task = TaskKind.Qa, Query = "who wrote hamlet", Response = "William Shakespeare", Samples = ["Christopher Marlowe"] };

    /// <summary>The client with log-probabilities asked for and recorded (and a cache around it when given).</summary>
    private static IChatClient With(IChatClient client, IJudgeLogProbabilities logprobs, DictionaryCache? cache = null)
    {
        var builder = new ChatClientBuilder(client);
        if (cache is not null) builder.UseJudgeCache(cache);
        return builder.UseJudgeLogProbabilities(logprobs).Build();
    }

    private static TokenLogProbability T(string token, double p) => new(token, Math.Log(p));

    /// <summary>A judge that answers A in both orders (position-biased), more sure of it when the response is first.</summary>
    private static ScriptedChatClient Biased() => new((m, _, _) =>
    {
        string user = m[^1].Text;
        bool responseFirst = user.IndexOf("William Shakespeare", StringComparison.Ordinal) < user.IndexOf("Christopher Marlowe", StringComparison.Ordinal);
        return Task.FromResult(responseFirst ? "first <verdict>A</verdict>" : "second <verdict>A</verdict>");
    });

    [Fact]
    public async Task Pairwise_probabilities_come_from_the_verdict_token_in_both_orders()
    {
        var logprobs = new FakeLogProbabilities(text => text.StartsWith("first", StringComparison.Ordinal)
            ? [T("A", 0.6), T("B", 0.2), T("tie", 0.1), T("The", 0.1)] // P(A better) = (0.6 + 0.05) / 0.9
            : [T(">A", 0.5), T("B", 0.5)]);                             // swapped: P(response better) = 1 − 0.5
        var judge = new JudgeDimension(With(Biased(), logprobs), new JudgeOptions { Mode = JudgeMode.Pairwise });
        var outcome = await judge.JudgeAsync(Input);
        Assert.Equal(2, logprobs.Requested);
        double forward = 0.65 / 0.9, backward = 0.5;
        var run = Assert.Single(outcome.Runs);
        Assert.Equal(forward, run.ShownFirst, 12);
        Assert.Equal(backward, run.ShownSecond, 12);
        Assert.Equal((forward + backward) / 2, outcome.Score.Value!.Value, 12);
        Assert.Equal((forward + backward) / 2, outcome.Confidence!.Value, 12);
        Assert.Equal(JudgeConfidenceSource.LogProbabilities, outcome.ConfidenceSource);

        // Served again from the cache: the same probabilities, no call.
        var cache = new DictionaryCache();
        var first = new JudgeDimension(With(Biased(), logprobs, cache), new JudgeOptions { Mode = JudgeMode.Pairwise });
        await first.JudgeAsync(Input);
        var client = Biased();
        var again = await new JudgeDimension(With(client, logprobs, cache), new JudgeOptions { Mode = JudgeMode.Pairwise }).JudgeAsync(Input);
        Assert.Equal(0, client.Calls);
        Assert.Equal(outcome.Confidence, again.Confidence);
        Assert.Equal(JudgeConfidenceSource.LogProbabilities, again.ConfidenceSource);
    }

    [Fact]
    public async Task Without_log_probabilities_the_confidence_is_the_agreement_over_runs_and_both_orders()
    {
        var none = new FakeLogProbabilities(_ => null); // asked for, none returned: hard verdicts
        var biased = await new JudgeDimension(With(Biased(), none), new JudgeOptions { Mode = JudgeMode.Pairwise, Samples = 3 }).JudgeAsync(Input);
        Assert.Equal(3, biased.Runs.Count);
        Assert.All(biased.Runs, r => Assert.Equal((1.0, 0.0), (r.ShownFirst, r.ShownSecond))); // A both times: wins first, loses second
        Assert.Equal((0.5, JudgeConfidenceSource.Runs), (biased.Confidence!.Value, biased.ConfidenceSource));
        var bias = PositionBias.Measure([biased.Runs]);
        Assert.Equal((0.0, -1.0, 1.0), (bias.PositionConsistency.Estimate!.Value, bias.PreferenceFairness, bias.RepetitionStability!.Value));

        // A judge right in both orders on two samples of three, position-biased on the third: p = (1 + 1 + 0.5) / 3.
        var fair = new ScriptedChatClient((m, n, _) =>
        {
            string user = m[^1].Text;
            bool responseFirst = user.IndexOf("William Shakespeare", StringComparison.Ordinal) < user.IndexOf("Christopher Marlowe", StringComparison.Ordinal);
            bool sampleThree = n > 4;
            return Task.FromResult(responseFirst || sampleThree ? "<verdict>A</verdict>" : "<verdict>B</verdict>");
        });
        var mostly = await new JudgeDimension(fair, new JudgeOptions { Mode = JudgeMode.Pairwise, Samples = 3, MaxConcurrency = 1 }).JudgeAsync(Input);
        Assert.Equal(2.5 / 3, mostly.Confidence!.Value, 12);
    }

    [Fact]
    public async Task Pointwise_confidence_is_the_chosen_scores_mass_or_the_share_of_samples_that_agree()
    {
        var logprobs = new FakeLogProbabilities(_ => [T("4", 0.6), T("5", 0.3), T("x", 0.1)]);
        var judged = await new JudgeDimension(With(ScriptedChatClient.Answer("<score>4</score>"), logprobs), new JudgeOptions { }).JudgeAsync(Input);
        Assert.Equal(0.75, judged.Score.Value);
        Assert.Equal(0.6 / 0.9, judged.Confidence!.Value, 12);
        Assert.Equal(JudgeConfidenceSource.LogProbabilities, judged.ConfidenceSource);
        Assert.Empty(judged.Runs);

        int call = 0;
        var wavering = new ScriptedChatClient((_, _, _) => Task.FromResult(Interlocked.Increment(ref call) == 2 ? "<score>5</score>" : "<score>4</score>"));
        var three = await new JudgeDimension(wavering, new JudgeOptions { Samples = 3, MaxConcurrency = 1 }).JudgeAsync(Input);
        Assert.Equal((2.0 / 3, JudgeConfidenceSource.Runs), (three.Confidence!.Value, three.ConfidenceSource));
        var one = await new JudgeDimension(ScriptedChatClient.Answer("<score>4</score>"), new JudgeOptions()).JudgeAsync(Input);
        Assert.Equal(((double?)null, JudgeConfidenceSource.None), (one.Confidence, one.ConfidenceSource));
    }
}

/// <summary>Issue 38: a judge that can be left alone — identical items judged once per batch, a circuit breaker after
/// consecutive failures.</summary>
public sealed class UnattendedJudgeTests
{
    private static ScoringInput Item(int k) => new() { Task = TaskKind.Qa, Query = $"what is {k} plus {k}", Response = $"{2 * k}" };

    [Fact]
    public async Task Identical_items_in_a_batch_are_judged_once_and_share_their_outcome()
    {
        var client = ScriptedChatClient.Answer("<score>4</score>");
        var judge = new JudgeDimension(client);
        var inputs = Enumerable.Range(0, 11).Select(i => Item(i % 8)).ToList();
        var outcomes = await judge.JudgeBatchAsync(inputs);
        Assert.Equal(8, client.Calls);
        Assert.Same(outcomes[0], outcomes[8]);
        Assert.Equal(11, outcomes.Length);
        var reported = new List<JudgeOutcome>();
        await judge.JudgeBatchAsync(inputs, new Progress(reported.Add));
        Assert.Equal(8, reported.Count); // one report per distinct item
    }

    private sealed class Progress(Action<JudgeOutcome> report) : IProgress<JudgeOutcome>
    {
        public void Report(JudgeOutcome value)
        {
            lock (this) report(value);
        }
    }

    [Fact]
    public async Task After_consecutive_failures_the_judge_stops_calling_and_says_why()
    {
        var client = new ScriptedChatClient((_, _, _) => throw new HttpRequestException("connection refused"));
        var breaker = new JudgeResilienceOptions { MaxConsecutiveFailures = 3, RetryDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero };
        var judge = new JudgeDimension(new ChatClientBuilder(client).UseJudgeResilience(breaker).Build(), new JudgeOptions { MaxConcurrency = 1 });
        var outcomes = await judge.JudgeBatchAsync([.. Enumerable.Range(0, 10).Select(Item)]);
        Assert.Equal(3, client.Calls); // the first item's attempt and its two retries; then nothing more is sent
        Assert.All(outcomes, o => Assert.False(o.Score.IsApplicable));
        Assert.All(outcomes, o => Assert.Contains("stopped calling its endpoint after 3 consecutive failed calls (the last: HttpRequestException: connection refused)", o.Score.Reason, StringComparison.Ordinal));

        // A success in between resets the count.
        int call = 0;
        var flaky = new ScriptedChatClient((_, _, _) => Interlocked.Increment(ref call) % 3 == 0 ? Task.FromResult("<score>4</score>") : throw new HttpRequestException("busy"));
        var patient = new JudgeDimension(new ChatClientBuilder(flaky).UseJudgeResilience(breaker).Build(), new JudgeOptions { MaxConcurrency = 1 });
        Assert.All(await patient.JudgeBatchAsync([.. Enumerable.Range(0, 5).Select(Item)]), o => Assert.True(o.Score.IsApplicable));
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new ChatClientBuilder(flaky).UseJudgeResilience(breaker with { MaxConsecutiveFailures = 0 })).ParamName);
    }

    [Fact]
    public async Task Retries_and_timeouts_are_deterministic_on_a_fake_clock()
    {
        // The same seed, the same failures: the attempts happen at the same fake instants (jittered backoff included).
        async Task<List<TimeSpan>> Run(int seed)
        {
            var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
            var start = clock.GetUtcNow();
            var at = new List<TimeSpan>();
            var client = new ScriptedChatClient((_, _, _) =>
            {
                lock (at) at.Add(clock.GetUtcNow() - start);
                throw new HttpRequestException("busy");
            });
            var options = new JudgeResilienceOptions { MaxRetries = 4, RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(30), Seed = seed, TimeProvider = clock };
            var pending = new JudgeDimension(new ChatClientBuilder(client).UseJudgeResilience(options).Build()).JudgeAsync(Item(1));
            for (int step = 0; step < 10_000 && !pending.IsCompleted; step++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
                await Task.Yield();
                if (step % 50 == 0) await Task.Delay(1);
            }
            var outcome = await pending;
            Assert.Contains("after 5 attempt(s)", outcome.Score.Reason, StringComparison.Ordinal);
            return at;
        }
        var first = await Run(7);
        Assert.Equal(5, first.Count);
        Assert.True(first.Zip(first.Skip(1)).All(p => p.Second > p.First), string.Join(", ", first));
        Assert.Equal(first, await Run(7));
    }
}
