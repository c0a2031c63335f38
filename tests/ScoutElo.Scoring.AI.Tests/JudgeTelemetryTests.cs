using OpenTelemetry;
using OpenTelemetry.Trace;

namespace ScoutElo.Scoring.AI.Tests;

/// <summary>Issue 39: each automatic evaluation is a <c>gen_ai.evaluation.result</c> event (OpenTelemetry's GenAI semantic
/// conventions), checked with OpenTelemetry's in-memory exporter; no prompt or response text reaches the telemetry.</summary>
public sealed class JudgeTelemetryTests
{
    private static readonly ScoringInput Input = new() { Task = TaskKind.Qa, Query = "who wrote hamlet", Response = "William Shakespeare", Samples = ["Christopher Marlowe"] };

    [Fact]
    public async Task Every_evaluation_is_a_gen_ai_evaluation_result_event_without_prompt_text()
    {
        var exported = new List<System.Diagnostics.Activity>();
        using (Sdk.CreateTracerProviderBuilder().AddSource(JudgeDimension.ActivitySourceName).AddInMemoryExporter(exported).Build())
        {
            await new JudgeDimension(ScriptedChatClient.Answer("<score>4</score>")).JudgeAsync(Input);
            await new JudgeDimension(ScriptedChatClient.Answer("<verdict>A</verdict>"), new JudgeOptions { Mode = JudgeMode.Pairwise }).JudgeAsync(Input);
            await new JudgeDimension(ScriptedChatClient.Answer("no idea"), new JudgeOptions { MalformedAnswerRetries = 0 }).JudgeAsync(Input);
        }
        Assert.Equal(3, exported.Count);
        var events = exported.Select(a => Assert.Single(a.Events)).ToList();
        Assert.All(events, e => Assert.Equal("gen_ai.evaluation.result", e.Name));
        Assert.All(events, e => Assert.Equal("judge", e.Tags.Single(t => t.Key == "gen_ai.evaluation.name").Value));
        Assert.Equal(0.75, events[0].Tags.Single(t => t.Key == "gen_ai.evaluation.score.value").Value);
        Assert.Equal("tie", events[1].Tags.Single(t => t.Key == "gen_ai.evaluation.score.label").Value); // A in both orders: position bias, a tie
        Assert.Equal("not_applicable", events[2].Tags.Single(t => t.Key == "error.type").Value);
        Assert.DoesNotContain(events[2].Tags, t => t.Key == "gen_ai.evaluation.score.value");
        var values = exported.SelectMany(a => a.Events.SelectMany(e => e.Tags.Select(t => t.Value?.ToString())).Concat(a.Tags.Select(t => t.Value))).ToList();
        Assert.All(values, v => Assert.DoesNotContain("hamlet", v ?? "", StringComparison.OrdinalIgnoreCase));
        Assert.All(values, v => Assert.DoesNotContain("Shakespeare", v ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_cache_hits_tokens_and_outcomes_are_metered_by_model()
    {
        string model = "meter-test-" + Guid.NewGuid().ToString("N")[..8]; // other tests judge in parallel: ours carry this model
        var seen = new List<(string Name, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == JudgeDimension.MeterName) l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) =>
        {
            var t = new Dictionary<string, object?>();
            foreach (var tag in tags) t[tag.Key] = tag.Value;
            if (Equals(t.GetValueOrDefault("gen_ai.request.model"), model)) lock (seen) seen.Add((i.Name, v, t));
        });
        listener.Start();
        var cache = new DictionaryCache();
        var client = new Microsoft.Extensions.AI.ChatClientBuilder(ScriptedChatClient.Answer("<score>4</score>")).UseJudgeCache(cache).Build();
        var options = new JudgeOptions { ModelId = model };
        await new JudgeDimension(client, options).JudgeAsync(Input); // a call
        await new JudgeDimension(client, options).JudgeAsync(Input); // the same request: a cache hit
        await new JudgeDimension(ScriptedChatClient.Answer("no idea"), options with { MalformedAnswerRetries = 0 }).JudgeAsync(Input);
        var failing = new ScriptedChatClient((_, _, _) => throw new HttpRequestException("refused"));
        await new JudgeDimension(failing, options).JudgeAsync(Input);
        listener.RecordObservableInstruments();
        long Sum(string name, Func<Dictionary<string, object?>, bool>? where = null) { lock (seen) return seen.Where(m => m.Name == name && (where?.Invoke(m.Tags) ?? true)).Sum(m => m.Value); }
        Assert.Equal(3, Sum("scoutelo.judge.calls"));
        Assert.Equal(1, Sum("scoutelo.judge.calls", t => t.ContainsKey("error.type")));
        Assert.Equal(1, Sum("scoutelo.judge.cache_hits"));
        Assert.Equal(200, Sum("scoutelo.judge.tokens", t => Equals(t["gen_ai.token.type"], "input"))); // the two answered calls, not the replay
        Assert.Equal(14, Sum("scoutelo.judge.tokens", t => Equals(t["gen_ai.token.type"], "output")));
        Assert.Equal(2, Sum("scoutelo.judge.evaluations", t => Equals(t["outcome"], "scored")));
        Assert.Equal(2, Sum("scoutelo.judge.evaluations", t => Equals(t["outcome"], "not_applicable")));
        lock (seen) Assert.All(seen.SelectMany(m => m.Tags.Values), v => Assert.DoesNotContain("hamlet", v?.ToString() ?? "", StringComparison.OrdinalIgnoreCase));
    }
}
