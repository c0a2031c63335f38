namespace ScoutElo.Cli;

/// <summary>The verbs that still live beside the command's infrastructure (one file each); the others have a folder under
/// Commands/. <see cref="Commands.CommandCatalog"/> lists them all.</summary>
internal static partial class Verbs
{
    /// <summary>A command description followed by worked examples (shown by --help).</summary>
    internal static string Help(string description, params string[] examples) => Cli.Help(description, examples);
}
