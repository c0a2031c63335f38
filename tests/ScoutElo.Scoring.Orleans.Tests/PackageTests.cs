using System.Diagnostics;
using System.Text.Json;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Simulation;

namespace ScoutElo.Scoring.Orleans.Tests;

public sealed class PackageTests
{
    [Fact]
    public void The_orleans_package_api_matches_the_approved_snapshot() =>
        ScoutElo.Scoring.Tests.ApiSnapshot.Verify(typeof(INetworkGrain).Assembly, "ScoutElo.Scoring.Orleans", ["OrleansCodeGen"]); // generated codecs and proxies left out

    [Fact]
    public void The_core_and_the_engine_stay_free_of_orleans() =>
        Assert.DoesNotContain(typeof(ScoutNetwork).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("Orleans", StringComparison.Ordinal));

    /// <summary>The fleet host, as a user runs it: two silos on loopback, the settling silo killed mid-period, the same JSON as
    /// the single-process engine's (the nodes, evaluators and withheld budget of <c>scoutelo settle --json</c>).</summary>
    [Fact]
    public async Task The_fleet_host_with_a_killed_silo_prints_what_the_engine_settles()
    {
        string root = ScoutElo.Scoring.Tests.ApiSnapshot.RepositoryRoot();
        string config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        string host = Path.Combine(root, "samples", "ScoutElo.Fleet", "bin", config, "net10.0", "ScoutElo.Fleet.dll");
        Assert.True(File.Exists(host), $"the fleet host is not built at {host}: build the solution (dotnet test ScoutElo.Scoring.sln does).");
        var o = new NetworkSimulationOptions { Scouts = 8, Rounds = 90, Evaluators = 5, Seed = 9 };
        var rounds = new List<ObservedRound>();
        NetworkSimulation.Run(o, traffic: rounds.Add);
        string dir = Path.Combine(Path.GetTempPath(), "scoutelo-fleet-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string traffic = Path.Combine(dir, "t.jsonl");
        using (var w = new StreamWriter(traffic)) foreach (var r in rounds) TrafficJsonl.Write(w, r);
        var engine = new ScoutNetwork(NetworkSimulation.EngineOptions(o));
        foreach (var r in rounds) engine.Submit(r);
        engine.Flush();

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { host, "--silos", "2", "--data", traffic, "--state", Path.Combine(dir, "state"), "--kill-silo-after-rounds", "33", "--json" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            try
            {
                await p.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                p.Kill(entireProcessTree: true);
                Assert.Fail("the fleet host did not finish within 3 minutes");
            }
        }
        string err = await stderr, output = await stdout;
        Assert.True(p.ExitCode == 0, err);
        Assert.Contains("killing", err, StringComparison.Ordinal);
        var json = JsonDocument.Parse(output).RootElement;
        var nodes = json.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("node").GetString()!);
        foreach (var n in engine.Nodes())
        {
            Assert.Equal(n.Reward, Money(nodes[n.Node].GetProperty("reward")));
            Assert.Equal(n.Rating, nodes[n.Node].GetProperty("rating").GetDouble());
        }
        Assert.Equal(engine.UnallocatedNodeBudget, Money(json.GetProperty("unallocated")));
        Assert.Equal(engine.Evaluators().Select(e => e.Reward), json.GetProperty("evaluators").EnumerateArray().Select(e => Money(e.GetProperty("reward"))));
        Assert.Equal(90, json.GetProperty("roundsSettled").GetInt32());
    }

    /// <summary>An amount of money as the JSON prints it: an integer of up to 39 digits, exactly.</summary>
    private static UInt128 Money(JsonElement e) => UInt128.Parse(e.GetRawText(), System.Globalization.CultureInfo.InvariantCulture);
}
