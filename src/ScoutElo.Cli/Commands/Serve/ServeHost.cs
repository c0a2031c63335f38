using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;

namespace ScoutElo.Cli.Commands.Serve;

/// <summary>What <c>scoutelo serve</c> listens on and enforces.</summary>
internal sealed record ServeSettings(string Urls, bool ReadNeedsKey, long MaxBodyBytes, int RatePerSecond)
{
    /// <summary>An OTLP endpoint to push the meters and traces to (besides /metrics), or null (then OTEL_EXPORTER_OTLP_ENDPOINT,
    /// if set).</summary>
    public Uri? Otlp { get; init; }

    /// <summary>Where else traces go (tests add OpenTelemetry's in-memory exporter); null: only to OTLP when configured.</summary>
    public Action<OpenTelemetry.Trace.TracerProviderBuilder>? Tracing { get; init; }
}

/// <summary>The validator service's HTTP API (ASP.NET Core minimal APIs on Kestrel): writes need an API key, reads are open
/// unless <see cref="ServeSettings.ReadNeedsKey"/>; bodies over the limit get 413, clients over the rate 429; a key is taken
/// from the Authorization (Bearer) or X-API-Key header only, and a request carrying one in its URL is refused without
/// echoing it. Nothing logs a key, a prompt or a response: the framework's request logs are off, and the service logs only
/// its start, its address and refusals' status codes. CORS is off (no cross-origin headers are ever sent).</summary>
internal static class ServeHost
{
    private static readonly string[] KeyParameters = ["key", "api_key", "apikey", "api-key", "access_token", "token", "auth"];

