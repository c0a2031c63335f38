using System.CommandLine;
using ScoutElo.Cli;

var root = new RootCommand("scoutelo: score LLM responses, calibrate dimensions, aggregate evaluators (Proof of Quality) and rank inference nodes.");
foreach (var command in Verbs.All()) root.Subcommands.Add(command);
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Bad flags are bad input: a one-line error on stderr, nothing on stdout (so --json consumers never see help text).
    Console.Error.WriteLine("scoutelo: " + string.Join("; ", parsed.Errors.Select(e => e.Message)).ReplaceLineEndings(" ") + " (see scoutelo --help)");
    return 1;
}
return parsed.Invoke();
