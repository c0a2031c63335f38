using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Orleans.Configuration;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Orleans;
using ScoutElo.Scoring.Storage.PostgreSql;

namespace ScoutElo.Fleet;

/// <summary><c>scoutelo-fleet silo</c>: one silo, until SIGTERM.</summary>
internal static class SiloCommand
{
    public static Command Create()
    {
        var redis = new Option<string>("--redis") { Description = "Redis for cluster membership, HOST:PORT.", Required = true };
        var postgres = new Option<string>("--postgres") { Description = "PostgreSQL for the networks' state (an Npgsql connection string).", Required = true };
        var cluster = new Option<string>("--cluster-id") { Description = "The cluster's id: silos and submitters with the same id form one fleet.", DefaultValueFactory = _ => "scoutelo" };
        var siloPort = new Option<int>("--silo-port") { Description = "Port for silo-to-silo traffic.", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port submitters connect to.", DefaultValueFactory = _ => 30000 };
        var advertise = new Option<string>("--advertise") { Description = "The IP address other silos and submitters reach this silo at (127.0.0.1 keeps the fleet on this machine).", DefaultValueFactory = _ => "127.0.0.1" };
        var period = new Option<int>("--period") { Description = "Rounds per rating period (every silo of a fleet must use the same; scoutelo settle's default).", DefaultValueFactory = _ => 20 };
        var metrics = new Option<int?>("--metrics-port") { Description = "Serve Prometheus metrics (Orleans' and the engine's meters) over HTTP at /metrics on 127.0.0.1:PORT." };
        var cmd = new Command("silo", "Run one silo of the fleet until SIGTERM (graceful shutdown): it hosts networks' settlement grains, keeps their state in PostgreSQL and finds the other silos through Redis.")
            { redis, postgres, cluster, siloPort, gatewayPort, advertise, period, metrics };
        cmd.SetAction(async (r, cancel) =>
        {
            string redisValue = r.GetValue(redis)!, pgValue = r.GetValue(postgres)!;
            var settings = new SiloSettings(redisValue, pgValue, r.GetValue(cluster)!, r.GetValue(siloPort), r.GetValue(gatewayPort), r.GetValue(advertise)!, r.GetValue(period), r.GetValue(metrics));
            string? problem = Preflight(settings);
            if (problem is not null)
            {
                Console.Error.WriteLine("scoutelo-fleet: " + problem);
                return 1;
            }
            var builder = Build(settings);
            using var host = builder.Build();
            try
            {
                await host.StartAsync(cancel);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.Error.WriteLine($"scoutelo-fleet: the silo could not start: {e.Message}");
                return 1;
            }
            Console.Error.WriteLine($"scoutelo-fleet: silo {settings.Advertise}:{settings.SiloPort} (gateway {settings.GatewayPort}) joined cluster '{settings.Cluster}'"
                + (settings.MetricsPort is { } p ? $"; metrics at {new UriBuilder(Uri.UriSchemeHttp, "127.0.0.1", p, "metrics").Uri}" : "") + "; stop it with SIGTERM");
            await host.WaitForShutdownAsync(CancellationToken.None);
            Console.Error.WriteLine("scoutelo-fleet: silo stopped");
            return 0;
        });
        return cmd;
    }

    /// <summary>Checks the flags and that both servers answer; one sentence naming the flag or the server when not.</summary>
    private static string? Preflight(SiloSettings s)
    {
        try
        {
            foreach (var (flag, port) in new[] { ("--silo-port", s.SiloPort), ("--gateway-port", s.GatewayPort), ("--metrics-port", s.MetricsPort ?? 1) })
                if (port is < 1 or > 65535) throw new ArgumentException($"{flag}: {port} is not a port (1 to 65535).");
            if (s.Period < 1) throw new ArgumentException("--period: must be at least 1.");
            FleetEndpoints.Advertised(s.Advertise);
            FleetEndpoints.Redis(s.Redis);
            var pg = FleetEndpoints.Postgres(s.Postgres);
            FleetEndpoints.CheckRedis(s.Redis);
            try
            {
                new PostgreSqlNetworkStateStore(s.Postgres, "scoutelo-fleet-preflight").Dispose(); // reachable, and the schema migrated
            }
            catch (IOException e)
            {
                throw new IOException($"cannot reach {FleetEndpoints.Describe(pg)}: {e.InnerException?.Message ?? e.Message}", e);
            }
            return null;
        }
        catch (Exception e) when (e is ArgumentException or IOException or FormatException)
        {
            return e.Message;
        }
    }

    /// <summary>The silo's host: Orleans on Redis membership, the fleet's grains on PostgreSQL, metrics when asked for.</summary>
    private static HostApplicationBuilder Build(SiloSettings s)
    {
        var address = FleetEndpoints.Advertised(s.Advertise);
        var network = new NetworkOptions { RoundsPerPeriod = s.Period };
        // The content root is the tool's own directory: the working directory may change a lot (a database's data directory),
        // and the default host watches its content root for configuration changes.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Orleans.Runtime.Silo", LogLevel.Error) // the ServerGC advice, on a machine the operator chose
            .AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error); // start-up stalls of a busy machine
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.UseOrleans(silo =>
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = FleetEndpoints.Redis(s.Redis));
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = s.Cluster;
                o.ServiceId = "scoutelo-fleet";
            });
            silo.ConfigureEndpoints(address, s.SiloPort, s.GatewayPort, listenOnAnyHostAddress: !System.Net.IPAddress.IsLoopback(address));
            // A dead silo is declared dead within seconds, so its networks move to the survivors quickly.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            });
            silo.AddScoutNetworkFleet(o =>
            {
                o.PostgresConnectionString = s.Postgres;
                o.Network = network;
            });
        });
        if (s.MetricsPort is { } metricsPort)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(m => m
                .AddMeter("Microsoft.Orleans", ScoutNetwork.MeterName)
                .AddPrometheusHttpListener(o =>
                {
                    o.Host = "127.0.0.1";
                    o.Port = metricsPort;
                }));
        }
        return builder;
    }
}
