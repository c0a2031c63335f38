using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using ScoutElo.Scoring.Orleans;
using ScoutElo.Scoring.Reporting;

namespace ScoutElo.Fleet;

/// <summary><c>scoutelo-fleet submit</c>: a traffic file through any live silo, in durable batches.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var redis = new Option<string>("--redis") { Description = "Redis of the fleet's membership, HOST:PORT (the submitter finds the live silos there).", Required = true };
        var cluster = new Option<string>("--cluster-id") { Description = "The fleet's cluster id.", DefaultValueFactory = _ => "scoutelo" };
        var network = new Option<string>("--network") { Description = "The network to settle into (one grain, one state per name).", Required = true };
        var data = new Option<string>("--data") { Description = "Traffic JSONL to submit.", Required = true };
        var batch = new Option<int>("--batch") { Description = "Rounds per batch: a batch is acknowledged once every round of it is durable.", DefaultValueFactory = _ => 100 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to keep retrying a batch while the fleet recovers from a lost silo.", DefaultValueFactory = _ => 180 };
        var json = new Option<bool>("--json") { Description = "Print the JSON of scoutelo settle --json on stdout (and nothing else there)." };
        var noFlush = new Option<bool>("--no-flush") { Description = "Leave the last, partial period queued (journaled) for the next submission instead of settling it now." };
        var cmd = new Command("submit", "Submit a traffic file to a network through any live silo, batch by batch (each acknowledged once durable; retried against the survivors when a silo dies), then settle the last period and print the network's settlement.")
            { redis, cluster, network, data, batch, timeout, json, noFlush };
        cmd.SetAction(async (r, cancel) =>
        {
            string file = r.GetValue(data)!, name = r.GetValue(network)!;
            int size = r.GetValue(batch), seconds = r.GetValue(timeout);
            List<(string Text, int FirstLine, int Rounds)> batches;
            try
            {
                if (size is < 1 or > 10_000) throw new ArgumentException("--batch: must be between 1 and 10000.");
                if (seconds < 1) throw new ArgumentException("--timeout: must be at least 1 second.");
                if (name.Length == 0) throw new ArgumentException("--network: must not be empty.");
                FleetEndpoints.Redis(r.GetValue(redis)!);
                if (!File.Exists(file)) throw new ArgumentException($"--data: traffic file '{file}' not found.");
                batches = Batches(file, size);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException)
            {
                Console.Error.WriteLine("scoutelo-fleet: " + e.Message.ReplaceLineEndings(" "));
                return 1;
            }

            return await Run(new SubmitRequest(r.GetValue(redis)!, r.GetValue(cluster)!, name, file, batches, TimeSpan.FromSeconds(seconds), r.GetValue(json), r.GetValue(noFlush)), cancel);
        });
        return cmd;
    }

    /// <summary>Connects to the fleet, submits every batch (retried while the fleet recovers), settles the last period and prints
    /// the network's settlement.</summary>
    private static async Task<int> Run(SubmitRequest q, CancellationToken cancel)
    {
        // The content root is the tool's own directory: the working directory may change a lot (a database's data directory),
        // and the default host watches its content root for configuration changes.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = FleetEndpoints.Redis(q.Redis));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = q.Cluster;
                o.ServiceId = "scoutelo-fleet";
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
        });
        using var host = builder.Build();
        var deadline = q.Deadline;
        var batches = q.Batches;
        string file = q.File, name = q.Network;
        try
        {
            await Retry(() => host.StartAsync(cancel).ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default), deadline, "connect to the fleet", cancel);
            var grain = host.Services.GetRequiredService<IClusterClient>().GetGrain<INetworkGrain>(name);
            long before = await Retry(grain.RoundsAcceptedAsync, deadline, "reach the network", cancel);
            var started = System.Diagnostics.Stopwatch.StartNew();
            int done = 0, total = batches.Sum(b => b.Rounds);
            foreach (var (text, firstLine, rounds) in batches)
            {
                try
                {
                    await Retry(() => grain.SubmitBatchAsync(text), deadline, $"submit the batch at {file}:{firstLine}", cancel);
                }
                catch (ArgumentException e)
                {
                    Console.Error.WriteLine("scoutelo-fleet: " + InFile(e.Message, file, firstLine) + " The batch was refused whole; the batches before it are settled.");
                    return 1;
                }
                done += rounds;
                if (!Console.IsErrorRedirected) Console.Error.Write($"\rscoutelo-fleet: {done}/{total} rounds acknowledged");
            }
            if (!q.NoFlush) await Retry(grain.FlushAsync, deadline, "settle the last period", cancel);
            long after = await Retry(grain.RoundsAcceptedAsync, deadline, "reach the network", cancel);
            long settled = after - before;
            string silo = await Retry(grain.SiloAsync, deadline, "reach the network", cancel);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"\rscoutelo-fleet: {total} rounds in {batches.Count} batches in {started.Elapsed.TotalSeconds:0.0} s ({total / Math.Max(started.Elapsed.TotalSeconds, 1e-9):0} rounds/s); the network took {settled}, {total - settled} were settled before; settlement on {silo}"));
            string report = await Retry(() => grain.ReportAsync(settled, total - settled), deadline, "read the settlement", cancel);
            if (q.Json) Console.WriteLine(report);
            else Console.WriteLine(Summary(report));
            return 0;
        }
        catch (TimeoutException e)
        {
            Console.Error.WriteLine("scoutelo-fleet: " + e.Message);
            return 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The file's rounds as JSONL batches of <paramref name="size"/> rounds (every line read and parsed first).</summary>
    private static List<(string Text, int FirstLine, int Rounds)> Batches(string file, int size)
    {
        var batches = new List<(string, int, int)>();
        var text = new StringBuilder();
        int first = 0, count = 0;
        foreach (var t in TrafficJsonl.ReadFile(file))
        {
            if (count == 0) first = (int)t.FirstLine;
            var w = new StringWriter();
            TrafficJsonl.Write(w, t.Round);
            text.Append(w);
            if (++count == size)
            {
                batches.Add((text.ToString(), first, count));
                text.Clear();
                count = 0;
            }
        }
        if (count > 0) batches.Add((text.ToString(), first, count));
        return batches;
    }

    /// <summary>The grain names a batch's line as <c>batch:N</c>: the file's line it came from.</summary>
    private static string InFile(string message, string file, int firstLine)
    {
        var m = System.Text.RegularExpressions.Regex.Match(message, @"batch:(\d+)");
        string where = m.Success ? $"{file}:{firstLine + int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1}" : $"{file} (batch from line {firstLine})";
        string rest = m.Success ? message[(m.Index + m.Length)..].TrimStart(':', ' ') : message;
        return $"{where}: {rest.Replace(" (Parameter 'jsonl')", "", StringComparison.Ordinal)}";
    }

    /// <summary>Retries a call while the fleet recovers (a dead silo, a moving grain), until the deadline; bad input
    /// (<see cref="ArgumentException"/>) is not retried.</summary>
    private static async Task<T> Retry<T>(Func<Task<T>> call, TimeSpan deadline, string doing, CancellationToken cancel)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var wait = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is not ArgumentException && e is not OperationCanceledException && watch.Elapsed < deadline)
            {
                await Task.Delay(wait, cancel);
                wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 2000));
            }
            catch (Exception e) when (e is not ArgumentException && e is not OperationCanceledException)
            {
                throw new TimeoutException($"could not {doing} within {deadline.TotalSeconds:0} s: {e.Message}", e);
            }
        }
    }

    private static string Summary(string reportJson)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(reportJson);
        var sb = new StringBuilder();
        foreach (var n in doc.RootElement.GetProperty("nodes").EnumerateArray())
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{n.GetProperty("node").GetString(),-20} rating {n.GetProperty("rating").GetDouble(),7:0} reward {n.GetProperty("reward").GetRawText(),20} health {n.GetProperty("healthCheck").GetString()}"));
        }
        return sb.ToString().TrimEnd();
    }
}
