using System.Text.Json;
using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 24 (judges): the command's LLM judge against a real OpenAI-compatible server on 127.0.0.1 — every row
/// judged, a second run served from the SQLite cache with zero requests, garbage and timeouts "not applicable" with a
/// reason, retries after 429/500, the concurrency limit, and the cache verbs.</summary>
public sealed class CliJudgeTests
{
    private static string Data(int rows) => Temp("d.jsonl", string.Concat(Enumerable.Range(0, rows).Select(i =>
        $"{{\"id\":\"q{i}\",\"task\":\"qa\",\"query\":\"What is {i} plus {i}?\",\"response\":\"{2 * i}\",\"references\":[\"{2 * i}\"],\"labels\":{{\"quality\":{i % 3}}}}}\n")));

    private static List<JsonElement> Rows(string stdout) => [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    private static string[] Judge(ScriptedOpenAiServer server, string cache, params string[] extra) =>
        ["--judge-endpoint", server.BaseUrl, "--judge-model", "judge-1", "--cache", cache, .. extra];

    [Fact]
    public async Task Every_row_is_judged_and_a_second_run_makes_no_request()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        string data = Data(5), cache = Path.Combine(TempDirectory(), "cache.db");
        var first = Run(["score", "--data", data, "--out", "-", .. Judge(server, cache)]);
        Assert.True(first.Code == 0, first.Err);
        var rows = Rows(first.Out);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(0.75, r.GetProperty("dimensions").GetProperty("judge").GetDouble(), 1e-12)); // <score>4</score> on 1-5
        Assert.Equal(5, server.Requests);

        server.Reset();
        var second = Run(["score", "--data", data, "--out", "-", .. Judge(server, cache)]);
        Assert.True(second.Code == 0, second.Err);
        Assert.Equal(0, server.Requests);
        Assert.Equal(first.Out, second.Out);
        Assert.Contains("5 hit(s)", second.Err, StringComparison.Ordinal);

        var stats = Run("cache", "stats", "--cache", cache, "--json");
        Assert.Equal(5, JsonDocument.Parse(stats.Out).RootElement.GetProperty("entries").GetInt32());
        Assert.Equal(0, Run("cache", "clean", "--cache", cache).Code);
        Assert.Equal(0, JsonDocument.Parse(Run("cache", "stats", "--cache", cache, "--json").Out).RootElement.GetProperty("entries").GetInt32());

