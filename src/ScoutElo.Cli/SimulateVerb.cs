using ScoutElo.Scoring.Reporting;
using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Simulation;
using Spectre.Console;

namespace ScoutElo.Cli;

internal static partial class Verbs
{
    /// <summary>Library option names → the flags that set them, so option errors name the flag.</summary>
    private static readonly Dictionary<string, string> SimulateFlags = new(StringComparer.Ordinal) { ["Scouts"] = "--scouts", ["ScoutsPerRound"] = "--scouts", ["Rounds"] = "--rounds", ["Evaluators"] = "--evaluators", ["MaliciousFraction"] = "--malicious", ["beta"] = "--beta" };

    private static readonly string[] ProfileColumns = ["profile", "scouts", "mean reward (M)", "mean true q", "reward / true q (M)"];
    private static readonly string[] DeviationColumns = ["deviation", "who", "honest M", "deviating M", "gain", "verdict"];
    private static readonly string[] LeaderboardColumns = ["#", "scout", "rating", "±95%", "perf", "qual", "reward", "true q", "profile"];

    private static Command Simulate()
    {
        var scouts = new Option<int>("--scouts") { Description = "Inference nodes (scouts).", DefaultValueFactory = _ => 24 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds (one request each).", DefaultValueFactory = _ => 2000 };
        var evaluators = new Option<int>("--evaluators") { Description = "Evaluator nodes.", DefaultValueFactory = _ => 9 };
        var malicious = new Option<double>("--malicious") { Description = "Fraction of malicious evaluators, in [0, 1).", DefaultValueFactory = _ => 0.3 };
        var seed = new Option<int>("--seed") { Description = "Seed.", DefaultValueFactory = _ => 1 };
        var report = new Option<string?>("--report") { Description = "Directory to write an HTML report into (rating trajectories, calibration chart, rewards, deviations)." };
        var rule = new Option<string>("--reward-rule") { Description = "Node reward rule: gated (quality-gated, default) or cost-aware (alpha*q - beta*cost, beta limited to its safe region).", DefaultValueFactory = _ => "gated" };
        var beta = new Option<double>("--beta") { Description = "Cost weight of --reward-rule cost-aware (alpha = 1; must be <= 0.1, the safe region for quality drops of 0.1).", DefaultValueFactory = _ => 0.1 };
        var noAudit = new Option<bool>("--no-audit") { Description = "Skip the incentive audit (the counterfactual deviation runs)." };
        var trafficOut = new Option<string?>("--traffic-out") { Description = "Write the simulated traffic (the honest run's rounds) as traffic JSONL; `scoutelo settle --data FILE` with the same --reward-rule settles it to the same rewards and ratings." };
        var cmd = new Command("simulate", Help("Simulate a decentralized inference network end to end (score → PoQ → rewards → Elo/Glicko-2) and print the leaderboard.",
                "scoutelo simulate",
                "scoutelo simulate --rounds 500 --no-audit",
                "scoutelo simulate --seed 3 --report sim-report --json > sim.json",
                "scoutelo simulate --seed 1 --traffic-out traffic.jsonl && scoutelo settle --data traffic.jsonl --state network.db"))
            { scouts, rounds, evaluators, malicious, seed, report, rule, beta, noAudit, trafficOut, Cli.Json };
        cmd.SetAction(r => Cli.Run(() =>
        {
            var options = new NetworkSimulationOptions
            {
                Scouts = r.GetValue(scouts),
                Rounds = r.GetValue(rounds),
                Evaluators = r.GetValue(evaluators),
                MaliciousFraction = r.GetValue(malicious),
                Seed = r.GetValue(seed),
                ScoutsPerRound = Math.Min(4, Math.Max(2, r.GetValue(scouts))),
                RewardRule = r.GetValue(rule) switch
                {
                    "gated" => NodeRewardRule.QualityGated,
                    "cost-aware" => NodeRewardRule.CostAware(1.0, r.GetValue(beta)),
                    var other => throw new ArgumentException($"--reward-rule: unknown rule '{other}'; expected gated or cost-aware."),
                },
            };
            bool audit = !r.GetValue(noAudit);
            bool json = r.GetValue(Cli.Json);
            // Everything is checked before the work starts, so a bad flag never follows a progress line.
            options.Validate();
            int runs = audit ? IncentiveAudit.Runs(options) : 1;
            var trafficTarget = r.GetValue(trafficOut) is { } trafficPath ? OutputTarget.Resolve("--traffic-out", trafficPath, json) : null;
            string? reportDir = r.GetValue(report) is { } dirPath ? Cli.ReportDirectory("--report", dirPath) : null;
            NetworkSimulationResult result = null!;
            IncentiveAuditResult? deviations = null;
            // The traffic goes to a temporary file beside the target, renamed into place only when the run completed.
            using var traffic = trafficTarget is null ? null : new Outputs.Progressive(trafficTarget);
            Action<Scoring.Network.ObservedRound>? observe = traffic is null ? null : round => TrafficJsonl.Write(traffic.Writer, round);
            void Work(Action<int> report)
            {
                var progress = new Cli.Inline(report);
                if (audit)
                {
                    deviations = IncentiveAudit.Run(options, progress: progress, traffic: observe);
                    result = deviations.Honest;
                }
                else
                {
                    result = NetworkSimulation.Run(options, progress, observe);
                }
            }
            Cli.Track(audit ? $"simulating (honest run and {runs - 1} deviations)" : "simulating", checked(options.Rounds * runs), Work);
            if (traffic is not null)
            {
                traffic.Commit();
                Console.Error.WriteLine($"traffic: {traffic.Target} ({options.Rounds} rounds)");
            }
            if (reportDir is not null)
            {
                var file = Cli.ReportFile("--report", reportDir);
                string html = Html(result, deviations, options);
                Outputs.WriteAllOrNone((file, w => w.Write(html)));
                Console.Error.WriteLine($"report: {file}");
            }
            if (r.GetValue(Cli.Json))
            {
                Console.WriteLine(Cli.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("leaderboard");
                    int rank = 1;
                    foreach (var e in result.Leaderboard)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("rank", rank++);
                        w.WriteString("node", e.Node);
                        w.WriteNumber("rating", e.Rating);
                        w.WriteNumber("low", e.Low);
                        w.WriteNumber("high", e.High);
                        w.WriteNumber("elo", e.Elo);
                        w.WriteNumber("performance", e.Performance);
                        w.WriteNumber("quality", e.Quality);
                        w.WriteNumber("reward", e.Reward);
                        w.WriteNumber("trueQuality", e.TrueQuality);
                        w.WriteString("profile", e.Profile.ToString().ToLowerInvariant());
                        w.WriteBoolean("passesHealthCheck", e.PassesHealthCheck);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteNumber("groundTruthSpearman", result.GroundTruthSpearman);
                    w.WriteStartObject("rewards");
                    w.WriteString("rule", options.RewardRule.Kind == NodeRewardKind.QualityGated ? "gated" : "cost-aware");
                    w.WriteNumber("spearmanTrueQuality", result.RewardSpearman);
                    w.WriteNumber("unallocated", result.UnallocatedNodeBudget);
                    w.WriteStartArray("profiles");
                    foreach (var p in result.Profiles)
                    {
                        w.WriteStartObject();
                        w.WriteString("profile", p.Profile.ToString().ToLowerInvariant());
                        w.WriteNumber("scouts", p.Scouts);
                        w.WriteNumber("meanReward", p.MeanReward);
                        w.WriteNumber("meanTrueQuality", p.MeanTrueQuality);
                        w.WriteNumber("rewardPerUnitQuality", p.RewardPerUnitQuality);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                    if (deviations is not null)
                    {
                        w.WriteStartObject("incentives");
                        w.WriteBoolean("compatible", deviations.IncentiveCompatible);
                        w.WriteNumber("tolerance", deviations.Tolerance);
                        w.WriteStartArray("deviations");
                        foreach (var d in deviations.Deviations)
                        {
                            w.WriteStartObject();
                            w.WriteString("deviation", DeviationName(d.Kind));
                            w.WriteString("participant", d.Participant);
                            w.WriteNumber("honestReward", d.HonestReward);
                            w.WriteNumber("deviationReward", d.DeviationReward);
                            w.WriteNumber("gain", d.Gain);
                            w.WriteBoolean("pays", d.Pays);
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    w.WriteStartObject("poq");
                    w.WriteString("rule", "trust");
                    w.WriteNumber("evaluators", options.Evaluators);
                    w.WriteNumber("maliciousEvaluators", result.MaliciousEvaluators);
                    w.WriteNumber("consensusMae", result.ConsensusMae);
                    w.WriteNumber("maliciousRewardShare", result.MaliciousRewardShare);
                    w.WriteNumber("maliciousHeadcountShare", result.MaliciousHeadcountShare);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }));
                return 0;
            }
            if (Outputs.StdoutTaken) // --traffic-out -: stdout carries the traffic, the tables go to stderr
                AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            var table = new Table().Border(TableBorder.Simple).Title($"[bold]Scout leaderboard[/] after {options.Rounds} rounds")
                .Caption("rating: Glicko-2, ±95% interval half-width; perf: k1·EEL+k2·SU+k3·OTS; qual: mean PoQ consensus; reward: millions of base units; ✗: fails its claimed-model health check");
            foreach (var c in LeaderboardColumns) table.AddColumn(new TableColumn(c) { Alignment = c is "scout" or "profile" ? Justify.Left : Justify.Right });
            int i = 1;
            foreach (var e in result.Leaderboard)
            {
                string profile = e.Profile.ToString().ToLowerInvariant() + (e.PassesHealthCheck ? "" : " [red]✗[/]");
                table.AddRow(
                    (i++).ToString(CultureInfo.InvariantCulture), e.Node, e.Rating.ToString("0", CultureInfo.InvariantCulture),
                    ((e.High - e.Low) / 2).ToString("0", CultureInfo.InvariantCulture), e.Performance.ToString("0.00", CultureInfo.InvariantCulture),
                    e.Quality.ToString("0.000", CultureInfo.InvariantCulture), (e.Reward / 1e6).ToString("0.0", CultureInfo.InvariantCulture),
                    e.TrueQuality.ToString("0.00", CultureInfo.InvariantCulture), profile);
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, $"Spearman(true quality, rating) = [bold]{result.GroundTruthSpearman:0.000}[/]; Spearman(true quality, reward) = [bold]{result.RewardSpearman:0.000}[/]");
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, $"PoQ (trust-weighted, quarantine): consensus MAE {result.ConsensusMae:0.000} vs honest scoring; malicious evaluators {result.MaliciousEvaluators}/{options.Evaluators} earned {result.MaliciousRewardShare:P1} of evaluator rewards (headcount share {result.MaliciousHeadcountShare:P1})");
            var byProfile = new Table().Border(TableBorder.Simple).Title($"[bold]Node rewards by profile[/] ({(options.RewardRule.Kind == NodeRewardKind.QualityGated ? "quality-gated" : "cost-aware")} rule)");
            foreach (var c in ProfileColumns) byProfile.AddColumn(new TableColumn(c) { Alignment = c == "profile" ? Justify.Left : Justify.Right });
            foreach (var p in result.Profiles)
                byProfile.AddRow(p.Profile.ToString().ToLowerInvariant(), p.Scouts.ToString(CultureInfo.InvariantCulture), (p.MeanReward / 1e6).ToString("0.0", CultureInfo.InvariantCulture),
                    p.MeanTrueQuality.ToString("0.00", CultureInfo.InvariantCulture), (p.RewardPerUnitQuality / 1e6).ToString("0.0", CultureInfo.InvariantCulture));
            AnsiConsole.Write(byProfile);
            if (deviations is not null)
            {
                var dev = new Table().Border(TableBorder.Simple).Title("[bold]Incentive audit[/]: reward of an honest participant that deviates, all else fixed");
                foreach (var c in DeviationColumns) dev.AddColumn(new TableColumn(c) { Alignment = c is "deviation" or "participant" or "verdict" ? Justify.Left : Justify.Right });
                foreach (var d in deviations.Deviations)
                    dev.AddRow(DeviationName(d.Kind), d.Participant, (d.HonestReward / 1e6).ToString("0.00", CultureInfo.InvariantCulture), (d.DeviationReward / 1e6).ToString("0.00", CultureInfo.InvariantCulture),
                        d.Gain.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture), d.Pays ? "[red]PAYS[/]" : "no gain");
                AnsiConsole.Write(dev);
            }
            return 0;
        }, SimulateFlags));
        return cmd;
    }

