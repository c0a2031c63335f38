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
}