        server.Reset();
        Assert.Equal(0, Run(["score", "--data", data, "--out", "-", "--judge-endpoint", server.BaseUrl, "--judge-model", "judge-1", "--no-cache"]).Code);
        Assert.Equal(5, server.Requests); // --no-cache asks again
    }

    [Fact]
    public async Task The_judge_middleware_keys_draws_apart_without_sending_its_own_options_to_the_endpoint()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        var bodies = new System.Collections.Concurrent.ConcurrentBag<string>();
        server.Script = (_, body) => { bodies.Add(body); return (200, "<score>4</score>", TimeSpan.Zero); };
        string data = Data(2), cache = Path.Combine(TempDirectory(), "cache.db");
        var first = Run(["score", "--data", data, "--out", "-", .. Judge(server, cache, "--judge-samples", "3")]);
        Assert.True(first.Code == 0, first.Err);
        Assert.Equal(6, server.Requests); // 2 items x 3 draws, each its own request and cache entry
        Assert.DoesNotContain(bodies, b => b.Contains("scoutelo", StringComparison.OrdinalIgnoreCase));
        server.Reset();
        var second = Run(["score", "--data", data, "--out", "-", .. Judge(server, cache, "--judge-samples", "3")]);
        Assert.Equal((0, 0), (second.Code, server.Requests));
        Assert.Contains("6 hit(s)", second.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_and_timeouts_are_not_applicable_with_a_reason_never_a_zero()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        // The item about 1 + 1 gets garbage, the others a score: that row is not applicable with the reason, never a zero.
        server.Script = (_, body) => (200, body.Contains("What is 1 plus 1", StringComparison.Ordinal) ? "I think this answer is pretty good overall." : "<score>4</score>", TimeSpan.Zero);
        string data = Data(3), cache = Path.Combine(TempDirectory(), "cache.db");
        var partly = Run(["score", "--data", data, "--out", "-", .. Judge(server, cache)]);
        Assert.True(partly.Code == 0, partly.Err);
        var rows = Rows(partly.Out);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("dimensions").GetProperty("judge").ValueKind);
        Assert.Contains("unparsable", rows[1].GetProperty("notApplicable").GetProperty("judge").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, rows[0].GetProperty("dimensions").GetProperty("judge").ValueKind);
        Assert.Contains("unparsable", partly.Err, StringComparison.Ordinal);

        // A judge that judged nothing: exit 4, nothing written, the reason said.
        server.Script = (_, _) => (200, "I think this answer is pretty good overall.", TimeSpan.Zero);
        var garbage = Run(["score", "--data", Data(2), "--out", "-", .. Judge(server, Path.Combine(TempDirectory(), "c2.db"))]);
        Assert.Equal(4, garbage.Code);
        Assert.Equal("", garbage.Out);
        Assert.Contains("judge: judged 0 of 2 item(s)", garbage.Err, StringComparison.Ordinal);
        Assert.Contains("unparsable", garbage.Err, StringComparison.Ordinal);

        server.Script = (_, _) => (200, "<score>5</score>", TimeSpan.FromSeconds(5));
        var slow = Run(["score", "--data", Data(1), "--out", "-", .. Judge(server, Path.Combine(TempDirectory(), "c-slow.db"), "--judge-timeout", "0.3")]);
        Assert.Equal(4, slow.Code);
        Assert.Contains("timeout after 0.3 s", slow.Err, StringComparison.Ordinal);

        // Less than --judge-min-share judged: exit 4 as well.
        server.Script = (_, body) => (200, body.Contains("What is 1 plus 1", StringComparison.Ordinal) ? "<score>4</score>" : "no idea", TimeSpan.Zero);
        var few = Run(["score", "--data", Data(3), "--out", "-", .. Judge(server, Path.Combine(TempDirectory(), "c3.db"), "--judge-min-share", "0.5")]);
        Assert.Equal(4, few.Code);
        Assert.Contains("judged 1 of 3 item(s), below --judge-min-share 0.5", few.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_that_never_answers_trips_the_breaker_and_identical_items_are_judged_once()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.Script = (_, _) => (200, "<score>4</score>", TimeSpan.FromMinutes(10)); // accepts, never finishes
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var hung = Run(["score", "--data", Data(11), "--out", "-", .. Judge(server, Path.Combine(TempDirectory(), "c.db"), "--judge-timeout", "1")]);
        Assert.Equal(4, hung.Code);
        Assert.Contains("stopped calling its endpoint after 5 consecutive failed calls", hung.Err, StringComparison.Ordinal);
        Assert.InRange(server.Requests, 5, 5 + 4); // the breaker's 5, plus at most the calls already in flight
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");

        // 11 rows, 8 distinct items (the same query and response under other ids): 8 requests.
        server.Script = (_, _) => (200, "<score>4</score>", TimeSpan.Zero);
        server.Reset();
        string data = Temp("dup.jsonl", string.Concat(Enumerable.Range(0, 11).Select(i =>
            $"{{\"id\":\"row{i}\",\"task\":\"qa\",\"query\":\"What is {i % 8} plus {i % 8}?\",\"response\":\"{2 * (i % 8)}\"}}\n")));
        var dup = Run(["score", "--data", data, "--out", "-", "--judge-endpoint", server.BaseUrl, "--judge-model", "judge-1", "--no-cache", "--judge-rubric", "Judge only the arithmetic.", "--judge-prices", "1,2"]);
        Assert.True(dup.Code == 0, dup.Err);
        Assert.Equal(8, server.Requests);
        Assert.Contains("judge: 8 distinct item(s) of 11", dup.Err, StringComparison.Ordinal);
        Assert.Contains("judge: 8/8 item(s), 8 call(s), 0 cache hit(s), 0 failed", dup.Err, StringComparison.Ordinal); // the progress line
        Assert.Contains("tokens 160 in / 40 out, estimated cost $0.00024", dup.Err, StringComparison.Ordinal); // 8 calls × (20, 5) tokens at $1 and $2 per million
        Assert.Contains("--judge-rubric: rubric file", Run(["score", "--data", data, "--out", "-", "--judge-endpoint", server.BaseUrl, "--judge-model", "judge-1", "--judge-rubric", "@/no/such/rubric.txt"]).Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_calls_are_retried_and_concurrency_is_bounded()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.Script = (n, _) => n switch
        {
            1 => (429, "", TimeSpan.Zero),
            2 => (500, "", TimeSpan.Zero),
            _ => (200, "<score>5</score>", TimeSpan.Zero),
        };
        var retried = Run(["score", "--data", Data(1), "--out", "-", .. Judge(server, Path.Combine(TempDirectory(), "c.db"))]);
        Assert.True(retried.Code == 0, retried.Err);
        Assert.Equal(1.0, Rows(retried.Out)[0].GetProperty("dimensions").GetProperty("judge").GetDouble());
        Assert.Equal(3, server.Requests);

        server.Reset();
        server.Script = (_, _) => (200, "<score>3</score>", TimeSpan.FromMilliseconds(150));
        var bounded = Run(["score", "--data", Data(8), "--out", "-", .. Judge(server, Path.Combine(TempDirectory(), "c.db"), "--judge-concurrency", "2")]);
        Assert.True(bounded.Code == 0, bounded.Err);
        Assert.Equal(8, server.Requests);
        Assert.InRange(server.MaxInFlight, 1, 2);
    }

    [Fact]
    public async Task Evaluate_and_calibrate_see_the_judge_as_an_evaluator()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.Script = (_, body) => (200, body.Contains("plus 1?", StringComparison.Ordinal) || body.Contains("plus 4?", StringComparison.Ordinal) ? "<score>2</score>" : "<score>4</score>", TimeSpan.Zero);
        string data = Data(12), cache = Path.Combine(TempDirectory(), "cache.db"), profile = Path.Combine(TempDirectory(), "p.json");
        var cal = Run(["calibrate", "--data", data, "--label", "quality", "--out", profile, .. Judge(server, cache)]);
        Assert.True(cal.Code == 0, cal.Err);
        var ev = Run(["evaluate", "--data", data, "--label", "quality", "--profile", profile, "--json", .. Judge(server, cache)]);
        Assert.True(ev.Code == 0, ev.Err);
        Assert.True(JsonDocument.Parse(ev.Out).RootElement.GetProperty("judgments").TryGetProperty("judge", out _));
    }

    [Fact]
    public async Task A_killed_run_leaves_a_consistent_cache_that_the_next_run_completes()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        // Slow answers, one at a time: the run is killed after a few have been cached.
        server.Script = (_, _) => (200, "<score>4</score>", TimeSpan.FromMilliseconds(300));
        string data = Data(30), cache = Path.Combine(TempDirectory(), "cache.db");
        using (var p = System.Diagnostics.Process.Start(StartInfo(["score", "--data", data, "--out", Path.Combine(TempDirectory(), "s.jsonl"), .. Judge(server, cache, "--judge-concurrency", "1")]))!)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (server.Requests < 4 && DateTime.UtcNow < deadline) await Task.Delay(50);
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        var stats = Run("cache", "stats", "--cache", cache, "--json");
        Assert.True(stats.Code == 0, stats.Err);
        int kept = JsonDocument.Parse(stats.Out).RootElement.GetProperty("entries").GetInt32();
        Assert.InRange(kept, 1, 29);
        server.Reset();
        server.Script = (_, _) => (200, "<score>4</score>", TimeSpan.Zero);
        var rerun = Run(["score", "--data", data, "--out", "-", .. Judge(server, cache)]);
        Assert.True(rerun.Code == 0, rerun.Err);
        Assert.Equal(30 - kept, server.Requests); // what the killed run stored is served from the cache
        Assert.All(Rows(rerun.Out), r => Assert.Equal(0.75, r.GetProperty("dimensions").GetProperty("judge").GetDouble(), 1e-12));
    }

    [Fact]
    public async Task The_embedder_adds_an_embedding_dimension_cached_like_the_judge()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        string data = Temp("e.jsonl", "{\"id\":\"same\",\"query\":\"q\",\"response\":\"Paris\",\"references\":[\"paris\"]}\n{\"id\":\"apart\",\"query\":\"q\",\"response\":\"xyz\",\"references\":[\"abc\"]}\n");
        string cache = Path.Combine(TempDirectory(), "cache.db");
        string[] args = ["score", "--data", data, "--out", "-", "--embedder", server.BaseUrl, "--embedder-model", "emb-1", "--cache", cache];
        var first = Run(args);
        Assert.True(first.Code == 0, first.Err);
        var rows = Rows(first.Out);
        Assert.Equal(1.0, rows[0].GetProperty("dimensions").GetProperty("embedding").GetDouble(), 1e-6);
        Assert.Equal(0.0, rows[1].GetProperty("dimensions").GetProperty("embedding").GetDouble(), 1e-6);
        Assert.Equal(JsonValueKind.Number, rows[0].GetProperty("dimensions").GetProperty("semantic").ValueKind); // beside, not instead
        Assert.True(server.EmbeddingRequests > 0);
        server.Reset();
        var second = Run(args);
        Assert.Equal(first.Out, second.Out);
        Assert.Equal(0, server.EmbeddingRequests);
        var offline = Run("score", "--data", data, "--out", "-", "--embedder", "minilm");
        Assert.True(offline.Code == 0, offline.Err);
        var local = Rows(offline.Out);
        Assert.True(local[0].GetProperty("dimensions").GetProperty("embedding").GetDouble() > local[1].GetProperty("dimensions").GetProperty("embedding").GetDouble());
        Assert.Equal(1, Run("score", "--data", data, "--out", "-", "--embedder", "minilm", "--embedder-model", "x").Code);
    }

    [Fact]
    public void Calibration_audits_the_embedding_and_a_profile_that_weighs_it_asks_for_it()
    {
        string dir = TempDirectory();
        Assert.Equal(0, Run("init", "--dir", dir).Code);
        string outputs = Path.Combine(dir, "outputs.jsonl"), profile = Path.Combine(dir, "p.json");
        var cal = Run("calibrate", "--data", outputs, "--label", "quality", "--out", profile, "--embedder", "minilm", "--json");
        Assert.True(cal.Code == 0, cal.Err);
        Assert.Contains("\"embedding\"", cal.Out, StringComparison.Ordinal); // audited beside the built-ins
        var ev = Run("evaluate", "--data", outputs, "--label", "quality", "--profile", profile, "--embedder", "minilm", "--json");
        Assert.True(ev.Code == 0, ev.Err);
        Assert.True(JsonDocument.Parse(ev.Out).RootElement.GetProperty("dimensions").GetProperty("embedding").GetProperty("n").GetInt32() > 0);

        // With every built-in excluded the embedding is the only candidate, so the profile weighs it, and applying that
        // profile without --embedder is refused naming the flag.
        string only = Path.Combine(dir, "only.json");
        string[] excluded = [.. Scoring.Dimensions.BuiltInDimensions.Create().SelectMany(d => new[] { "--exclude", d.Name })];
        var onlyCal = Run(["calibrate", "--data", outputs, "--label", "quality", "--out", only, "--embedder", "minilm", .. excluded]);
        Assert.True(onlyCal.Code == 0, onlyCal.Err);
        var without = Run("evaluate", "--data", outputs, "--label", "quality", "--profile", only);
        Assert.Equal(1, without.Code);
        Assert.Contains("--embedder", without.Err, StringComparison.Ordinal);
        Assert.Equal(0, Run("evaluate", "--data", outputs, "--label", "quality", "--profile", only, "--embedder", "minilm").Code);
    }

    [Fact]
    public async Task Pairwise_judging_asks_the_baseline_model_and_both_orders()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        int baselineCalls = 0;
        server.Script = (_, body) =>
        {
            if (!body.Contains("<verdict>", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref baselineCalls);
                Assert.Contains("\"model\":\"base-1\"", body, StringComparison.Ordinal);
                return (200, "I am not sure.", TimeSpan.Zero); // the "average LLM" answer
            }
            // The judge prefers whichever response is shown first: the two orders disagree, so the verdict is a tie.
            return (200, "Response A is better.\n<verdict>A</verdict>", TimeSpan.Zero);
        };
        var run = Run(["score", "--data", Data(2), "--out", "-", "--judge", server.BaseUrl, "--judge-model", "judge-1", "--judge-mode", "pairwise", "--judge-baseline-model", "base-1", "--no-cache"]);
        Assert.True(run.Code == 0, run.Err);
        Assert.All(Rows(run.Out), r => Assert.Equal(0.5, r.GetProperty("dimensions").GetProperty("judge").GetDouble()));
        Assert.Equal(2, baselineCalls);
        Assert.Equal(2 + (2 * 2), server.Requests); // a baseline answer and two orders per row
        Assert.Equal(1, Run(["score", "--data", Data(1), "--out", "-", "--judge", server.BaseUrl, "--judge-model", "judge-1", "--judge-mode", "pairwise"]).Code);
    }

    [Theory]
    [InlineData("--judge-model", "m", "--judge-endpoint")]
    [InlineData("--judge-endpoint", "ftp://x", "--judge-endpoint")]
    [InlineData("--judge-key-env", "SCOUTELO_TEST_UNSET_KEY", "--judge-key-env")]
    public void Bad_judge_flags_are_one_sentence_naming_the_flag(string flag, string value, string named)
    {
        string[] args = flag == "--judge-model" ? ["score", "--data", Data(1), "--out", "-", flag, value]
            : flag == "--judge-key-env" ? ["score", "--data", Data(1), "--out", "-", "--judge-endpoint", "http://127.0.0.1:9/v1", "--judge-model", "m", flag, value]
            : ["score", "--data", Data(1), "--out", "-", flag, value, "--judge-model", "m"];
        var (code, _, err) = Run(args);
        Assert.Equal(1, code);
        Assert.Contains(named, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_first_call_a_judge_the_profile_will_not_weigh_is_named_and_judge_weight_forces_it()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.Script = (_, _) => (200, "<score>5</score>", TimeSpan.Zero);
        string data = Data(3);
        var plain = Run(["score", "--data", data, "--out", "-", .. Judge(server, Path.Combine(TempDirectory(), "c.db"))]);
        Assert.True(plain.Code == 0, plain.Err);
        int warning = plain.Err.IndexOf("warning [judge-no-weight]", StringComparison.Ordinal);
        Assert.True(warning >= 0 && warning < plain.Err.IndexOf("judging 3 input(s)", StringComparison.Ordinal), plain.Err); // said before paying
        Assert.Contains("3 item(s) are too few for label-free adaptation to weigh it (it needs 20)", plain.Err, StringComparison.Ordinal);

        var forced = Run(["score", "--data", data, "--out", "-", .. Judge(server, Path.Combine(TempDirectory(), "c.db"), "--judge-weight", "0.5")]);
        Assert.True(forced.Code == 0, forced.Err);
        Assert.DoesNotContain("judge-no-weight", forced.Err, StringComparison.Ordinal);
        var before = Rows(plain.Out).Select(x => x.GetProperty("composite").GetDouble()).ToList();
        var after = Rows(forced.Out).Select(x => x.GetProperty("composite").GetDouble()).ToList();
        for (int k = 0; k < before.Count; k++) Assert.Equal((0.5 * before[k]) + 0.5, after[k], 9); // the judge's 1.0 takes half the weight
        Assert.Contains("--judge-weight: must be a share between 0 and 1", Run(["score", "--data", data, "--out", "-", .. Judge(server, Path.Combine(TempDirectory(), "c.db"), "--judge-weight", "1")]).Err, StringComparison.Ordinal);
    }
}
