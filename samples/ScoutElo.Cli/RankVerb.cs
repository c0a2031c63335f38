using System.CommandLine;
using System.Text.Json;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Cli;

internal static partial class Verbs
{
    private static Command Rank()
    {
        var matchesOpt = new Option<string>("--matches") { Description = "JSONL with lines {\"a\":\"node1\",\"b\":\"node2\",\"score\":1.0} (optional \"weight\"), in the order played.", Required = true };
        var method = new Option<string>("--method") { Description = "elo (online), elo-batch (rating periods), glicko2 (rating periods) or bt (Bradley–Terry).", DefaultValueFactory = _ => "elo" };
        var k = new Option<double>("--k") { Description = "Elo K factor.", DefaultValueFactory = _ => 32 };
        var initial = new Option<double>("--initial") { Description = "Initial rating (Elo, Glicko-2 and the Bradley–Terry base).", DefaultValueFactory = _ => 1000 };
        var period = new Option<int?>("--period") { Description = "Matches per rating period for elo-batch and glicko2 (default: half the number of nodes, so each node plays about once per period)." };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the Elo 95% intervals.", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap.", DefaultValueFactory = _ => 1 };
        var cmd = new Command("rank", Help("Rank nodes from a match log with Elo (online or batch), Glicko-2 or Bradley–Terry, with 95% intervals.",
                "scoutelo rank --matches scoutelo-demo/matches.jsonl",
                "scoutelo rank --matches scoutelo-demo/matches.jsonl --method bt --json",
                "scoutelo rank --matches matches.jsonl --method glicko2 --period 10"))
            { matchesOpt, method, k, initial, period, bootstrap, seed, Cli.Json };
        cmd.SetAction(r => Cli.Run(() =>
        {
            string path = r.GetValue(matchesOpt)!;
            string m = r.GetValue(method)!;
            if (m is not ("elo" or "elo-batch" or "glicko2" or "bt")) throw new ArgumentException($"--method: unknown method '{m}'; expected elo, elo-batch, glicko2 or bt.");
            double init = r.GetValue(initial);
            if (!double.IsFinite(init)) throw new ArgumentException($"--initial: must be a finite number, got {init.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            double kValue = r.GetValue(k);
            if (!double.IsFinite(kValue) || kValue <= 0) throw new ArgumentException($"--k: must be finite and positive, got {kValue.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            if (r.GetValue(period) is < 1) throw new ArgumentException("--period: must be at least 1.");
            if (r.GetValue(bootstrap) < 20) throw new ArgumentException("--bootstrap: must be at least 20.");
            if (!File.Exists(path)) throw new FileNotFoundException($"--matches: file '{path}' not found.", path);
            var matches = ReadMatches(path);
            int nodes = matches.SelectMany(x => new[] { x.A, x.B }).Distinct(StringComparer.Ordinal).Count();
            int periodSize = r.GetValue(period) ?? Math.Max(1, nodes / 2);
            if (m is "elo-batch" or "glicko2")
            {
                int most = EloIntervals.MaxGamesPerNodeInAPeriod(matches, periodSize);
                if (most > 6)
                    Console.Error.WriteLine($"scoutelo: warning: a node plays {most} matches within one rating period of {periodSize} matches; batch updates judge them all against start-of-period ratings. Use a smaller --period.");
            }
            IReadOnlyList<RatingInterval> rows;
            switch (m)
            {
                case "elo":
                case "elo-batch":
                    rows = EloIntervals.Compute(matches, new EloOptions { InitialRating = init, KFactor = KFactorPolicy.Fixed(kValue) }, m == "elo" ? null : periodSize, r.GetValue(bootstrap), r.GetValue(seed));
                    break;
                case "glicko2":
                {
                    var table = new Glicko2RatingTable(new Glicko2Options { InitialRating = init });
                    for (int start = 0; start < matches.Count; start += periodSize) table.ApplyBatch(matches.GetRange(start, Math.Min(periodSize, matches.Count - start)));
                    rows = [.. table.Nodes.Select(p => new RatingInterval(p.Key, p.Value.Rating, p.Value.Rating - (1.96 * p.Value.Deviation), p.Value.Rating + (1.96 * p.Value.Deviation)))];
                    break;
                }
                default:
                {
                    var fit = BradleyTerry.Fit(matches, new BradleyTerryOptions { BaseRating = init });
                    rows = [.. fit.Ratings.Select(x => new RatingInterval(x.Node, x.Rating, x.Low, x.High))];
                    break;
                }
            }
            rows = [.. rows.OrderByDescending(x => x.Rating).ThenBy(x => x.Node, StringComparer.Ordinal)];
            if (r.GetValue(Cli.Json))
            {
                Console.WriteLine(Cli.WriteJson(w =>
                {
                    w.WriteStartArray();
                    foreach (var x in rows)
                    {
                        w.WriteStartObject();
                        w.WriteString("node", x.Node);
                        w.WriteNumber("rating", x.Rating);
                        w.WriteNumber("low", x.Low);
                        w.WriteNumber("high", x.High);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }));
            }
            else
            {
                int rank = 1;
                Console.WriteLine($"  # {"node",-24} {"rating",8}  95% interval");
                foreach (var x in rows) Console.WriteLine($"{rank++,3} {x.Node,-24} {x.Rating,8:0.0}  [{x.Low:0.0}, {x.High:0.0}]");
            }
            return 0;
        }));
        return cmd;
    }

    private static List<MatchResult> ReadMatches(string path)
    {
        var list = new List<MatchResult>();
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new FormatException("expected a JSON object {\"a\":..,\"b\":..,\"score\":..}");
                if (!root.TryGetProperty("a", out var pa) || !root.TryGetProperty("b", out var pb) || !root.TryGetProperty("score", out var ps))
                    throw new FormatException("a match needs \"a\", \"b\" and \"score\" (is this a match log? logged-output JSONL goes to score/calibrate/evaluate)");
                string a = pa.ValueKind == JsonValueKind.String ? pa.GetString()! : throw new FormatException("\"a\" must be a string");
                string b = pb.ValueKind == JsonValueKind.String ? pb.GetString()! : throw new FormatException("\"b\" must be a string");
                double score = ps.ValueKind == JsonValueKind.Number ? ps.GetDouble() : throw new FormatException("\"score\" must be a number");
                double weight = 1;
                if (root.TryGetProperty("weight", out var w) && w.ValueKind != JsonValueKind.Null)
                    weight = w.ValueKind == JsonValueKind.Number ? w.GetDouble() : throw new FormatException("\"weight\" must be a number");
                var match = new MatchResult(a, b, score, weight);
                if (match.Problem() is { } problem) throw new FormatException(problem); // the library's own rules, one place
                list.Add(match);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"{Path.GetFileName(path)}:{line}: {e.Message}", e);
            }
        }
        if (list.Count == 0) throw new FormatException($"{Path.GetFileName(path)}: holds no matches.");
        return list;
    }
}
