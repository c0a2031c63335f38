using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ScoutElo.Cli.Tests;

/// <summary>A real OpenAI-compatible HTTP endpoint on 127.0.0.1 (Kestrel, an ephemeral port) whose answers a test scripts:
/// <c>POST /v1/chat/completions</c> returns what <see cref="Script"/> says for the n-th request (status, assistant text,
/// delay). Counts requests and the most requests in flight at once. Stopped when disposed.</summary>
internal sealed class ScriptedOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests, _inFlight, _maxInFlight;

    private ScriptedOpenAiServer(WebApplication app) => _app = app;

    /// <summary>Request number (1-based) and request body → status code, assistant content and a delay before answering.</summary>
    public Func<int, string, (int Status, string Content, TimeSpan Delay)> Script { get; set; } = (_, _) => (200, "<score>4</score>", TimeSpan.Zero);

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>A hostile endpoint: error bodies (and embedding requests, answered 401) echo the request's Authorization header.</summary>
    public bool EchoCredentials { get; set; }

    /// <summary>The Authorization header of the last request.</summary>
    public string LastAuthorization { get; private set; } = "";

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public string BaseUrl { get; private set; } = "";

    public static async Task<ScriptedOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.Handle);
        app.MapPost("/v1/embeddings", server.Embed);
        using var start = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(start.Token);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/v1";
        return server;
    }

    /// <summary>Requests to /v1/embeddings.</summary>
    public int EmbeddingRequests => Volatile.Read(ref _embeddingRequests);

    private int _embeddingRequests;

    /// <summary>Embeddings: a normalised letter-count vector of each text (26 dimensions), so equal texts have cosine 1 and
    /// texts without common letters 0.</summary>
    private async Task Embed(HttpContext context)
    {
        Interlocked.Increment(ref _embeddingRequests);
        LastAuthorization = context.Request.Headers.Authorization.ToString();
        if (EchoCredentials)
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { message = $"invalid key: you sent '{LastAuthorization}'", type = "invalid_request_error" } }));
            return;
        }
        using var doc = JsonDocument.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted));
        var input = doc.RootElement.GetProperty("input");
        var texts = input.ValueKind == JsonValueKind.Array ? input.EnumerateArray().Select(e => e.GetString()!).ToList() : [input.GetString()!];
        var data = texts.Select((t, i) =>
        {
            var v = new float[26];
            foreach (char c in t.ToLowerInvariant()) if (c is >= 'a' and <= 'z') v[c - 'a']++;
            float norm = MathF.Sqrt(v.Sum(x => x * x));
            return new { @object = "embedding", index = i, embedding = v.Select(x => norm > 0 ? x / norm : 0).ToArray() };
        }).ToArray();
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { @object = "list", data, model = doc.RootElement.GetProperty("model").GetString(), usage = new { prompt_tokens = 1, total_tokens = 1 } }));
    }

    public void Reset()
    {
        Volatile.Write(ref _embeddingRequests, 0);
        Volatile.Write(ref _requests, 0);
        Volatile.Write(ref _maxInFlight, 0);
    }

    private async Task Handle(HttpContext context)
    {
        int n = Interlocked.Increment(ref _requests);
        int now = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
        try
        {
            LastAuthorization = context.Request.Headers.Authorization.ToString();
            string body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            var (status, content, delay) = Script(n, body);
            if (delay > TimeSpan.Zero)
            {
                try { await Task.Delay(delay, context.RequestAborted); }
                catch (OperationCanceledException) { return; }
            }
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            if (status != 200)
            {
                string message = EchoCredentials ? $"scripted failure for Authorization: {LastAuthorization} at {context.Request.Path}" : "scripted failure";
                await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { message, type = "server_error" } }));
                return;
            }
            string model = JsonDocument.Parse(body).RootElement.GetProperty("model").GetString()!;
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                id = "chatcmpl-" + n,
                @object = "chat.completion",
                created = 1_700_000_000,
                model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 20, completion_tokens = 5, total_tokens = 25 },
            }));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
