// The validator fleet on one machine: N Orleans silos on loopback share one network's settlement; the traffic is fed through
// them, optionally killing the silo that settles after K rounds, and the result is printed as `scoutelo settle --json` prints it.
using System.CommandLine;
using Orleans.TestingHost;

using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Orleans;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;

var silos = new Option<int>("--silos") { Description = "Silos to start on 127.0.0.1 (1 to 8).", DefaultValueFactory = _ => 2 };
var data = new Option<string>("--data") { Description = "Traffic JSONL to settle.", Required = true };
var state = new Option<string>("--state") { Description = "Directory of the durable state (created when missing).", Required = true };
var period = new Option<int>("--period") { Description = "Rounds per rating period.", DefaultValueFactory = _ => 20 };
var kill = new Option<int?>("--kill-silo-after-rounds") { Description = "Kill the silo hosting the settlement after this many rounds (needs --silos 2 or more)." };
var json = new Option<bool>("--json") { Description = "Print the JSON of scoutelo settle --json on stdout (and nothing else there)." };
var root = new RootCommand("ScoutElo validator fleet: the network engine on an Orleans cluster on loopback.") { silos, data, state, period, kill, json };
var parsed = root.Parse(args);
if (args.Any(a => a is "--help" or "-h" or "-?")) return parsed.Invoke();
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine("fleet: " + string.Join("; ", parsed.Errors.Select(e => e.Message)));
    return 1;
}

int n = parsed.GetValue(silos);
string file = parsed.GetValue(data)!, dir = parsed.GetValue(state)!;
int? killAfter = parsed.GetValue(kill);
if (n is < 1 or > 8) return Fail("--silos: must be between 1 and 8.");
if (!File.Exists(file)) return Fail($"--data: traffic file '{file}' not found.");
if (killAfter is { } k && (k < 0 || n < 2)) return Fail("--kill-silo-after-rounds: needs a non-negative count and --silos 2 or more (a survivor).");
var options = new NetworkOptions { RoundsPerPeriod = parsed.GetValue(period) };
List<string> rounds;
try
{
    rounds = [.. TrafficJsonl.ReadFile(file).Select(t =>
    {
        var w = new StringWriter();
        TrafficJsonl.Write(w, t.Round);
        return w.ToString();
    })];
    _ = new ScoutNetwork(options); // validates the options before any silo starts
}
catch (Exception e) when (e is FormatException or ArgumentException)
{
    return Fail(e.Message.ReplaceLineEndings(" "));
}
Directory.CreateDirectory(dir);

var builder = new InProcessTestClusterBuilder((short)n);
builder.Options.ConfigureFileLogging = false;
builder.ConfigureSilo((_, silo) => silo.AddScoutNetworkFleet(o =>
{
    o.StateDirectory = Path.GetFullPath(dir);
    o.Network = options;
}));
await using var cluster = builder.Build();
await cluster.DeployAsync();
Console.Error.WriteLine($"fleet: {n} silo(s) on loopback: {string.Join(", ", cluster.Silos.Select(s => s.SiloAddress))}");
var grain = cluster.Client.GetGrain<INetworkGrain>("network");
long settled = 0, skipped = 0;
for (int i = 0; i < rounds.Count; i++)
{
    if (killAfter == i)
    {
        string host = await Retry(grain.SiloAsync);
        var victim = cluster.Silos.First(s => host.Contains(s.SiloAddress.ToString(), StringComparison.Ordinal));
        Console.Error.WriteLine($"fleet: killing {victim.SiloAddress}, which hosts the settlement, after {i} rounds");
        await cluster.KillSiloAsync(victim);
    }
    string line = rounds[i];
    if (await Retry(() => grain.SubmitAsync(line))) settled++;
    else skipped++;
}
await Retry(grain.FlushAsync);
var snapshot = NetworkSnapshot.FromJson(await Retry(grain.SnapshotAsync));
Console.Error.WriteLine($"fleet: settled {settled}, skipped {skipped}; settlement on {await Retry(grain.SiloAsync)}");
var view = new ScoutNetwork(options, new InMemoryNetworkStateStore(snapshot));
if (parsed.GetValue(json)) Console.WriteLine(ReportJson.Serialize(SettlementReport.From(view, settled, skipped)));
else foreach (var s in view.Nodes()) Console.WriteLine($"{s.Node,-16} rating {s.Rating,7:0} reward {s.Reward,14:N0} health {s.Health}");
await cluster.StopAllSilosAsync();
return 0;

static int Fail(string message)
{
    Console.Error.WriteLine("fleet: " + message);
    return 1;
}

// Calls into a cluster that is recovering from a dead silo fail for a few seconds: retry, bounded.
static async Task<T> Retry<T>(Func<Task<T>> call)
{
    var deadline = DateTime.UtcNow.AddMinutes(2);
    while (true)
    {
        try
        {
            return await call().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception e) when (e is not ArgumentException && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
    }
}
