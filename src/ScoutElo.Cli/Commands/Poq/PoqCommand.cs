using System.CommandLine;
using System.Globalization;
using System.Text;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Simulation;

namespace ScoutElo.Cli.Commands.Poq;

/// <summary>The poq verb.</summary>
internal static class PoqCommand
{
    /// <summary>Library option names → the flags that set them, so option errors name the flag.</summary>
    private static readonly Dictionary<string, string> PoqFlags = new(StringComparer.Ordinal) { ["Evaluators"] = "--evaluators", ["MaliciousFraction"] = "--malicious", ["Rounds"] = "--rounds" };

    private static AggregationRule ParseRule(string rule) => WireOptions.Parse<AggregationRule>("--rule", "rule", rule);

    private static string RuleName(AggregationRule rule) => Scoring.WireName.Of(rule);

    private static AttackKind ParseAttack(string attack) => attack switch
    {
        "noise" => AttackKind.Noise,
        "boost" => AttackKind.Boost,
        "sabotage" => AttackKind.Sabotage,
        "intermittent" => AttackKind.Intermittent,
        "collude" => AttackKind.Collude,
        _ => throw new ArgumentException($"--attack: unknown attack '{attack}'" + Cli.Suggest(attack, "boost", "sabotage", "noise", "intermittent", "collude")),
    };

