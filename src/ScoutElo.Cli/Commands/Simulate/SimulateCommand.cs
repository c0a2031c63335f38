using System.CommandLine;
using System.Globalization;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;
using ScoutElo.Scoring.Simulation;
using Spectre.Console;

namespace ScoutElo.Cli.Commands.Simulate;

/// <summary>The <c>simulate</c> verb: the simulated network end to end (and the incentive audit), then the leaderboard as
/// JSON, tables and optionally an HTML report.</summary>
internal static class SimulateCommand
{
    private static readonly string[] ProfileColumns = ["profile", "scouts", "mean reward (M)", "mean true q", "reward / true q (M)"];
    private static readonly string[] DeviationColumns = ["deviation", "who", "honest M", "deviating M", "gain", "profit gain", "verdict"];
    private static readonly string[] LeaderboardColumns = ["#", "scout", "rating", "±95%", "perf", "qual", "reward", "true q", "profile"];

    public static int Run(CliContext r, SimulateCommandDefinition d)
    {
        var options = Options(r, d);
        var (result, deviations) = Execute(r, d, options);
        if (r.GetValue(Cli.Json))
        {
            r.Out.WriteLine(ReportJson.Serialize(Report(result, deviations, options)));
            return 0;
        }
        WriteTables(r, result, deviations, options);
        return 0;
    }

    private static NetworkSimulationOptions Options(CliContext r, SimulateCommandDefinition d) => new()
    {
        Scouts = r.GetValue(d.Scouts),
        Rounds = r.GetValue(d.Rounds),
        Evaluators = r.GetValue(d.Evaluators),
        MaliciousFraction = r.GetValue(d.Malicious),
        Seed = r.GetValue(d.Seed),
        ScoutsPerRound = Math.Min(4, Math.Max(2, r.GetValue(d.Scouts))),
        VerifyRate = r.GetValue(d.VerifyRate),
        RewardRule = r.GetValue(d.Rule) switch
        {
            "gated" => NodeRewardRule.QualityGated,
            "cost-aware" => NodeRewardRule.CostAware(1.0, r.GetValue(d.Beta)),
            var other => throw new ArgumentException($"--reward-rule: unknown rule '{other}'; expected gated or cost-aware."),
        },
    };

