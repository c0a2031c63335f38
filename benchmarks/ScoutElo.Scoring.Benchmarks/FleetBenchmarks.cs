using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Orleans;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Storage.PostgreSql;
using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>The validator fleet as it is deployed: 1 or 2 <c>scoutelo-fleet silo</c> processes on loopback (membership on a
/// throw-away redis-server, state in a throw-away PostgreSQL with fsync on), fed by an Orleans client in batches of 1, 10 or
/// 100 rounds; one operation submits the next 400 rounds (20 periods of 20, 200 nodes) to a network that keeps running from
/// operation to operation (the steady state of a validator, not the cost of creating a network).
/// Two round shapes: 4 answers scored by 9 evaluators each (the shape of <c>scoutelo simulate</c>'s traffic, 36 scores per
/// round) and 8 answers scored by 20 evaluators (160 scores per round, the period of <see cref="NetworkBenchmarks"/>). Baseline: the same 400 rounds through the engine in this process with the same
/// PostgreSQL store. rounds/s = 400 / mean. Three warmup operations (60 periods) let the silos' code reach the JIT's
/// optimized tier before anything is measured.</summary>
[WarmupCount(3)]
[IterationCount(5)]
[InvocationCount(1)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: GlobalCleanup stops everything.")]
public class FleetBenchmarks
{
    private const int Nodes = 200, Rounds = 400, Operations = 16; // more than jitting + warmup + iterations
    private static readonly NetworkOptions Options = new() { RoundsPerPeriod = NetworkBenchmarks.RoundsPerPeriod };
    private List<ObservedRound> _rounds = null!;
    private List<string> _batches = null!;
    private ThrowawayPostgres _postgres = null!;
    private ThrowawayRedis _redis = null!;
    private string _database = null!;
    private readonly List<Process> _silos = [];
    private IHost _client = null!;
    private int _next, _nextLocal;
    private PostgreSqlNetworkStateStore? _local;
    private ScoutNetwork? _localNetwork;

    /// <summary>Silo processes.</summary>
    [Params(1, 2)]
    public int Silos { get; set; }

    /// <summary>The round shape: answers × evaluators per answer.</summary>
    [Params("4x9", "8x20")]
    public string Shape { get; set; } = "8x20";

    /// <summary>Rounds per batch (one acknowledgement, one journal transaction).</summary>
    [Params(1, 10, 100)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        try
        {
            Start();
        }
        catch
        {
            Cleanup(); // BenchmarkDotNet does not clean up after a failed setup: stop what was started
            throw;
        }
    }

    private void Start()
    {
        int[] shape = [.. Shape.Split('x').Select(int.Parse)];
        _rounds = NetworkBenchmarks.Rounds(0, Rounds * Operations, Nodes, perRound: shape[0], evaluators: shape[1]);
        _batches = [.. _rounds.Chunk(Batch).Select(chunk =>
        {
            var w = new StringWriter();
            foreach (var r in chunk) TrafficJsonl.Write(w, r);
            return w.ToString();
        })];
        _postgres = new ThrowawayPostgres(fsync: true);
        _redis = new ThrowawayRedis();
        _database = _postgres.CreateDatabase();
        string host = FleetHost();
        for (int i = 0; i < Silos; i++)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { host, "silo", "--redis", _redis.Endpoint, "--postgres", _database, "--cluster-id", "bench", "--silo-port", $"{FreePort()}", "--gateway-port", $"{FreePort()}" })
                psi.ArgumentList.Add(a);
            var p = Process.Start(psi)!;
            _silos.Add(p);
            var joined = new TaskCompletionSource();
            p.ErrorDataReceived += (_, e) =>
            {
                if (e.Data?.Contains("joined cluster", StringComparison.Ordinal) == true) joined.TrySetResult();
            };
            p.OutputDataReceived += (_, _) => { };
            p.BeginErrorReadLine();
            p.BeginOutputReadLine();
            if (!joined.Task.Wait(TimeSpan.FromMinutes(2))) throw new TimeoutException("a silo did not start within 2 minutes");
        }
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(c =>
        {
            c.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(_redis.Endpoint));
            c.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "bench";
                o.ServiceId = "scoutelo-fleet";
            });
        });
        _client = builder.Build();
        _client.StartAsync().GetAwaiter().GetResult();
    }

    private static string FleetHost()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ScoutElo.Scoring.sln"))) dir = dir.Parent;
        string host = Path.Combine(dir?.FullName ?? ".", "src", "ScoutElo.Fleet", "bin", "Release", "net10.0", "scoutelo-fleet.dll");
        return File.Exists(host) ? host : throw new FileNotFoundException($"Build the fleet host first (dotnet build -c Release): {host}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_client is not null)
        {
            _client.StopAsync().GetAwaiter().GetResult();
            _client.Dispose();
        }
        foreach (var p in _silos)
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        _silos.Clear();
        _local?.Dispose();
        _redis?.Dispose();
        _postgres?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "400 rounds in process (PostgreSQL store)")]
    public long InProcess()
    {
        int op = Next(ref _nextLocal);
        _local ??= new PostgreSqlNetworkStateStore(_database, "local");
        _localNetwork ??= new ScoutNetwork(Options, _local);
        long settled = 0;
        foreach (var r in _rounds.Skip(op * Rounds).Take(Rounds)) settled += network(r);
        return settled;

        long network(ObservedRound r) => _localNetwork.Submit(r).Settlement is null ? 0 : 1;
    }

    [Benchmark(Description = "400 rounds through the fleet")]
    public async Task<int> Fleet()
    {
        int op = Next(ref _next), perOp = Rounds / Batch;
        var grain = _client.Services.GetRequiredService<IClusterClient>().GetGrain<INetworkGrain>("bench");
        int accepted = 0;
        foreach (var b in _batches.Skip(op * perOp).Take(perOp)) accepted += (await grain.SubmitBatchAsync(b)).Accepted;
        await grain.FlushAsync();
        return accepted;
    }

    private static int Next(ref int counter) =>
        counter < Operations ? counter++ : throw new InvalidOperationException($"More than {Operations} operations: generate more rounds.");
}
