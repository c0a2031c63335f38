using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.AI;

/// <summary>The <c>judge</c> dimension: an LLM-as-a-judge health check through any <see cref="IChatClient"/>.</summary>
/// <remarks>
/// <para><b>Pointwise</b>: the judge reads the rubric and the delimited query/response and must end with exactly one
/// <c>&lt;score&gt;N&lt;/score&gt;</c> tag with an integer N on the configured scale; the score is <c>(N − min)/(max − min)</c>.
/// <b>Pairwise</b>: the response and a baseline ("average LLM") answer are compared twice, in both orders, each answer ending
/// with exactly one <c>&lt;verdict&gt;A|B|tie&lt;/verdict&gt;</c>; the response scores 1 (better), 0.5 (tie) or 0 (worse) when the two orders
/// agree, and 0.5 when they disagree — which cancels position bias.</para>
/// <para><b>Prompt injection</b>: the query, context, response and baseline are sent between per-item markers that the text
/// cannot contain (marker sequences and the answer tags are neutralized inside the data), with an instruction to treat them as
/// data; and the parser accepts only an answer holding exactly one well-formed tag, so an echoed "&lt;score&gt;10&lt;/score&gt;" can
/// never be mistaken for the verdict.</para>
/// <para><b>Composition</b>: the judge builds prompts and parses answers only. Caching, retries, timeouts, the breaker and
/// log-probabilities are middleware composed around the endpoint's client with <see cref="ChatClientBuilder"/>
/// (<see cref="JudgeChatClientBuilderExtensions"/>), as Microsoft.Extensions.AI composes any client. A request that fails
/// anyway, or answers that never parse (refusal, garbage, out of scale; asked again
/// <see cref="JudgeOptions.MalformedAnswerRetries"/> times), make the result "not applicable" with a diagnostic, never 0 and
/// never NaN. Caller cancellation is honored (an <see cref="OperationCanceledException"/> propagates). Requests are bounded by
/// <see cref="JudgeOptions.MaxConcurrency"/> per instance. Token usage, calls, cache hits and duration are reported per verdict
/// by <see cref="JudgeAsync"/>.</para>
/// <para>Thread-safe; one instance can serve concurrent calls.</para>
/// </remarks>
public sealed partial class JudgeDimension : IAsyncQualityDimension, IDisposable
{
    /// <summary>The default dimension name, <c>judge</c>.</summary>
    public const string DimensionName = "judge";

    private readonly IChatClient _client;

    private readonly JudgeOptions _options;

    private readonly SemaphoreSlim _gate;

    private readonly string _model;

    /// <summary>Creates a judge.</summary>
    /// <param name="client">The chat client (any provider).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="name">Dimension name; <c>judge</c> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    public JudgeDimension(IChatClient client, JudgeOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new JudgeOptions();
        _options.Validate(nameof(options));
        _gate = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        _model = _options.ModelId ?? client.GetService<ChatClientMetadata>()?.DefaultModelId ?? "default";
        Name = string.IsNullOrEmpty(name) ? DimensionName : name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The options.</summary>
    public JudgeOptions Options => _options;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async ValueTask<DimensionScore> ScoreAsync(ScoringInput input, CancellationToken cancellationToken = default) =>
        (await JudgeAsync(input, cancellationToken).ConfigureAwait(false)).Score;

    /// <summary>Judges one input and reports samples, token usage, duration, calls and cache hits.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Cancels the judging.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    /// <remarks>Each call is an activity of <see cref="ActivitySourceName"/> ("evaluate judge") carrying one
    /// <c>gen_ai.evaluation.result</c> event (OpenTelemetry's GenAI semantic conventions): <c>gen_ai.evaluation.name</c>,
    /// <c>gen_ai.evaluation.score.value</c> when the judge judged, <c>gen_ai.evaluation.score.label</c> for a pairwise verdict
    /// (better, tie or worse than the baseline), <c>gen_ai.evaluation.explanation</c> (the score's reason, never the prompt or
    /// response text) and <c>error.type</c> <c>not_applicable</c> when it could not judge.</remarks>
    public async Task<JudgeOutcome> JudgeAsync(ScoringInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var activity = Telemetry.StartActivity("evaluate " + Name, System.Diagnostics.ActivityKind.Internal);
        var outcome = await JudgeCoreAsync(input, cancellationToken).ConfigureAwait(false);
        if (activity is not null) Record(activity, outcome);
        Evaluations.Add(1, ModelTag, new("outcome", outcome.Score.Value is null ? "not_applicable" : "scored"));
        return outcome;
    }

