using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using OpenTelemetry.Trace;
using ScoutElo.Cli.Commands.Serve;
using ScoutElo.Scoring.Storage.PostgreSql;
using ScoutElo.Scoring.Tests;
using static ScoutElo.Cli.Tests.CliBadInputTests;
using static ScoutElo.Cli.Tests.ServeTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 39: the service over PostgreSQL (state and journal in the database, nothing on a local disk), its periods
/// and rating histories, and its traces.</summary>
public sealed class ServeStoreTests
{
    /// <summary>A test that needs PostgreSQL's binaries; skipped, saying so, where they are missing.</summary>
    private sealed class PostgresFactAttribute : FactAttribute
    {
        public PostgresFactAttribute() => Skip = ThrowawayPostgres.SkipReason;
    }

    [PostgresFact]
    public async Task A_service_on_postgresql_ends_with_the_rewards_of_settle_loses_nothing_on_restart_and_owns_its_network()
    {
        var (traffic, expected) = Simulated.Value;
        var (keys, key) = NewKeys();
        using var pg = new ThrowawayPostgres();
        string db = pg.CreateDatabase();
        var chunks = ShuffledChunks(traffic, 37);
        var settings = new ServeSettings("http://127.0.0.1:0", false, 1 << 20, 0);
        await using (var first = await TestServer.StartAsync(new PostgreSqlNetworkStateStore(db, "main"), new PostgresRoundJournal(db, "main"), keys, settings))
        {
            Assert.All(await PostConcurrently(first.Client, chunks.Take(chunks.Count / 2), key), c => Assert.Equal(HttpStatusCode.Accepted, c));
            Assert.True(first.Held > 0);
            // A second service on the same network is refused while the first runs; another network in the database is its own.
            var taken = Assert.Throws<InvalidOperationException>(() => new PostgresRoundJournal(db, "main"));
            Assert.Contains("'main'", taken.Message, StringComparison.Ordinal);
            new PostgresRoundJournal(db, "other").Dispose();
        } // stopped without a flush: what was acknowledged is only in the database
        await using var second = await TestServer.StartAsync(new PostgreSqlNetworkStateStore(db, "main"), new PostgresRoundJournal(db, "main"), keys, settings);
        Assert.True(second.Held > 0);
        Assert.All(await PostConcurrently(second.Client, chunks, key), c => Assert.Equal(HttpStatusCode.Accepted, c));
        using var flush = await second.Client.SendAsync(Post("/v1/flush", "", key));
        Assert.Equal(HttpStatusCode.OK, flush.StatusCode);
        Assert.Equal(expected, Rewards(await flush.Content.ReadAsStringAsync()));
        await CheckPeriodsAndHistories(second.Client, expected);
    }

    [Fact]
    public async Task Periods_and_rating_histories_add_up_to_the_standings_on_sqlite()
    {
        var (traffic, expected) = Simulated.Value;
        var (keys, key) = NewKeys();
        await using var server = await TestServer.StartAsync(Path.Combine(TempDirectory(), "s.db"), keys);
        Assert.All(await PostConcurrently(server.Client, ShuffledChunks(traffic, 37), key), c => Assert.Equal(HttpStatusCode.Accepted, c));
        using (var flush = await server.Client.SendAsync(Post("/v1/flush", "", key))) Assert.Equal(HttpStatusCode.OK, flush.StatusCode);
        await CheckPeriodsAndHistories(server.Client, expected);
    }

