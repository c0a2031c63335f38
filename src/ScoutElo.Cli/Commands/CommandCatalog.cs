using System.CommandLine;

namespace ScoutElo.Cli.Commands;

/// <summary>Every verb of the scoutelo command, in the order --help lists them. The only place that knows them all, so the
/// verbs' folders depend on the command's infrastructure and never on each other or on this list.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return Init.InitCommand.Init();
        yield return new Simulate.SimulateCommandDefinition().Create();
        yield return new Score.ScoreCommandDefinition().Create();
        yield return new Calibrate.CalibrateCommandDefinition().Create();
        yield return new Evaluate.EvaluateCommandDefinition().Create();
        yield return Poq.PoqCommand.Poq();
        yield return new Rank.RankCommandDefinition().Create();
        yield return Settle.SettleCommand.Settle();
        yield return Settle.SettleCommand.Leaderboard();
        yield return Ledger.LedgerCommand.Create();
        yield return Escalate.EscalateCommand.Create();
        yield return new Verify.VerifyCommandDefinition().Create();
        yield return Cache.CacheCommand.Create();
        yield return Addon.AddonCommand.Create();
        yield return Serve.ServeCommand.Serve();
        yield return Serve.ServeCommand.Keys();
    }
}
