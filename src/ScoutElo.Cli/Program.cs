using ScoutElo.Cli;

return ScoutEloCommand.Invoke(args, Console.Out, Console.Error);
