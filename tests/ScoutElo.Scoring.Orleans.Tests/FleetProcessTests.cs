using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;
using ScoutElo.Scoring.Simulation;
using ScoutElo.Scoring.Storage.PostgreSql;
using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Orleans.Tests;

/// <summary>The fleet as users run it: separate <c>scoutelo-fleet silo</c> processes on a throw-away redis-server and
/// PostgreSQL (loopback), fed by <c>scoutelo-fleet submit</c>; every process bounded in time.</summary>
[Collection(FleetCollection.Name)]
public sealed class FleetProcessTests(FleetServers servers) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);
    private readonly List<Process> _processes = [];
    private readonly string _cluster = "c" + Guid.NewGuid().ToString("N")[..8];
    private string? _database;

    private string Database => _database ??= servers.Postgres.CreateDatabase();

    private static string Host
    {
        get
        {
            string root = ApiSnapshot.RepositoryRoot();
            string config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
            string host = Path.Combine(root, "src", "ScoutElo.Fleet", "bin", config, "net10.0", "scoutelo-fleet.dll");
            Assert.True(File.Exists(host), $"the fleet host is not built at {host}: build the solution (dotnet test ScoutElo.Scoring.sln does).");
            return host;
        }
    }

    private sealed class Running(Process process, StringBuilder stderr, Task<string> stdout)
    {
        public Process Process { get; } = process;

        public string Stderr
        {
            get { lock (stderr) return stderr.ToString(); }
        }

        public Task<string> Stdout { get; } = stdout;
    }

    private Running Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Host);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        _processes.Add(p);
        var err = new StringBuilder();
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (err) err.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        return new Running(p, err, p.StandardOutput.ReadToEndAsync());
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }

    private Running Silo()
    {
        int silo = FreePort(), gateway = FreePort();
        var s = Start("silo", "--redis", servers.Redis.Endpoint, "--postgres", Database, "--cluster-id", _cluster, "--silo-port", $"{silo}", "--gateway-port", $"{gateway}");
        var watch = Stopwatch.StartNew();
        while (!s.Stderr.Contains("joined cluster", StringComparison.Ordinal))
        {
            Assert.False(s.Process.HasExited, "the silo exited: " + s.Stderr);
            Assert.True(watch.Elapsed < Bound, "the silo did not start within 3 minutes: " + s.Stderr);
            Thread.Sleep(100);
        }
        return s;
    }

    private async Task<(int Code, string Out, string Err)> Submit(string network, string file, params string[] more)
    {
        var s = Start(["submit", "--redis", servers.Redis.Endpoint, "--cluster-id", _cluster, "--network", network, "--data", file, .. more]);
        return await Finish(s);
    }

    private static async Task<(int Code, string Out, string Err)> Finish(Running s)
    {
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            await s.Process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            s.Process.Kill(entireProcessTree: true);
            Assert.Fail("a fleet process did not finish within 3 minutes: " + s.Stderr);
        }
        s.Process.WaitForExit();
        return (s.Process.ExitCode, await s.Stdout, s.Stderr);
    }

    /// <summary>Simulated traffic in a file, and what <c>scoutelo settle --json</c> prints for it (the same engine, options and report).</summary>
    private static (string File, string Expected, int Rounds) Traffic(int rounds, int seed)
    {
        var o = new NetworkSimulationOptions { Rounds = rounds, Seed = seed };
        var list = new List<ObservedRound>();
        NetworkSimulation.Run(o, traffic: list.Add);
        string file = Path.Combine(Path.GetTempPath(), "scoutelo-fleet-tests", Guid.NewGuid().ToString("N") + ".jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using (var w = new StreamWriter(file)) foreach (var r in list) TrafficJsonl.Write(w, r);
        var engine = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 20 });
        foreach (var r in list) engine.Submit(r);
        engine.Flush();
        return (file, ReportJson.Serialize(SettlementReport.From(engine, list.Count, 0)), list.Count);
    }

    [FleetFact(redis: true)]
    public async Task Two_silo_processes_settle_a_file_as_scoutelo_settle_does_and_again_settle_nothing()
    {
        var (file, expected, n) = Traffic(400, 5);
        Silo();
        Silo();
        var (code, output, err) = await Submit("main", file, "--json", "--batch", "50");
        Assert.True(code == 0, err);
        Assert.Equal(expected, output.Trim());
        (code, output, err) = await Submit("main", file, "--json");
        Assert.True(code == 0, err);
        Assert.Contains("\"roundsSettled\":0,\"roundsSkipped\":" + n, output, StringComparison.Ordinal);
        using var store = new PostgreSqlNetworkStateStore(Database, "main");
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 20 }, store);
        LedgerAssert.SumsToStandings(network, store.ReadLedger());
        Assert.Equal(n, network.RoundsSettled);
    }

    [FleetFact(redis: true)]
    public async Task A_silo_killed_with_SIGKILL_mid_submit_loses_nothing_acknowledged_and_pays_nothing_twice()
    {
        var (file, expected, n) = Traffic(500, 6);
        var silos = new[] { Silo(), Silo() };
        // Where does the network's grain live? A first, small submit says so ("settlement on S127.0.0.1:PORT:..."); it leaves its
        // rounds queued (--no-flush), so the periods are those of one uninterrupted run.
        string head = Path.ChangeExtension(file, ".head.jsonl");
        File.WriteAllLines(head, File.ReadLines(file).TakeWhile(l => !l.Contains("\"round\":\"r5\"", StringComparison.Ordinal)));
        var (code, _, err) = await Submit("killed", head, "--no-flush");
        Assert.True(code == 0, err);
        int port = int.Parse(Regex.Match(err, @"settlement on S127\.0\.0\.1:(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var victim = silos.Single(s => s.Process.StartInfo.ArgumentList.Contains($"{port}"));
        var submit = Start("submit", "--redis", servers.Redis.Endpoint, "--cluster-id", _cluster, "--network", "killed", "--data", file, "--json", "--batch", "10");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        victim.Process.Kill(); // SIGKILL, mid-submit
        string output;
        (code, output, err) = await Finish(submit);
        Assert.True(code == 0, err);
        var report = System.Text.Json.JsonDocument.Parse(output).RootElement;
        var want = System.Text.Json.JsonDocument.Parse(expected).RootElement;
        Assert.Equal(want.GetProperty("nodes").GetRawText(), report.GetProperty("nodes").GetRawText());
        Assert.Equal(want.GetProperty("evaluators").GetRawText(), report.GetProperty("evaluators").GetRawText());
        Assert.DoesNotContain($"settlement on S127.0.0.1:{port}:", err, StringComparison.Ordinal); // it moved to the survivor
        using var store = new PostgreSqlNetworkStateStore(Database, "killed");
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 20 }, store);
        Assert.Equal(n, network.RoundsSettled);
        LedgerAssert.SumsToStandings(network, store.ReadLedger());
    }

    [FleetFact(redis: true)]
    public async Task A_silo_says_which_server_it_cannot_reach_and_stops_gracefully_on_SIGTERM()
    {
        int nothing = FreePort();
        var noRedis = Start("silo", "--redis", $"127.0.0.1:{nothing}", "--postgres", Database, "--cluster-id", _cluster);
        var (code, _, err) = await Finish(noRedis);
        Assert.Equal(1, code);
        Assert.Contains($"cannot reach Redis at 127.0.0.1:{nothing}", err, StringComparison.Ordinal);
        var noPostgres = Start("silo", "--redis", servers.Redis.Endpoint, "--postgres", $"Host=127.0.0.1;Port={nothing};Username=u;Password=hunter2;Database=x;Timeout=3", "--cluster-id", _cluster);
        (code, _, err) = await Finish(noPostgres);
        Assert.Equal(1, code);
        Assert.Contains($"cannot reach PostgreSQL at 127.0.0.1:{nothing}", err, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", err, StringComparison.Ordinal);

        var silo = Silo();
        using (var kill = Process.Start("kill", ["-TERM", silo.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        (code, _, err) = await Finish(silo);
        Assert.True(code == 0, err);
        Assert.Contains("silo stopped", err, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var p in _processes)
        {
            try
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // gone
            }
            p.Dispose();
        }
    }
}
