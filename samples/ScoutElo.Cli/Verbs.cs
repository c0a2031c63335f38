using System.CommandLine;

namespace ScoutElo.Cli;

/// <summary>The verbs of the scoutelo command; each lives in its own file.</summary>
internal static partial class Verbs
{
    public static IEnumerable<Command> All()
    {
        yield return Simulate();
        yield return Score();
        yield return Calibrate();
        yield return Evaluate();
        yield return Poq();
        yield return Rank();
    }
}