    internal static Command Poq()
    {
        var evaluators = new Option<int>("--evaluators") { Description = "Evaluators per output.", DefaultValueFactory = _ => 15 };
        var malicious = new Option<double>("--malicious") { Description = "Fraction of malicious evaluators, in [0, 1).", DefaultValueFactory = _ => 0.3 };
        var attack = new Option<string>("--attack") { Description = "boost, sabotage, noise, intermittent or collude.", DefaultValueFactory = _ => "collude" };
        var rule = new Option<string>("--rule") { Description = "mean, median, trimmed, wmedian, trust or kappa.", DefaultValueFactory = _ => "trust" };
        var rounds = new Option<int>("--rounds") { Description = "Rounds (one output each).", DefaultValueFactory = _ => 5000 };
        var seed = new Option<int>("--seed") { Description = "Seed.", DefaultValueFactory = _ => 7 };
        var sweep = new Option<string?>("--sweep-report") { Description = "Run the full sweep (ratio × evaluators × rule × attack) and write a Markdown report here." };
        var cmd = new Command("poq", Cli.Help("Simulate Proof-of-Quality consensus under attack: error vs ground truth and attacker reward share.",
                "scoutelo poq",
                "scoutelo poq --attack collude --rule trust --malicious 0.4",
                "scoutelo poq --sweep-report poq-sweep.md"))
            { evaluators, malicious, attack, rule, rounds, seed, sweep, Cli.Json };
        cmd.SetAction(r => Cli.Run(() =>
        {
            var scenario = new AdversaryScenario
            {
                Evaluators = r.GetValue(evaluators),
                MaliciousFraction = r.GetValue(malicious),
                Attack = ParseAttack(r.GetValue(attack)!),
                Rule = ParseRule(r.GetValue(rule)!),
                Rounds = r.GetValue(rounds),
                Seed = r.GetValue(seed),
            };
            scenario.Validate();
            if (r.GetValue(sweep) is { } path)
            {
                var target = OutputTarget.Resolve("--sweep-report", path, r.GetValue(Cli.Json));
                string text = "";
                ProgressLine.Track("sweeping rules × attacks × attacker ratios", 0, _ => text = SweepReport(scenario, path));
                Outputs.WriteAllOrNone((target, w => w.Write(text)));
                Console.Error.WriteLine($"wrote {target}");
            }
            var res = AdversarySimulation.Run(scenario);
            if (r.GetValue(Cli.Json))
            {
                Console.WriteLine(JsonOut.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("rule", RuleName(scenario.Rule));
                    w.WriteString("attack", r.GetValue(attack));
                    w.WriteNumber("evaluators", scenario.Evaluators);
                    w.WriteNumber("attackers", res.Attackers);
                    w.WriteNumber("rounds", scenario.Rounds);
                    w.WriteNumber("mae", res.Mae);
                    JsonOut.Number(w, "pearson", res.Pearson);
                    w.WriteNumber("attackerRewardShare", res.AttackerRewardShare);
                    w.WriteEndObject();
                }));
            }
            else
            {
                Outputs.Summary.WriteLine($"rule {RuleName(scenario.Rule)}, {res.Attackers}/{scenario.Evaluators} attackers ({r.GetValue(attack)}): MAE {res.Mae:0.0000}, Pearson {res.Pearson:0.0000}, attacker reward share {res.AttackerRewardShare:P1}");
            }
            return 0;
        }, PoqFlags));
        return cmd;
    }

    private static string SweepReport(AdversaryScenario template, string path)
    {
        double[] ratios = [0, 0.1, 0.2, 0.3, 0.4, 0.45];
        var rules = Enum.GetValues<AggregationRule>();
        var attacks = Enum.GetValues<AttackKind>();
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# Proof of Quality under attack");
        sb.AppendLine();
        sb.AppendLine(ci, $"Generated by `scoutelo poq --sweep-report {path}` (seed {template.Seed}, {template.Rounds} rounds, honest noise σ = {template.HonestNoise}, attack strength {template.AttackStrength}, intermittent probability {template.IntermittentProbability}, colluders' target {template.CollusionTarget}; trust: η = {template.Trust.LearningRate}, τ = {template.Trust.Tolerance}, floor {template.Trust.Floor}). Do not edit by hand.");
        sb.AppendLine();
        sb.AppendLine("Each cell: MAE of the consensus against the true quality / Pearson with it / attackers' share of evaluator rewards. Rules: `mean`, `median`, `trimmed` (20% per end), `wmedian` (trust-weighted median), `trust` (trust-weighted mean with adaptive trust), `kappa` (Yuma κ = 0.5 quantile of trust weight).");
        var main = AdversarySimulation.Sweep(template, ratios, [15], rules, attacks);
        foreach (var a in attacks)
        {
            sb.AppendLine();
            sb.AppendLine(ci, $"## {a} — 15 evaluators");
            sb.AppendLine();
            sb.AppendLine("| malicious | " + string.Join(" | ", rules.Select(RuleName)) + " |");
            sb.AppendLine("|---:|" + string.Concat(rules.Select(_ => "---|")));
            foreach (double f in ratios)
            {
                sb.Append(ci, $"| {f:0.00} |");
                foreach (var rule in rules)
                {
                    var x = main.First(m => m.Scenario.Attack == a && m.Scenario.Rule == rule && m.Scenario.MaliciousFraction == f);
                    sb.Append(ci, $" {x.Mae:0.000} / {(x.Pearson is { } pearson ? pearson.ToString("0.000", ci) : "n/a")} / {x.AttackerRewardShare:0.0%} |");
                }
                sb.AppendLine();
            }
        }
        var counts = AdversarySimulation.Sweep(template, [0.3], [3, 7, 15, 31], rules, attacks);
        sb.AppendLine();
        sb.AppendLine("## Evaluator count — 30% malicious, MAE");
        sb.AppendLine();
        sb.AppendLine("| attack | evaluators | " + string.Join(" | ", rules.Select(RuleName)) + " |");
        sb.AppendLine("|---|---:|" + string.Concat(rules.Select(_ => "---:|")));
        foreach (var a in attacks)
        {
            foreach (int n in new[] { 3, 7, 15, 31 })
            {
                sb.Append(ci, $"| {a} | {n} |");
                foreach (var rule in rules) sb.Append(ci, $" {counts.First(m => m.Scenario.Attack == a && m.Scenario.Rule == rule && m.Scenario.Evaluators == n).Mae:0.000} |");
                sb.AppendLine();
            }
        }
        return sb.ToString();
    }
}
