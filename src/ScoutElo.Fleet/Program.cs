// scoutelo-fleet: the validator fleet as separate processes. `silo` runs one Orleans silo (membership on Redis, state in
// PostgreSQL) until SIGTERM; `submit` feeds a traffic file through any live silo in durable batches and prints what
// `scoutelo settle --json` prints. See docs/fleet.md.
using System.CommandLine;
using ScoutElo.Fleet;

var root = new RootCommand("ScoutElo validator fleet: silos on Redis membership with their state in PostgreSQL, and a submitter.")
{
    SiloCommand.Create(),
    SubmitCommand.Create(),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
{
    Console.Error.WriteLine("scoutelo-fleet: " + string.Join("; ", parsed.Errors.Select(e => e.Message)));
    return 1;
}
// SIGTERM is the host's to handle (a graceful shutdown may take longer than System.CommandLine's default 2 s).
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