    /// <summary>Every period pays exactly its rounds' budgets; the periods' payouts add up to each node's reward; each node's
    /// history ends at its leaderboard row; bad period numbers are 400/404 naming the period.</summary>
    private static async Task CheckPeriodsAndHistories(HttpClient client, Dictionary<string, string> expected)
    {
        var board = JsonDocument.Parse(await client.GetStringAsync("/v1/leaderboard")).RootElement;
        long periods = board.GetProperty("periods").GetInt64();
        Assert.Equal(8, periods); // 160 rounds, 20 per period
        var paid = new Dictionary<string, UInt128>(StringComparer.Ordinal);
        var seenRounds = new HashSet<string>(StringComparer.Ordinal);
        for (long p = 1; p <= periods; p++)
        {
            var period = JsonDocument.Parse(await client.GetStringAsync($"/v1/periods/{p}")).RootElement;
            Assert.Equal(p, period.GetProperty("period").GetInt64());
            var rounds = period.GetProperty("rounds").EnumerateArray().Select(r => r.GetString()!).ToList();
            Assert.Equal(20, rounds.Count);
            Assert.All(rounds, r => Assert.True(seenRounds.Add(r), $"round {r} in two periods"));
            UInt128 nodeBudget = 0, evaluatorBudget = 0;
            foreach (var t in period.GetProperty("totals").EnumerateArray())
            {
                var amount = UInt128.Parse(t.GetProperty("amount").GetRawText(), CultureInfo.InvariantCulture);
                if (t.GetProperty("party").GetString() == "node")
                {
                    nodeBudget += amount;
                    if (t.GetProperty("recipient").GetString() is { } node) paid[node] = paid.GetValueOrDefault(node) + amount;
                }
                else evaluatorBudget += amount;
                Assert.Equal(JsonValueKind.Null, t.GetProperty("standing").ValueKind);
            }
            Assert.Equal((UInt128)20 * 1_000_000, nodeBudget);
            Assert.Equal((UInt128)20 * 100_000, evaluatorBudget);
        }
        Assert.Equal(160, seenRounds.Count);
        Assert.Equal(expected, paid.Where(p => expected.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => p.Value.ToString(CultureInfo.InvariantCulture)));

        foreach (var row in board.GetProperty("nodes").EnumerateArray())
        {
            string node = row.GetProperty("node").GetString()!;
            var detail = JsonDocument.Parse(await client.GetStringAsync($"/v1/nodes/{Uri.EscapeDataString(node)}")).RootElement;
            var history = detail.GetProperty("history").EnumerateArray().ToList();
            Assert.NotEmpty(history);
            var periodsSeen = history.Select(h => h.GetProperty("period").GetInt64()).ToList();
            Assert.Equal(periodsSeen.Order(), periodsSeen);
            Assert.Equal(periodsSeen.Count, periodsSeen.Distinct().Count());
            var last = history[^1];
            Assert.Equal(row.GetProperty("reward").GetRawText(), last.GetProperty("reward").GetRawText());
            Assert.Equal(row.GetProperty("rating").GetDouble(), last.GetProperty("rating").GetDouble());
        }

        using (var ahead = await client.GetAsync($"/v1/periods/{periods + 1}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, ahead.StatusCode);
            Assert.Contains($"period: {periods + 1}", await ahead.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        foreach (var bad in new[] { "-1", "one", "1.5" })
        {
            using var refused = await client.GetAsync($"/v1/periods/{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("period", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Requests_and_periods_are_traced_under_the_callers_trace_without_a_key_or_any_text()
    {
        var (traffic, _) = Simulated.Value;
        var (keys, key) = NewKeys();
        var exported = new List<Activity>();
        var settings = new ServeSettings("http://127.0.0.1:0", false, 1 << 20, 0) { Tracing = t => t.AddInMemoryExporter(exported) };
        string state = Path.Combine(TempDirectory(), "s.db");
        var trace = ActivityTraceId.CreateRandom();
        string lines = File.ReadAllText(traffic);
        await using (var server = await TestServer.StartAsync(new Scoring.Storage.Sqlite.SqliteNetworkStateStore(state), new SqliteRoundJournal(state + ".pending"), keys, settings))
        {
            foreach (var path in new[] { "/v1/rounds", "/v1/flush" })
            {
                using var request = Post(path, path == "/v1/rounds" ? lines : "", key);
                request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
                using var response = await server.Client.SendAsync(request);
                Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
            }
            using var leaky = new HttpRequestMessage(HttpMethod.Get, $"/v1/ledger?api_key={key}");
            leaky.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            using (var refused = await server.Client.SendAsync(leaky)) Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        } // stopping the server flushes the exporter
        List<Activity> mine;
        lock (exported) mine = [.. exported.Where(a => a.TraceId == trace)];
        var submit = Assert.Single(mine, a => a.DisplayName == "POST /v1/rounds");
        Assert.Equal(ActivityKind.Server, submit.Kind);
        Assert.Equal(202, submit.GetTagItem("http.response.status_code"));
        Assert.Equal(160, submit.GetTagItem("scoutelo.rounds"));
        var flush = Assert.Single(mine, a => a.DisplayName == "POST /v1/flush");
        Assert.Equal(160L, flush.GetTagItem("scoutelo.rounds_settled"));
        var periods = mine.Where(a => a.DisplayName == "scoutelo.network.period").ToList();
        Assert.Equal(8, periods.Count);
        Assert.All(periods, p => Assert.Equal(flush.SpanId, p.ParentSpanId));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), periods.Select(p => (long)p.GetTagItem("scoutelo.period")!).Order());
        var refusedActivity = Assert.Single(mine, a => a.DisplayName.StartsWith("GET", StringComparison.Ordinal));
        Assert.Equal("400", refusedActivity.GetTagItem("error.type"));
        // Nothing a request carried is in a trace: no key, no query, no response text.
        string firstResponse = JsonDocument.Parse(File.ReadLines(traffic).First()).RootElement.GetProperty("response").GetString()!;
        foreach (var a in mine)
        {
            foreach (var text in a.TagObjects.Select(t => t.Value?.ToString() ?? "").Append(a.DisplayName))
            {
                Assert.DoesNotContain(key, text, StringComparison.Ordinal);
                Assert.DoesNotContain("api_key", text, StringComparison.Ordinal);
                Assert.DoesNotContain(firstResponse, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_standings_are_built_once_per_settlement_and_never_served_stale()
    {
        // The leaderboard, the evaluators and a node's row come from standings built once per settled state: a read
        // between two flushes sees the last flush, a flush is seen by the next read, held rounds change nothing.
        var (traffic, expected) = Simulated.Value;
        var (keys, key) = NewKeys();
        var lines = File.ReadAllLines(traffic);
        int half = lines.Length / 2;
        while (half < lines.Length && Round(lines[half]) == Round(lines[half - 1])) half++; // a round boundary
        await using var server = await TestServer.StartAsync(Path.Combine(TempDirectory(), "s.db"), keys);
        var client = server.Client;
        string node = Node(lines[0]);
        Assert.Empty(Rewards(await client.GetStringAsync("/v1/leaderboard")));
        Assert.Equal("[]", await client.GetStringAsync("/v1/evaluators"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/nodes/{node}")).StatusCode);
        foreach (var part in new[] { lines[..half], lines[half..] })
        {
            string before = await client.GetStringAsync("/v1/leaderboard");
            using (var posted = await client.SendAsync(Post("/v1/rounds", string.Join('\n', part), key))) Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            Assert.Equal(before, await client.GetStringAsync("/v1/leaderboard")); // held, not settled
            using var flushed = await client.SendAsync(Post("/v1/flush", "", key));
            var report = JsonDocument.Parse(await flushed.Content.ReadAsStringAsync()).RootElement;
            var board = JsonDocument.Parse(await client.GetStringAsync("/v1/leaderboard")).RootElement;
            Assert.Equal(report.GetProperty("periods").GetInt64(), board.GetProperty("periods").GetInt64());
            Assert.Equal(Rewards(report.GetRawText()), Rewards(board.GetRawText()));
            Assert.Equal(report.GetProperty("evaluators").GetRawText(), await client.GetStringAsync("/v1/evaluators"));
            var row = board.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("node").GetString() == node);
            var detail = JsonDocument.Parse(await client.GetStringAsync($"/v1/nodes/{node}")).RootElement.GetProperty("node");
            Assert.Equal(row.GetRawText(), detail.GetRawText());
        }
        Assert.Equal(expected, Rewards(await client.GetStringAsync("/v1/leaderboard")));

        static string Round(string line) => JsonDocument.Parse(line).RootElement.GetProperty("round").GetString()!;
        static string Node(string line) => JsonDocument.Parse(line).RootElement.GetProperty("node").GetString()!;
    }

    [Fact]
    public void The_state_flags_are_checked_in_one_sentence_and_a_connection_string_never_shows()
    {
        var both = Run("serve", "--state", Path.Combine(TempDirectory(), "s.db"), "--postgres", "Host=127.0.0.1");
        Assert.NotEqual(0, both.Code);
        Assert.Contains("--postgres", both.Err, StringComparison.Ordinal);
        var unset = Run("serve", "--postgres", "env:SCOUTELO_TEST_NO_SUCH_VARIABLE");
        Assert.NotEqual(0, unset.Code);
        Assert.Contains("SCOUTELO_TEST_NO_SUCH_VARIABLE is not set", unset.Err, StringComparison.Ordinal);
        var unreachable = Run("serve", "--postgres", "Host=127.0.0.1;Port=1;Username=u;Password=hunter2-secret;Timeout=3", "--urls", "http://127.0.0.1:0");
        Assert.NotEqual(0, unreachable.Code);
        Assert.Contains("--postgres", unreachable.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", unreachable.Err + unreachable.Out, StringComparison.Ordinal);
    }
}