    public static WebApplication Create(ServeSettings settings, ValidatorService service, ApiKeys keys, TextWriter log)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // request logs would carry URLs (and a key someone put in one)
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = settings.MaxBodyBytes;
        });
        builder.Services.AddOpenApi();
        bool otlpFromEnvironment = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 };
        var telemetry = builder.Services.AddOpenTelemetry().WithMetrics(m =>
        {
            m.AddMeter(ServiceMetrics.MeterName, Scoring.Network.ScoutNetwork.MeterName);
            m.AddPrometheusExporter();
            if (settings.Otlp is { } otlp) m.AddOtlpExporter(o => o.Endpoint = otlp);
            else if (otlpFromEnvironment) m.AddOtlpExporter();
        });
        if (settings.Otlp is not null || otlpFromEnvironment || settings.Tracing is not null)
        {
            telemetry.WithTracing(t =>
            {
                t.AddSource(ServiceMetrics.ActivitySourceName, Scoring.Network.ScoutNetwork.ActivitySourceName);
                if (settings.Otlp is { } otlp) t.AddOtlpExporter(o => o.Endpoint = otlp);
                else if (otlpFromEnvironment) t.AddOtlpExporter();
                settings.Tracing?.Invoke(t);
            });
        }
        if (settings.RatePerSecond > 0)
        {
            builder.Services.AddRateLimiter(o =>
            {
                o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(c => RateLimitPartition.GetFixedWindowLimiter(
                    c.Connection.RemoteIpAddress?.ToString() ?? "", _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.RatePerSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
            });
        }
        var app = builder.Build();
        app.Use(Traced);
        // A key in the URL would sit in proxies' and browsers' histories: refused before anything else, never echoed.
        app.Use(async (c, next) =>
        {
            if (c.Request.Query.Keys.Any(k => KeyParameters.Contains(k, StringComparer.OrdinalIgnoreCase)))
            {
                await Error(c, 400, "an API key goes in the Authorization header (Bearer KEY) or X-API-Key, never in the URL; this request was not processed.");
                return;
            }
            if (c.Request.Path.StartsWithSegments("/metrics") && await Refused(c, keys, false, settings.ReadNeedsKey)) return;
            await next(c);
        });
        if (settings.RatePerSecond > 0) app.UseRateLimiter();
        app.MapOpenApi();
        app.MapPrometheusScrapingEndpoint("/metrics"); // Prometheus text format: the service's and the engine's meters

        MapWrites(app, settings, service, keys);
        MapReads(app, settings, service, keys);
        log.WriteLine($"serve: listening on {settings.Urls}; writes need an API key{(settings.ReadNeedsKey ? ", reads too" : "; reads are open")}; {service.Held} round(s) held from before.");
        return app;
    }

    /// <summary>The endpoints that change state: submit and flush (a key always).</summary>
    private static void MapWrites(WebApplication app, ServeSettings settings, ValidatorService service, ApiKeys keys)
    {
        app.MapPost("/v1/rounds", async Task<IResult> (HttpContext c) =>
        {
            if (await Refused(c, keys, true, settings.ReadNeedsKey)) return Results.Empty;
            string body;
            try
            {
                if (c.Request.ContentLength is { } length && length > settings.MaxBodyBytes)
                {
                    // Read what the client sends (up to a bound) before answering, so it sees the 413 instead of a reset connection.
                    if (length <= 64L << 20 && c.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
                    if (length <= 64L << 20) await c.Request.Body.CopyToAsync(Stream.Null, c.RequestAborted);
                    throw new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge);
                }
                using var reader = new StreamReader(c.Request.Body);
                body = await reader.ReadToEndAsync(c.RequestAborted);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await Error(c, 413, $"the body is over the limit of {settings.MaxBodyBytes} bytes (--max-body); post the rounds in smaller requests; nothing was kept.");
                return Results.Empty;
            }
            await RunAsync(c, async () =>
            {
                var activity = System.Diagnostics.Activity.Current;
                var receipts = await service.SubmitAsync(TrafficBody.Parse(body));
                int accepted = receipts.Sum(x => x.Responses);
                activity?.SetTag("scoutelo.rounds", receipts.Count);
                activity?.SetTag("scoutelo.responses_accepted", accepted);
                return (202, Json(new SubmitReport(accepted, service.Held, receipts)));
            });
            return Results.Empty;
        }).WithSummary("Submit traffic (JSONL lines or a JSON array of them); idempotent by round id; 202 with a receipt per round once durable.");

        app.MapPost("/v1/flush", Task<IResult> (HttpContext c) => Guarded(c, keys, settings, write: true, () =>
        {
            var report = service.Flush();
            System.Diagnostics.Activity.Current?.SetTag("scoutelo.rounds_settled", report.RoundsSettled);
            return (200, ReportJson.Serialize(report));
        })).WithSummary("Settle every held round in natural round-id order; the result as scoutelo settle --json.");
    }

    /// <summary>The live dashboard: one static page (no CDN, no network beyond this service) that polls the read endpoints.</summary>
    private static readonly Lazy<string> Dashboard = new(() =>
    {
        using var stream = typeof(ServeHost).Assembly.GetManifestResourceStream("scoutelo.dashboard.html") ?? throw new InvalidOperationException("the dashboard page is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The endpoints that read (open unless --read-key) and the dashboard (which asks for a key when reads need one).</summary>
    private static void MapReads(WebApplication app, ServeSettings settings, ValidatorService service, ApiKeys keys)
    {
        app.MapGet("/", () => Results.Content(Dashboard.Value, "text/html; charset=utf-8")).ExcludeFromDescription();

        app.MapGet("/v1/status", Task<IResult> (HttpContext c) => Guarded(c, keys, settings, write: false, () => (200, Json(service.Status())))).WithSummary("Rounds held for the next flush, periods and rounds settled, the last settled round.");

        app.MapGet("/v1/leaderboard", Task<IResult> (HttpContext c) => Guarded(c, keys, settings, write: false, () => (200, service.Standings().LeaderboardJson))).WithSummary("The leaderboard and evaluators, as scoutelo leaderboard --json.");

        app.MapGet("/v1/nodes/{id}", Task<IResult> (HttpContext c, string id) => Guarded(c, keys, settings, write: false, () => service.Read(n =>
        {
            var row = service.Standings().Node(id);
            if (row is null) return (404, Json(new ErrorReport($"no node '{id}' in this network.")));
            var history = service.History(id).Select(p => new HistoryPoint(p.Period, p.Rating, p.Deviation, p.Reward)).ToList();
            return (200, $"{{\"node\":{ReportJson.Serialize(row)},\"history\":{Json(history)},\"ledger\":{ReportJson.Serialize(LedgerReport.From(n, node: id))}}}");
        }))).WithSummary("One node: its leaderboard row (standing, health, verification and its reason), its rating after each period this service settled with it, and its ledger.");

        app.MapGet("/v1/periods/{n}", Task<IResult> (HttpContext c, string n) => Guarded(c, keys, settings, write: false, () =>
        {
            if (!long.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long period))
                return (400, Json(new ErrorReport($"period: '{n}' is not a period number (0, 1, 2, …).")));
            return service.Read(network => period > network.Periods
                ? (404, Json(new ErrorReport($"period: {period} is not settled; the network has settled {network.Periods} period(s).")))
                : (200, ReportJson.Serialize(PeriodReport.From(network, period))));
        })).WithSummary("One rating period: the rounds it settled, its ledger rows and what it paid to each recipient.");

        app.MapGet("/v1/evaluators", Task<IResult> (HttpContext c) => Guarded(c, keys, settings, write: false, () => (200, service.Standings().EvaluatorsJson))).WithSummary("The evaluators: trust, reward, scores.");

        app.MapGet("/v1/ledger", Task<IResult> (HttpContext c) =>
        {
            string? node = c.Request.Query["node"], evaluator = c.Request.Query["evaluator"], round = c.Request.Query["round"];
            return Guarded(c, keys, settings, write: false, () => (200, ReportJson.Serialize(service.Read(n => LedgerReport.From(n, node, evaluator, round)))));
        }).WithSummary("The payout ledger, filtered by node, evaluator or round (as scoutelo ledger --json).");
    }

    /// <summary>A request as a server activity of <see cref="ServiceMetrics.ActivitySourceName"/>, named by its method and route
    /// template (never its URL: no query string, no id from the path), child of the caller's <c>traceparent</c> when it sent
    /// one; the endpoints add their counts (rounds, responses).</summary>
    private static async Task Traced(HttpContext c, RequestDelegate next)
    {
        string route = (c.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
        System.Diagnostics.ActivityContext.TryParse(c.Request.Headers["traceparent"].ToString(), c.Request.Headers["tracestate"].ToString(), out var parent);
        using var activity = ServiceMetrics.Activities.StartActivity($"{c.Request.Method} {route}", System.Diagnostics.ActivityKind.Server, parent);
        activity?.SetTag("http.request.method", c.Request.Method);
        activity?.SetTag("http.route", route);
        await next(c);
        if (activity is null) return;
        activity.SetTag("http.response.status_code", c.Response.StatusCode);
        if (c.Response.StatusCode >= 500) activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
        if (c.Response.StatusCode >= 400) activity.SetTag("error.type", c.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>An endpoint's answer: 401 when the request may not (<see cref="Refused"/>), else the work's status and JSON.</summary>
    private static async Task<IResult> Guarded(HttpContext c, ApiKeys keys, ServeSettings settings, bool write, Func<(int Status, string Json)> work)
    {
        if (!await Refused(c, keys, write, settings.ReadNeedsKey)) await Run(c, work);
        return Results.Empty;
    }

    /// <summary>401 unless the request carries a configured key (for reads only with --read-key); counts refusals.</summary>
    private static async Task<bool> Refused(HttpContext c, ApiKeys keys, bool write, bool readNeedsKey)
    {
        if (!write && !readNeedsKey) return false;
        string? presented = c.Request.Headers.Authorization.ToString() is { Length: > 7 } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? auth[7..].Trim()
            : c.Request.Headers["X-API-Key"].ToString() is { Length: > 0 } header ? header.Trim() : null;
        if (presented is not null && keys.Match(presented) is not null) return false;
        ServiceMetrics.AuthFailures.Add(1);
        c.Response.Headers.WWWAuthenticate = "Bearer";
        await Error(c, 401, presented is null ? "this endpoint needs an API key (Authorization: Bearer KEY, or X-API-Key: KEY)." : "the API key is not valid (unknown or revoked).");
        return true;
    }

    private static Task Run(HttpContext c, Func<(int Status, string Json)> work) => RunAsync(c, () => Task.FromResult(work()));

    private static async Task RunAsync(HttpContext c, Func<Task<(int Status, string Json)>> work)
    {
        int status;
        string json;
        try
        {
            (status, json) = await work();
        }
        catch (RequestException e)
        {
            (status, json) = (e.Status, Json(new ErrorReport(e.Message)));
        }
        catch (Exception e) when (e is InvalidOperationException or OverflowException or IOException or System.Data.Common.DbException)
        {
            (status, json) = (503, Json(new ErrorReport($"the network could not commit ({e.GetType().Name}); what was acknowledged before is kept, retry later.")));
        }
        c.Response.StatusCode = status;
        c.Response.ContentType = "application/json";
        await c.Response.WriteAsync(json, c.RequestAborted);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The service's own answers (receipts, errors), camelCase like the result records.</summary>
    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, Web);

    private static async Task Error(HttpContext c, int status, string message)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = "application/json";
        await c.Response.WriteAsync(Json(new ErrorReport(message)), c.RequestAborted);
    }
}

/// <summary>The answer to a submission: responses newly accepted, rounds held now, and a receipt per round.</summary>
internal sealed record SubmitReport(int Accepted, int Held, IReadOnlyList<RoundStatus> Receipts);

/// <summary>The service's state in four numbers.</summary>
internal sealed record StatusReport(int Held, long Periods, long RoundsSettled, string? LastRound);

/// <summary>A node's standing right after a period (GET /v1/nodes/{id}'s history).</summary>
internal sealed record HistoryPoint(long Period, double Rating, double Deviation, UInt128 Reward);

/// <summary>A refusal: one sentence.</summary>
internal sealed record ErrorReport(string Error);

