using System.CommandLine;
using ScoutElo.Cli;

var root = new RootCommand("scoutelo: score LLM responses, calibrate dimensions, aggregate evaluators (Proof of Quality) and rank inference nodes.");
foreach (var command in Verbs.All()) root.Subcommands.Add(command);
return root.Parse(args).Invoke();
