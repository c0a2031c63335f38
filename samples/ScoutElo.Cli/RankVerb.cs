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
        var bootstrap = new Option<int?>("--bootstrap") { Description = "Bootstrap resamples for the 95% intervals (elo and elo-batch: default 200; bt: bootstrap instead of the default sandwich intervals)." };
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
            // A flag that does not apply to the method is an error, never silently ignored.
            RejectUnless(r, k, m is "elo" or "elo-batch", m, "elo and elo-batch");
            RejectUnless(r, period, m is "elo-batch" or "glicko2", m, "elo-batch and glicko2");
            RejectUnless(r, bootstrap, m is not "glicko2", m, "elo, elo-batch and bt");
            RejectUnless(r, seed, m is not "glicko2", m, "elo, elo-batch and bt");
            if (m == "bt" && r.GetValue(bootstrap) is null && r.GetResult(seed) is { Implicit: false })
                throw new ArgumentException("--seed: seeds the bootstrap, and --method bt uses sandwich intervals unless --bootstrap N is given.");
            if (r.GetValue(period) is < 1) throw new ArgumentException("--period: must be at least 1.");
            if (r.GetValue(bootstrap) is < 20) throw new ArgumentException("--bootstrap: must be at least 20.");
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
                    rows = EloIntervals.Compute(matches, new EloOptions { InitialRating = init, KFactor = KFactorPolicy.Fixed(kValue) }, m == "elo" ? null : periodSize, r.GetValue(bootstrap) ?? 200, r.GetValue(seed));
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
                    var options = new BradleyTerryOptions { BaseRating = init };
                    if (r.GetValue(bootstrap) is int rounds) options = options with { Intervals = IntervalMethod.Bootstrap, BootstrapRounds = rounds, Seed = r.GetValue(seed) };
                    var fit = BradleyTerry.Fit(matches, options);
                    rows = [.. fit.Ratings.Select(x => new RatingInterval(x.Node, x.Rating, x.Low, x.High))];
                    break;
                }
            }
            rows = [.. rows.OrderByDescending(x => x.Rating).ThenBy(x => x.Node, StringComparer.Ordinal)];
            // Rank as BradleyTerryRating defines it, for every method: 1 + the nodes whose lower bound exceeds this node's
            // upper bound, so nodes the intervals cannot separate share a rank.
            int[] ranks = [.. rows.Select(x => 1 + rows.Count(y => y.Low > x.High))];
            if (r.GetValue(Cli.Json))
            {
                Console.WriteLine(Cli.WriteJson(w =>
                {
                    w.WriteStartArray();
                    for (int i = 0; i < rows.Count; i++)
                    {
                        var x = rows[i];
                        w.WriteStartObject();
                        w.WriteString("node", x.Node);
                        w.WriteNumber("rating", x.Rating);
                        w.WriteNumber("low", x.Low);
                        w.WriteNumber("high", x.High);
                        w.WriteNumber("rank", ranks[i]);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }));
            }
            else
            {
                Console.WriteLine($"{"rank",4} {"node",-24} {"rating",8}  95% interval");
                for (int i = 0; i < rows.Count; i++)
                    Console.WriteLine($"{ranks[i],4} {rows[i].Node,-24} {rows[i].Rating,8:0.0}  [{rows[i].Low:0.0}, {rows[i].High:0.0}]");
            }
            return 0;
        }));
        return cmd;
    }

    private static void RejectUnless(ParseResult r, Option option, bool applies, string method, string where)
    {
        if (!applies && r.GetResult(option) is { Implicit: false })
            throw new ArgumentException($"{option.Name}: does not apply to --method {method} (it applies to {where}).");
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