    /// <summary>The name of the judge's <see cref="System.Diagnostics.ActivitySource"/> (add it to a tracer to see its evaluations).</summary>
    public const string ActivitySourceName = "ScoutElo.Scoring.AI";

    private static readonly System.Diagnostics.ActivitySource Telemetry = new(ActivitySourceName);

    /// <summary>The name of the judge's <see cref="System.Diagnostics.Metrics.Meter"/> (the same as the activity source's):
    /// <c>scoutelo.judge.calls</c> (requests that reached the endpoint; <c>error.type</c> on a failed one),
    /// <c>scoutelo.judge.cache_hits</c> (answers replayed from the cache), <c>scoutelo.judge.tokens</c> (tagged
    /// <c>gen_ai.token.type</c> input or output, as the endpoint reported them) and <c>scoutelo.judge.evaluations</c> (tagged
    /// <c>outcome</c> scored or not_applicable); every measurement carries <c>gen_ai.request.model</c>. No prompt or response text.</summary>
    public const string MeterName = ActivitySourceName;

    private static readonly System.Diagnostics.Metrics.Meter Meter = new(MeterName, "1.0");
    private static readonly System.Diagnostics.Metrics.Counter<long> CallsMade = Meter.CreateCounter<long>("scoutelo.judge.calls", "{call}", "Requests the judge sent to its endpoint (cache hits make none).");
    private static readonly System.Diagnostics.Metrics.Counter<long> CacheHitsMade = Meter.CreateCounter<long>("scoutelo.judge.cache_hits", "{answer}", "Answers replayed from the judge's cache.");
    private static readonly System.Diagnostics.Metrics.Counter<long> TokensUsed = Meter.CreateCounter<long>("scoutelo.judge.tokens", "{token}", "Tokens the endpoint reported, by gen_ai.token.type.");
    private static readonly System.Diagnostics.Metrics.Counter<long> Evaluations = Meter.CreateCounter<long>("scoutelo.judge.evaluations", "{evaluation}", "Evaluations finished, by outcome: scored or not_applicable.");

    private KeyValuePair<string, object?> ModelTag => new("gen_ai.request.model", _model);

