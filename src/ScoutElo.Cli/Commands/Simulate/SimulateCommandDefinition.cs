using System.CommandLine;

namespace ScoutElo.Cli.Commands.Simulate;

/// <summary>The <c>simulate</c> verb's options and help; <see cref="SimulateCommand"/> runs it.</summary>
internal sealed class SimulateCommandDefinition
{
    public Option<int> Scouts { get; } = new Option<int>("--scouts") { Description = "Inference nodes (scouts).", DefaultValueFactory = _ => 24 }.AtLeast(2);
    public Option<int> Rounds { get; } = new Option<int>("--rounds") { Description = "Rounds (one request each).", DefaultValueFactory = _ => 2000 }.AtLeast(1);
    public Option<int> Evaluators { get; } = new Option<int>("--evaluators") { Description = "Evaluator nodes.", DefaultValueFactory = _ => 9 }.AtLeast(1);
    public Option<double> Malicious { get; } = new Option<double>("--malicious") { Description = "Fraction of malicious evaluators, in [0, 1).", DefaultValueFactory = _ => 0.3 }.Within(0, 1, maxExclusive: true);
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed.", DefaultValueFactory = _ => 1 };
    public Option<string?> Report { get; } = new("--report") { Description = "Directory to write an HTML report into (rating trajectories, calibration chart, rewards, deviations)." };
    public Option<string> Rule { get; } = new("--reward-rule") { Description = "Node reward rule: gated (quality-gated, default) or cost-aware (alpha*q - beta*cost, beta limited to its safe region).", DefaultValueFactory = _ => "gated" };
    public Option<double> Beta { get; } = new("--beta") { Description = "Cost weight of --reward-rule cost-aware (alpha = 1; must be <= 0.1, the safe region for quality drops of 0.1).", DefaultValueFactory = _ => 0.1 };
    public Option<double> VerifyRate { get; } = new Option<double>("--verify-rate") { Description = "Share of answers with token evidence (node log-probabilities and the validator's reference pass, seed shared) for served-model verification, in [0, 1].", DefaultValueFactory = _ => 0.1 }.Within(0, 1);
    public Option<bool> NoAudit { get; } = new("--no-audit") { Description = "Skip the incentive audit (the counterfactual deviation runs)." };
    public Option<string?> TrafficOut { get; } = new("--traffic-out") { Description = "Write the simulated traffic (the honest run's rounds) as traffic JSONL; `scoutelo settle --data FILE` with the same --reward-rule settles it to the same rewards and ratings." };

    /// <summary>The command, its handler bound.</summary>
    public Command Create()
    {
        var cmd = new Command("simulate", Cli.Help("Simulate a decentralized inference network end to end (score → PoQ → rewards → Elo/Glicko-2) and print the leaderboard.",
                "scoutelo simulate",
                "scoutelo simulate --rounds 500 --no-audit",
                "scoutelo simulate --seed 3 --report sim-report --json > sim.json",
                "scoutelo simulate --seed 1 --traffic-out traffic.jsonl && scoutelo settle --data traffic.jsonl --state network.db"))
            { Scouts, Rounds, Evaluators, Malicious, Seed, Report, Rule, Beta, VerifyRate, NoAudit, TrafficOut, Cli.Json };
        cmd.SetAction(r => Cli.Run(r, r => SimulateCommand.Run(r, this), Cli.BetaFlag));
        return cmd;
    }
}
