using System.CommandLine;
using ScoutElo.Cli;

var root = new RootCommand("scoutelo: score LLM responses, calibrate dimensions, aggregate evaluators (Proof of Quality) and rank inference nodes.");
var noColor = new Option<bool>("--no-color") { Description = "Plain text: no colors or styles (also when NO_COLOR is set or output is redirected).", Recursive = true };
root.Options.Add(noColor);
foreach (var command in ScoutElo.Cli.Commands.CommandCatalog.All()) root.Subcommands.Add(command);
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Bad flags are bad input: a one-line error on stderr, nothing on stdout (so --json consumers never see help text).
    string verb = ReferenceEquals(parsed.CommandResult.Command, root) ? "scoutelo" : "scoutelo " + parsed.CommandResult.Command.Name;
    Console.Error.WriteLine($"scoutelo: {ParseErrors.Describe(parsed, root)} (see {verb} --help).");
    return 1;
}
if (parsed.GetValue(noColor))
{
    Environment.SetEnvironmentVariable("NO_COLOR", "1"); // honored by every console Spectre creates from here on
    Spectre.Console.AnsiConsole.Profile.Capabilities.ColorSystem = Spectre.Console.ColorSystem.NoColors;
    Spectre.Console.AnsiConsole.Profile.Capabilities.Ansi = false;
}
return parsed.Invoke();