    private void Record(System.Diagnostics.Activity activity, JudgeOutcome outcome)
    {
        activity.SetTag("gen_ai.request.model", _model);
        var tags = new System.Diagnostics.ActivityTagsCollection { ["gen_ai.evaluation.name"] = Name, ["gen_ai.evaluation.explanation"] = outcome.Score.Reason };
        if (outcome.Score.Value is { } v)
        {
            tags["gen_ai.evaluation.score.value"] = v;
            if (_options.Mode == JudgeMode.Pairwise) tags["gen_ai.evaluation.score.label"] = v > 0.5 ? "better" : v < 0.5 ? "worse" : "tie";
        }
        else
        {
            tags["error.type"] = "not_applicable";
            activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error, outcome.Score.Reason);
        }
        activity.AddEvent(new System.Diagnostics.ActivityEvent("gen_ai.evaluation.result", tags: tags));
    }

    private async Task<JudgeOutcome> JudgeCoreAsync(ScoringInput input, CancellationToken cancellationToken)
    {
        long start = _options.TimeProvider.GetTimestamp();
        var tally = new Tally();
        var samples = new List<double>();
        var runs = new List<Judging.SwappedVerdict>();
        var masses = new List<double>(); // pointwise: each sample's chosen-score mass, when log-probabilities came back
        var raw = new List<double>();    // pointwise: each sample's rubric score
        bool allProbable = true;
        string diagnostic = "";
        if (_options.Mode == JudgeMode.Pointwise)
        {
            for (int s = 0; s < _options.Samples; s++)
            {
                var (value, why, mass) = await AskAsync(PointwisePrompt(input), s, ParseScore, tally, cancellationToken).ConfigureAwait(false);
                if (value is not { } v)
                {
                    diagnostic = why;
                    continue;
                }
                raw.Add(v);
                samples.Add((v - _options.ScaleMin) / (_options.ScaleMax - _options.ScaleMin));
                if (mass is { } m) masses.Add(m);
                else allProbable = false;
            }
        }
        else
        {
            string? baseline;
            try
            {
                baseline = await _options.Baseline(input, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The "average LLM" being down is an outage, not a verdict: not applicable with a diagnostic, like a failed judge call.
                return new JudgeOutcome(DimensionScore.NotApplicable($"baseline answer failed: {EndpointException.Describe(e)}"), [], 0, 0, _options.TimeProvider.GetElapsedTime(start), 0, 0);
            }
            if (string.IsNullOrWhiteSpace(baseline))
                return new JudgeOutcome(DimensionScore.NotApplicable("no baseline answer for pairwise judging"), [], 0, 0, TimeSpan.Zero, 0, 0);
            for (int s = 0; s < _options.Samples; s++)
            {
                var (first, why1, p1) = await AskAsync(PairwisePrompt(input, input.Response, baseline), s, ParseVerdict, tally, cancellationToken).ConfigureAwait(false);
                var (second, why2, p2) = await AskAsync(PairwisePrompt(input, baseline, input.Response), s, ParseVerdict, tally, cancellationToken).ConfigureAwait(false);
                if (first is null || second is null)
                {
                    diagnostic = first is null ? why1 : why2;
                    continue;
                }
                if (p1 is { } a && p2 is { } b)
                {
                    // The endpoint's own probabilities: P(response better) in each order, averaged over the orders.
                    runs.Add(new Judging.SwappedVerdict(a, 1 - b));
                    samples.Add((a + (1 - b)) / 2);
                }
                else
                {
                    allProbable = false;
                    double forward = first.Value;          // 1 = response (A) better
                    double backward = 1 - second.Value;     // in the swapped order the response is B
                    runs.Add(new Judging.SwappedVerdict(forward, backward));
                    samples.Add(forward == backward ? forward : 0.5);
                }
            }
        }
        var elapsed = _options.TimeProvider.GetElapsedTime(start);
        var score = samples.Count == 0
            ? DimensionScore.NotApplicable($"judge failed: {diagnostic}")
            : DimensionScore.Of(Math.Clamp(samples.Average(), 0, 1), $"{_model}, {samples.Count} sample(s)");
        var (confidence, source) = Confidence(samples, raw, masses, allProbable);
        return new JudgeOutcome(score, samples, tally.InputTokens, tally.OutputTokens, elapsed, tally.Calls, tally.CacheHits)
        {
            Runs = runs,
            Confidence = confidence,
            ConfidenceSource = source,
        };
    }

    /// <summary>Judges many inputs concurrently (bounded by <see cref="JudgeOptions.MaxConcurrency"/>), results in input order.
    /// Identical inputs (same task, query, context, response, references and alternate samples) are judged once and share the
    /// outcome, so a batch never pays twice for one item.</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>One outcome per input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or an element is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public Task<JudgeOutcome[]> JudgeBatchAsync(IReadOnlyList<ScoringInput> inputs, CancellationToken cancellationToken = default) =>
        JudgeBatchAsync(inputs, null, cancellationToken);

    /// <summary>Judges many inputs as <see cref="JudgeBatchAsync(IReadOnlyList{ScoringInput}, CancellationToken)"/> does,
    /// reporting each distinct item's outcome as it completes (for a progress line).</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="progress">Told each distinct item's outcome when it is judged; null for none.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>One outcome per input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or an element is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<JudgeOutcome[]> JudgeBatchAsync(IReadOnlyList<ScoringInput> inputs, IProgress<JudgeOutcome>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is null) throw new ArgumentNullException(nameof(inputs), $"Input {i} is null.");
        }
        var distinct = new Dictionary<string, Task<JudgeOutcome>>(StringComparer.Ordinal);
        var tasks = new Task<JudgeOutcome>[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            string key = Identity(inputs[i]);
            if (!distinct.TryGetValue(key, out var task)) distinct[key] = task = Report(JudgeAsync(inputs[i], cancellationToken));
            tasks[i] = task;
        }
        return await Task.WhenAll(tasks).ConfigureAwait(false);

        async Task<JudgeOutcome> Report(Task<JudgeOutcome> judging)
        {
            var outcome = await judging.ConfigureAwait(false);
            progress?.Report(outcome);
            return outcome;
        }
    }

    /// <summary>How many distinct items a batch holds, as <see cref="JudgeBatchAsync(IReadOnlyList{ScoringInput}, CancellationToken)"/>
    /// counts them (identical inputs are one item, judged once): the number of outcomes its progress reports.</summary>
    /// <param name="inputs">The inputs.</param>
    /// <returns>The number of distinct items.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or an element is null.</exception>
    public static int DistinctItems(IReadOnlyList<ScoringInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.Select(i => Identity(i ?? throw new ArgumentNullException(nameof(inputs), "An input is null."))).Distinct(StringComparer.Ordinal).Count();
    }

    /// <summary>What makes two inputs the same item for the judge (everything its prompts and baseline can read).</summary>
    private static string Identity(ScoringInput input)
    {
        var sb = new StringBuilder();
        foreach (var part in (IEnumerable<string>)[input.Task.ToString(), input.Query, input.Context ?? "", input.Response, .. input.References, "\u001d", .. input.Samples])
            sb.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('\u001f');
        return sb.ToString();
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private sealed class Tally
    {
        public long InputTokens;
        public long OutputTokens;
        public int Calls;
        public int CacheHits;
    }

    /// <summary>One judge request (or a cached answer, when a cache is composed into the client): the parsed value, why it
    /// failed, and the verdict's probability from the endpoint's log-probabilities when they were recorded (pairwise: P(A is
    /// better); pointwise: the chosen score's mass). Transport failures were retried by the client's own middleware
    /// (<see cref="JudgeChatClientBuilderExtensions.UseJudgeResilience"/>); an answer that does not parse is asked again
    /// <see cref="JudgeOptions.MalformedAnswerRetries"/> times, each a distinct request (and cache entry).</summary>
    private async Task<(double? Value, string Why, double? Probability)> AskAsync(List<ChatMessage> messages, int sample, Func<string, (double?, string)> parse, Tally tally, CancellationToken ct)
    {
        string why = "";
        int answers = 0;
        for (int ask = 0; ask <= _options.MalformedAnswerRetries; ask++)
        {
            // The prompt version, the draw and the re-ask are part of the request's options (not sent to the endpoint), so a
            // cache keyed by the options keeps distinct draws apart and never serves a judgment of other prompts.
            var chatOptions = new ChatOptions
            {
                Temperature = _options.Samples > 1 ? 0.7f : 0f,
                ModelId = _options.ModelId,
                AdditionalProperties = new() { ["scoutelo.prompt"] = _options.PromptVersion, ["scoutelo.sample"] = sample, ["scoutelo.ask"] = ask },
            };
            ChatResponse response;
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                response = await _client.GetResponseAsync(messages, chatOptions, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Recorded in the diagnostic of the verdict (never swallowed silently); not asked again: the client's
                // middleware already retried what was worth retrying.
                Interlocked.Increment(ref tally.Calls);
                CallsMade.Add(1, ModelTag, new("error.type", e.GetType().FullName));
                return (null, Describe(e), null);
            }
            finally
            {
                _gate.Release();
            }
            answers++;
            if (JudgeCachingChatClient.IsHit(response))
            {
                Interlocked.Increment(ref tally.CacheHits);
                CacheHitsMade.Add(1, ModelTag);
            }
            else
            {
                Interlocked.Increment(ref tally.Calls);
                CallsMade.Add(1, ModelTag);
                if (response.Usage is { } usage)
                {
                    Interlocked.Add(ref tally.InputTokens, usage.InputTokenCount ?? 0);
                    Interlocked.Add(ref tally.OutputTokens, usage.OutputTokenCount ?? 0);
                    if (usage.InputTokenCount is > 0) TokensUsed.Add(usage.InputTokenCount.Value, ModelTag, new("gen_ai.token.type", "input"));
                    if (usage.OutputTokenCount is > 0) TokensUsed.Add(usage.OutputTokenCount.Value, ModelTag, new("gen_ai.token.type", "output"));
                }
            }
            var (value, reason) = parse(response.Text ?? "");
            if (value is not null)
            {
                double? probability = LogProbabilityChatClient.Tokens(response) is { } tokens ? Probability(tokens, value.Value) : null;
                return (value, "", probability);
            }
            why = reason;
        }
        return (null, $"{why} (after {answers} answer(s))", null);
    }

    /// <summary>A failed request in one line: a timeout as such, an endpoint's (already redacted) message as it is.</summary>
    private static string Describe(Exception e) =>
        e is OperationCanceledException ? "timeout (the request was canceled by its client)" : EndpointException.Describe(e);
}
