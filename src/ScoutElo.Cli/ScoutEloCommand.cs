using System.CommandLine;

namespace ScoutElo.Cli;

/// <summary>The <c>scoutelo</c> command: parses a command line and runs its verb against the given writers. The process
/// passes its console; tests and hosts pass their own writers and run verbs in process.</summary>
internal static class ScoutEloCommand
{
    /// <summary>The command tree, built once and only read afterwards (parsing does not change it), so every invocation of a
    /// process parses against the same definitions; everything an invocation gathers lives in its <see cref="CliContext"/>.</summary>
    private static readonly RootCommand Root = Build();

    private static RootCommand Build()
    {
        var root = new RootCommand("scoutelo: score LLM responses, calibrate dimensions, aggregate evaluators (Proof of Quality) and rank inference nodes.");
        root.Options.Add(Cli.NoColor);
        foreach (var command in Commands.CommandCatalog.All()) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Parses and runs one command line; returns the exit code (0 ok, 1 bad input, 2 internal error, 3 a failed gate).</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    public static int Invoke(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = Root;
        // No response files: '@' introduces a file's text for --judge-rubric, and no verb takes its arguments from a file.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            // Bad flags are bad input: a one-line error on stderr, nothing on stdout (so --json consumers never see help text).
            string verb = ReferenceEquals(parsed.CommandResult.Command, root) ? "scoutelo" : "scoutelo " + parsed.CommandResult.Command.Name;
            error.WriteLine($"scoutelo: {ParseErrors.Describe(parsed, root)} (see {verb} --help).");
            return 1;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }
        finally
        {
            output.Flush();
            error.Flush();
        }
    }
}