    private static (NetworkSimulationResult Result, IncentiveAuditResult? Deviations) Execute(CliContext r, SimulateCommandDefinition d, NetworkSimulationOptions options)
    {
        bool audit = !r.GetValue(d.NoAudit);
        bool json = r.GetValue(Cli.Json);
        // Everything is checked before the work starts, so a bad flag never follows a progress line.
        options.Validate();
        int runs = audit ? IncentiveAudit.Runs(options) : 1;
        var trafficTarget = r.GetValue(d.TrafficOut) is { } trafficPath ? OutputTarget.Resolve("--traffic-out", trafficPath, json) : null;
        string? reportDir = r.GetValue(d.Report) is { } dirPath ? Cli.ReportDirectory("--report", dirPath) : null;
        NetworkSimulationResult result = null!;
        IncentiveAuditResult? deviations = null;
        // The traffic goes to a temporary file beside the target, renamed into place only when the run completed.
        using var traffic = trafficTarget is null ? null : new Outputs.Progressive(r, trafficTarget);
        Action<ObservedRound>? observe = traffic is null ? null : round => TrafficJsonl.Write(traffic.Writer, round);
        void Work(Action<int> report)
        {
            var progress = new ProgressLine.Inline(report);
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
        ProgressLine.Track(r, audit ? $"simulating (honest run and {runs - 1} deviations)" : "simulating", checked(options.Rounds * runs), Work);
        if (traffic is not null)
        {
            traffic.Commit();
            r.Error.WriteLine($"traffic: {traffic.Target} ({options.Rounds} rounds)");
        }
        if (reportDir is not null)
        {
            var file = Cli.ReportFile("--report", reportDir);
            string html = SimulateHtml.Html(result, deviations, options, ReportJson.Serialize(Report(result, deviations, options)));
            Outputs.WriteAllOrNone(r, (file, w => w.Write(html)));
            r.Error.WriteLine($"report: {file}");
        }
        return (result, deviations);
    }

    private static SimulationRunReport Report(NetworkSimulationResult result, IncentiveAuditResult? deviations, NetworkSimulationOptions options) =>
        new([.. result.Leaderboard.Select((e, i) => new SimulatedNode(i + 1, e.Node, e.Rating, e.Low, e.High, e.Elo, e.Performance, e.Quality, e.Reward, e.TrueQuality,
                ProfileName(e.Profile), e.PassesHealthCheck, Scoring.WireName.Of(e.Verification)))],
            result.GroundTruthSpearman,
            new RewardFigures(options.RewardRule.Kind == NodeRewardKind.QualityGated ? "gated" : "cost-aware", result.RewardSpearman, result.UnallocatedNodeBudget,
                [.. result.Profiles.Select(p => new ProfileRewardFigures(ProfileName(p.Profile), p.Scouts, p.MeanReward, p.MeanTrueQuality, p.RewardPerUnitQuality))]),
            // the engine's default rule, which the simulation settles with
            new PoqFigures(Scoring.WireName.Of(AggregationRule.TrustWeightedMean), options.Evaluators, result.MaliciousEvaluators, result.ConsensusMae, result.MaliciousRewardShare, result.MaliciousHeadcountShare))
        {
            Incentives = deviations is null ? null : new IncentiveFigures(deviations.IncentiveCompatible, deviations.Tolerance,
                [.. deviations.Deviations.Select(d => new DeviationFigures(DeviationName(d.Kind), d.Participant, d.HonestReward, d.DeviationReward, d.Gain, d.ProfitGain,
                    d.HonestCost, d.DeviationCost, d.Pays || d.ProfitPays))]),
        };

    private static void WriteTables(CliContext r, NetworkSimulationResult result, IncentiveAuditResult? deviations, NetworkSimulationOptions options)
    {
        var console = r.Ansi(); // the summary writer: stderr when --traffic-out - gives stdout to the traffic
        var table = new Table().Border(TableBorder.Simple).Title($"[bold]Scout leaderboard[/] after {options.Rounds} rounds")
            .Caption("rating: Glicko-2, ±95% interval half-width; perf: k1·EEL+k2·SU+k3·OTS; qual: mean PoQ consensus; reward: millions of base units; ✗: fails its health check (claimed-model checks or token verification); hw-noise: honest, on other hardware");
        foreach (var c in LeaderboardColumns) table.AddColumn(new TableColumn(c) { Alignment = c is "scout" or "profile" ? Justify.Left : Justify.Right });
        int i = 1;
        foreach (var e in result.Leaderboard)
        {
            string profile = (e.Profile == ScoutProfile.HardwareNoise ? "hw-noise" : ProfileName(e.Profile)) + (e.PassesHealthCheck ? "" : " [red]✗[/]");
            table.AddRow(
                (i++).ToString(CultureInfo.InvariantCulture), e.Node, e.Rating.ToString("0", CultureInfo.InvariantCulture),
                ((e.High - e.Low) / 2).ToString("0", CultureInfo.InvariantCulture), e.Performance.ToString("0.00", CultureInfo.InvariantCulture),
                e.Quality.ToString("0.000", CultureInfo.InvariantCulture), ((double)e.Reward / 1e6).ToString("0.0", CultureInfo.InvariantCulture),
                e.TrueQuality.ToString("0.00", CultureInfo.InvariantCulture), profile);
        }
        console.Write(table);
        console.MarkupLine(CultureInfo.InvariantCulture, $"Spearman(true quality, rating) = [bold]{result.GroundTruthSpearman:0.000}[/]; Spearman(true quality, reward) = [bold]{result.RewardSpearman:0.000}[/]");
        console.MarkupLine(CultureInfo.InvariantCulture, $"PoQ (trust-weighted, quarantine): consensus MAE {result.ConsensusMae:0.000} vs honest scoring; malicious evaluators {result.MaliciousEvaluators}/{options.Evaluators} earned {result.MaliciousRewardShare:P1} of evaluator rewards (headcount share {result.MaliciousHeadcountShare:P1})");
        var byProfile = new Table().Border(TableBorder.Simple).Title($"[bold]Node rewards by profile[/] ({(options.RewardRule.Kind == NodeRewardKind.QualityGated ? "quality-gated" : "cost-aware")} rule)");
        foreach (var c in ProfileColumns) byProfile.AddColumn(new TableColumn(c) { Alignment = c == "profile" ? Justify.Left : Justify.Right });
        foreach (var p in result.Profiles)
            byProfile.AddRow(ProfileName(p.Profile), p.Scouts.ToString(CultureInfo.InvariantCulture), (p.MeanReward / 1e6).ToString("0.0", CultureInfo.InvariantCulture),
                p.MeanTrueQuality.ToString("0.00", CultureInfo.InvariantCulture), (p.RewardPerUnitQuality / 1e6).ToString("0.0", CultureInfo.InvariantCulture));
        console.Write(byProfile);
        if (deviations is not null)
        {
            var dev = new Table().Border(TableBorder.Simple).Title("[bold]Incentive audit[/]: reward and profit of an honest participant that deviates, all else fixed")
                .Caption($"profit = reward − serving cost at {options.RewardUnitsPerUsd:0.##e+0} base units per USD");
            foreach (var c in DeviationColumns) dev.AddColumn(new TableColumn(c) { Alignment = c is "deviation" or "participant" or "verdict" ? Justify.Left : Justify.Right });
            foreach (var d in deviations.Deviations)
                dev.AddRow(DeviationName(d.Kind), d.Participant, ((double)d.HonestReward / 1e6).ToString("0.00", CultureInfo.InvariantCulture), ((double)d.DeviationReward / 1e6).ToString("0.00", CultureInfo.InvariantCulture),
                    d.Gain.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture), d.ProfitGain.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture),
                    d.Pays || d.ProfitPays ? "[red]PAYS[/]" : "no gain");
            console.Write(dev);
        }
    }

    internal static string DeviationName(DeviationKind kind) => kind switch
    {
        DeviationKind.SubstituteCheaperModel => "cheaper model",
        DeviationKind.Sybil => "sybil (2 ids)",
        DeviationKind.ColludeWithEvaluators => "collude",
        DeviationKind.GoFlaky => "idle 30%",
        DeviationKind.CopyEvaluatorScores => "copy scores",
        DeviationKind.ServeQuantizedModel => "quantized",
        DeviationKind.ServeDistilledModel => "distilled",
        _ => kind.ToString(),
    };

    internal static string ProfileName(ScoutProfile profile) => profile switch
    {
        ScoutProfile.HardwareNoise => "hardware-noise",
        _ => profile.ToString().ToLowerInvariant(),
    };
}
