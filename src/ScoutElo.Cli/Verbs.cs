using System.CommandLine;

namespace ScoutElo.Cli;

/// <summary>The verbs of the scoutelo command; each lives in its own file.</summary>
internal static partial class Verbs
{
    public static IEnumerable<Command> All()
    {
        yield return Init();
        yield return new Commands.Simulate.SimulateCommandDefinition().Create();
        yield return Score();
        yield return Calibrate();
        yield return Evaluate();
        yield return Poq();
        yield return new Commands.Rank.RankCommandDefinition().Create();
        yield return Settle();
        yield return Leaderboard();
        yield return CacheCommand();
    }

    /// <summary>A command description followed by worked examples (shown by --help).</summary>
    internal static string Help(string description, params string[] examples) =>
        description + Environment.NewLine + Environment.NewLine + "Examples:" + Environment.NewLine + string.Join(Environment.NewLine, examples.Select(e => "  " + e));
}