    private static string DeviationName(DeviationKind kind) => kind switch
    {
        DeviationKind.SubstituteCheaperModel => "cheaper model",
        DeviationKind.Sybil => "sybil (2 ids)",
        DeviationKind.ColludeWithEvaluators => "collude",
        DeviationKind.GoFlaky => "idle 30%",
        DeviationKind.CopyEvaluatorScores => "copy scores",
        _ => kind.ToString(),
    };

    private static string Html(NetworkSimulationResult result, IncentiveAuditResult? deviations, NetworkSimulationOptions options)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>scoutelo simulate</title><style>body{font-family:system-ui,sans-serif;margin:1.5em;max-width:1100px}h2{margin:1em 0 .3em}p{margin:.3em 0}table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right}td:nth-child(2),th:nth-child(2){text-align:left}svg{background:#fff;font-family:system-ui,sans-serif}</style></head><body>");
        sb.Append(ci, $"<h1>Simulated inference network</h1><p>{options.Scouts} scouts, {options.Rounds} rounds, {options.Evaluators} evaluators ({result.MaliciousEvaluators} malicious), seed {options.Seed}. Spearman(true quality, rating) = <b>{result.GroundTruthSpearman:0.000}</b>. Malicious evaluators earned {result.MaliciousRewardShare:P1} of evaluator rewards (headcount {result.MaliciousHeadcountShare:P1}).</p>");

        // Rating trajectories, colored by profile (categorical, with a legend) and labeled directly at the right end for the
        // top three and bottom three scouts.
        var profiles = Enum.GetValues<ScoutProfile>();
        string ColorOf(ScoutProfile p) => SvgChart.Palette[Array.IndexOf(profiles, p) % SvgChart.Palette.Length];
        var board = result.Leaderboard;
        var series = board.Select((e, i) => new SvgChart.Series(
            $"{e.Node} ({e.Profile.ToString().ToLowerInvariant()}, final rank {i + 1})", ColorOf(e.Profile), e.Profile == ScoutProfile.Impostor,
            [.. result.Trajectories.Select(t => ((double)t.Round, t.Ratings[e.Node]))],
            i < 3 || i >= board.Count - 3 ? $"#{i + 1} {e.Node}" : null)).ToList();
        var present = profiles.Where(p => board.Any(e => e.Profile == p)).ToList();
        sb.Append("<h2>Rating trajectories (Glicko-2)</h2><p>One line per scout, colored by its (hidden) profile; impostors dashed. Labels mark the final top and bottom three.</p>");
        sb.Append(SvgChart.Lines(1000, 400, "round", "Glicko-2 rating", series,
            present.Select(p => (p.ToString().ToLowerInvariant() + $" ({board.Count(e => e.Profile == p)})", ColorOf(p), p == ScoutProfile.Impostor))));

        sb.Append("<div style=\"display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start\"><div>");
        sb.Append(ci, $"<h2>PoQ consensus vs true quality</h2><p style=\"max-width:480px\">Each dot is one sampled response: its simulated ground-truth quality (x) against the settled trust-weighted consensus of the evaluators (y). The summary's MAE ({result.ConsensusMae:0.000}) compares the consensus with what honest evaluators would have scored; this chart compares it with the ground truth itself, so it also shows the honest evaluators' own noise.</p>");
        sb.Append(SvgChart.Scatter(400, "true quality (simulation ground truth)", "PoQ consensus", result.QualityPoints.Take(3000).Select(q => (q.TrueQuality, q.Consensus)), SvgChart.Palette[0]));
        sb.Append("</div><div>");
        sb.Append("<h2>Mean node reward by profile</h2><p style=\"max-width:480px\">Millions of base units per scout over the run, with the mean true quality of each profile in brackets.</p>");
        sb.Append(SvgChart.Bars(520, "mean reward per scout (millions of base units)",
            [.. result.Profiles.Select(p => ($"{p.Profile.ToString().ToLowerInvariant()} [{p.MeanTrueQuality:0.00}]", p.MeanReward / 1e6, ColorOf(p.Profile)))], "0.0"));
        sb.Append("</div></div>");

        sb.Append("<h2>Leaderboard</h2><table><tr><th>rank</th><th>scout</th><th>rating</th><th>95% CI</th><th>Elo</th><th>performance</th><th>quality</th><th>reward</th><th>true quality</th><th>profile</th></tr>");
        int rank = 1;
        foreach (var e in result.Leaderboard)
            sb.Append(ci, $"<tr><td>{rank++}</td><td>{WebUtility.HtmlEncode(e.Node)}</td><td>{e.Rating:0}</td><td>[{e.Low:0}, {e.High:0}]</td><td>{e.Elo:0}</td><td>{e.Performance:0.000}</td><td>{e.Quality:0.000}</td><td>{e.Reward:N0}</td><td>{e.TrueQuality:0.00}</td><td>{e.Profile.ToString().ToLowerInvariant()}{(e.PassesHealthCheck ? "" : " (fails health check)")}</td></tr>");
        sb.Append("</table>");
        sb.Append(ci, $"<h2>Node rewards by profile</h2><p>Spearman(true quality, reward) = <b>{result.RewardSpearman:0.000}</b>.</p><table><tr><th>profile</th><th>scouts</th><th>mean reward</th><th>mean true quality</th><th>reward per unit true quality</th></tr>");
        foreach (var p in result.Profiles)
            sb.Append(ci, $"<tr><td>{p.Profile.ToString().ToLowerInvariant()}</td><td>{p.Scouts}</td><td>{p.MeanReward:N0}</td><td>{p.MeanTrueQuality:0.00}</td><td>{p.RewardPerUnitQuality:N0}</td></tr>");
        sb.Append("</table>");
        if (deviations is not null)
        {
            sb.Append(ci, $"<h2>Incentive audit</h2><p>Reward of one honest participant that switches strategy while everything else stays fixed. A gain above {deviations.Tolerance:P1} means the deviation pays.</p><table><tr><th>deviation</th><th>participant</th><th>honest reward</th><th>deviating reward</th><th>gain</th><th>verdict</th></tr>");
            foreach (var d in deviations.Deviations)
                sb.Append(ci, $"<tr><td>{DeviationName(d.Kind)}</td><td>{d.Participant}</td><td>{d.HonestReward:N0}</td><td>{d.DeviationReward:N0}</td><td>{d.Gain:+0.0%;-0.0%;0.0%}</td><td>{(d.Pays ? "PAYS" : "does not pay")}</td></tr>");
            sb.Append("</table>");
        }
        sb.Append("</body></html>");
        return sb.ToString();
    }
}
