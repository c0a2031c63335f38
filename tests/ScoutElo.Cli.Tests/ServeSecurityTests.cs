using System.Net;
using System.Text.Json;
using ScoutElo.Cli.Commands.Serve;
using static ScoutElo.Cli.Tests.CliBadInputTests;
using static ScoutElo.Cli.Tests.ServeTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 39: the limits and the silences of the service — 429 over the rate (changing nothing), no cross-origin
/// header ever, and nothing a request carried (a key, a wrong key, a key in a URL, a response's text) in the process's
/// output.</summary>
public sealed class ServeSecurityTests
{
    [Fact]
    public async Task Requests_over_the_rate_get_429_and_change_nothing()
    {
        var (traffic, _) = Simulated.Value;
        var (keys, key) = NewKeys();
        string state = Path.Combine(TempDirectory(), "s.db");
        var settings = new ServeSettings("http://127.0.0.1:0", false, 1 << 20, 3);
        await using var server = await TestServer.StartAsync(new Scoring.Storage.Sqlite.SqliteNetworkStateStore(state), new SqliteRoundJournal(state + ".pending"), keys, settings);
        string eight = string.Join('\n', File.ReadLines(traffic).Take(8));
        var codes = new List<HttpStatusCode>();
        for (int i = 0; i < 12; i++)
        {
            using var response = await server.Client.SendAsync(Post("/v1/rounds", eight.Replace("\"r0\"", $"\"x{i}\"", StringComparison.Ordinal), key));
            codes.Add(response.StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.All(codes, c => Assert.True(c is HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests, c.ToString()));
        int accepted = codes.Count(c => c == HttpStatusCode.Accepted);
        Assert.InRange(accepted, 1, 11);
        // Every accepted request added its own round; the refused ones added none.
        await Task.Delay(1100); // the next window
        var status = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/status")).RootElement;
        Assert.Equal(server.Held, status.GetProperty("held").GetInt32());
        Assert.Equal(accepted + 1, server.Held); // each request: its renamed round x{i}, plus r1 (held once) — minus nothing refused
    }

    [Fact]
    public async Task No_response_carries_a_cross_origin_header()
    {
        var (keys, key) = NewKeys();
        await using var server = await TestServer.StartAsync(Path.Combine(TempDirectory(), "s.db"), keys);
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/v1/leaderboard"), (HttpMethod.Options, "/v1/rounds"), (HttpMethod.Post, "/v1/flush") })
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Add("Origin", "https://elsewhere.example");
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            using var response = await server.Client.SendAsync(request);
            Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Nothing_a_request_carried_reaches_the_process_output()
    {
        var (traffic, _) = Simulated.Value;
        var (keys, key) = NewKeys();
        string state = Path.Combine(TempDirectory(), "s.db");
        const string Secret = "RESPONSE-TEXT-THAT-MUST-NOT-BE-LOGGED";
        string body = string.Join('\n', File.ReadLines(traffic).Take(8)).Replace("\"response\":\"", $"\"response\":\"{Secret} ", StringComparison.Ordinal);
        using var http = ServeProcess.ClientOnFreePort();
        var (process, output) = await ServeProcess.StartAsync(http, psi =>
        {
            psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development"; // the framework's most talkative setting
            psi.Environment["Logging__LogLevel__Default"] = "Trace";
        }, "--state", state, "--keys", keys);
        try
        {
            using (var ok = await http.SendAsync(Post("/v1/rounds", body, key))) Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
            using (var wrong = await http.SendAsync(Post("/v1/rounds", body, "sk_wrong_key_that_must_not_be_logged"))) Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            using (var leaky = await http.GetAsync($"/v1/ledger?api_key={key}")) Assert.Equal(HttpStatusCode.BadRequest, leaky.StatusCode);
            using (var bad = await http.SendAsync(Post("/v1/rounds", body.Replace("\"latency_ms\":", "\"latency_ms\":-", StringComparison.Ordinal), key))) Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }
        finally
        {
            ServeProcess.Terminate(process);
            if (!process.WaitForExit(30_000)) process.Kill();
            process.Dispose();
        }
        string text = await output;
        Assert.Contains("listening on", text, StringComparison.Ordinal); // the output was read: the service did speak
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_wrong_key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("api_key", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("/v1/", text, StringComparison.Ordinal); // no request line at all
    }
}
