using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using ScoutElo.Scoring.ProofOfQuality;
using Spectre.Console;

namespace ScoutElo.Cli;

internal static partial class Verbs
{
    private static readonly string[] LeaderboardColumns = ["rank", "scout", "rating", "95% CI", "Elo", "performance", "quality", "reward", "true q", "profile"]; // reward in thousands of base units;

    private static Command Simulate()
    {
        var scouts = new Option<int>("--scouts") { Description = "Inference nodes (scouts).", DefaultValueFactory = _ => 24 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds (one request each).", DefaultValueFactory = _ => 2000 };
        var evaluators = new Option<int>("--evaluators") { Description = "Evaluator nodes.", DefaultValueFactory = _ => 9 };
        var malicious = new Option<double>("--malicious") { Description = "Fraction of malicious evaluators, in [0, 1).", DefaultValueFactory = _ => 0.3 };
        var seed = new Option<int>("--seed") { Description = "Seed.", DefaultValueFactory = _ => 1 };
        var report = new Option<string?>("--report") { Description = "Directory to write an HTML report into (rating trajectories, calibration chart)." };
        var cmd = new Command("simulate", "Simulate a decentralized inference network end to end (score → PoQ → rewards → Elo/Glicko-2) and print the leaderboard.")
            { scouts, rounds, evaluators, malicious, seed, report, Cli.Json };
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
            };
            var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            NetworkSimulationResult result = null!;
            if (Console.IsErrorRedirected)
            {
                result = NetworkSimulation.Run(options);
            }
            else
            {
                stderr.Progress().AutoClear(true).Start(ctx =>
                {
                    var task = ctx.AddTask("simulating rounds", maxValue: options.Rounds);
                    result = NetworkSimulation.Run(options, new Progress<int>(done => task.Value = done));
                    task.Value = options.Rounds;
                });
            }
            if (r.GetValue(report) is { } dir)
            {
                Directory.CreateDirectory(dir);
                string file = Path.Combine(dir, "index.html");
                File.WriteAllText(file, Html(result, options));
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
                        w.WriteString("profile", e.Profile);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteNumber("groundTruthSpearman", result.GroundTruthSpearman);
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
            var table = new Table().Border(TableBorder.Rounded).Title($"[bold]Scout leaderboard[/] after {options.Rounds} rounds (Glicko-2, 95% CI)");
            foreach (var c in LeaderboardColumns) table.AddColumn(c);
            int i = 1;
            foreach (var e in result.Leaderboard)
            {
                table.AddRow(
                    (i++).ToString(CultureInfo.InvariantCulture), e.Node, e.Rating.ToString("0", CultureInfo.InvariantCulture),
                    $"[{e.Low:0}, {e.High:0}]".Replace("[", "[[", StringComparison.Ordinal).Replace("]", "]]", StringComparison.Ordinal),
                    e.Elo.ToString("0", CultureInfo.InvariantCulture), e.Performance.ToString("0.000", CultureInfo.InvariantCulture),
                    e.Quality.ToString("0.000", CultureInfo.InvariantCulture), (e.Reward / 1000.0).ToString("N0", CultureInfo.InvariantCulture) + "k",
                    e.TrueQuality.ToString("0.00", CultureInfo.InvariantCulture), e.Profile);
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, $"Spearman(true quality, rating) = [bold]{result.GroundTruthSpearman:0.000}[/]");
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, $"PoQ (trust-weighted): consensus MAE {result.ConsensusMae:0.000}; malicious evaluators {result.MaliciousEvaluators}/{options.Evaluators} earned {result.MaliciousRewardShare:P1} of evaluator rewards (headcount share {result.MaliciousHeadcountShare:P1})");
            return 0;
        }));
        return cmd;
    }

    private static string Html(NetworkSimulationResult result, NetworkSimulationOptions options)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>scoutelo simulate</title><style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right}td:nth-child(2),th:nth-child(2){text-align:left}svg{background:#fafafa;border:1px solid #ddd}</style></head><body>");
        sb.Append(ci, $"<h1>Simulated inference network</h1><p>{options.Scouts} scouts, {options.Rounds} rounds, {options.Evaluators} evaluators ({result.MaliciousEvaluators} malicious), seed {options.Seed}. Spearman(true quality, rating) = <b>{result.GroundTruthSpearman:0.000}</b>. Malicious evaluators earned {result.MaliciousRewardShare:P1} of evaluator rewards (headcount {result.MaliciousHeadcountShare:P1}).</p>");

        // Rating trajectories.
        const int W = 900, H = 380, Pad = 40;
        double minR = result.Trajectories.SelectMany(t => t.Ratings.Values).Min(), maxR = result.Trajectories.SelectMany(t => t.Ratings.Values).Max();
        int lastRound = result.Trajectories[^1].Round;
        double X(int round) => Pad + ((W - (2 * Pad)) * (double)round / lastRound);
        double Y(double rating) => H - Pad - ((H - (2 * Pad)) * (rating - minR) / Math.Max(1, maxR - minR));
        sb.Append(ci, $"<h2>Rating trajectories (Glicko-2)</h2><svg width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\">");
        sb.Append(ci, $"<text x=\"{Pad}\" y=\"{Pad - 10}\" font-size=\"12\">{maxR:0}</text><text x=\"{Pad}\" y=\"{H - 10}\" font-size=\"12\">{minR:0} · round 0 → {lastRound}</text>");
        var nodes = result.Leaderboard.Select(e => e.Node).ToList();
        for (int n = 0; n < nodes.Count; n++)
        {
            double hue = 360.0 * n / nodes.Count;
            var pts = string.Join(' ', result.Trajectories.Select(t => $"{X(t.Round).ToString("0.0", ci)},{Y(t.Ratings[nodes[n]]).ToString("0.0", ci)}"));
            sb.Append(ci, $"<polyline fill=\"none\" stroke=\"hsl({hue:0},70%,45%)\" stroke-width=\"1.5\" points=\"{pts}\"><title>{WebUtility.HtmlEncode(nodes[n])}</title></polyline>");
        }
        sb.Append("</svg>");

        // Calibration chart: PoQ consensus against true quality.
        const int S = 380;
        sb.Append(ci, $"<h2>Calibration: PoQ consensus vs true quality</h2><svg width=\"{S}\" height=\"{S}\" viewBox=\"0 0 {S} {S}\"><line x1=\"{Pad}\" y1=\"{S - Pad}\" x2=\"{S - Pad}\" y2=\"{Pad}\" stroke=\"#999\" stroke-dasharray=\"4\"/>");
        foreach (var (t, c) in result.QualityPoints.Take(3000))
            sb.Append(ci, $"<circle cx=\"{(Pad + ((S - (2 * Pad)) * t)).ToString("0.0", ci)}\" cy=\"{(S - Pad - ((S - (2 * Pad)) * c)).ToString("0.0", ci)}\" r=\"1.5\" fill=\"#36c\" fill-opacity=\"0.3\"/>");
        sb.Append(ci, $"<text x=\"{Pad}\" y=\"{S - 10}\" font-size=\"12\">true quality →</text><text x=\"4\" y=\"{Pad - 10}\" font-size=\"12\">consensus ↑</text></svg>");

        sb.Append("<h2>Leaderboard</h2><table><tr><th>rank</th><th>scout</th><th>rating</th><th>95% CI</th><th>Elo</th><th>performance</th><th>quality</th><th>reward</th><th>true quality</th><th>profile</th></tr>");
        int rank = 1;
        foreach (var e in result.Leaderboard)
            sb.Append(ci, $"<tr><td>{rank++}</td><td>{WebUtility.HtmlEncode(e.Node)}</td><td>{e.Rating:0}</td><td>[{e.Low:0}, {e.High:0}]</td><td>{e.Elo:0}</td><td>{e.Performance:0.000}</td><td>{e.Quality:0.000}</td><td>{e.Reward:N0}</td><td>{e.TrueQuality:0.00}</td><td>{e.Profile}</td></tr>");
        sb.Append("</table></body></html>");
        return sb.ToString();
    }
}
