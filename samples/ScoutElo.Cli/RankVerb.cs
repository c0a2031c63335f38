using System.CommandLine;
using System.Text.Json;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Cli;

internal static partial class Verbs
{
    private static Command Rank()
    {
        var matchesOpt = new Option<string>("--matches") { Description = "JSONL with lines {\"a\":\"node1\",\"b\":\"node2\",\"score\":1.0} (optional \"weight\").", Required = true };
        var method = new Option<string>("--method") { Description = "elo, elo-batch, glicko2 or bt.", DefaultValueFactory = _ => "elo" };
        var k = new Option<double>("--k") { Description = "Elo K factor.", DefaultValueFactory = _ => 32 };
        var initial = new Option<double>("--initial") { Description = "Initial rating (Elo and the Bradley–Terry base).", DefaultValueFactory = _ => 1000 };
        var cmd = new Command("rank", "Rank nodes from a match log with Elo (online or batch), Glicko-2 or Bradley–Terry.") { matchesOpt, method, k, initial, Cli.Json };
        cmd.SetAction(r => Cli.Run(() =>
        {
            string path = r.GetValue(matchesOpt)!;
            if (!File.Exists(path)) throw new FileNotFoundException($"Match file '{path}' not found.", path);
            var matches = ReadMatches(path);
            var rows = new List<(string Node, double Rating, double Low, double High)>();
            switch (r.GetValue(method))
            {
                case "elo":
                case "elo-batch":
                {
                    var table = new EloRatingTable(new EloOptions { InitialRating = r.GetValue(initial), KFactor = KFactorPolicy.Fixed(r.GetValue(k)) });
                    if (r.GetValue(method) == "elo") table.ApplySequential(matches.ToArray());
                    else table.ApplyBatch(matches.ToArray());
                    rows.AddRange(table.Nodes.Select(n => (n, table.Rating(n), table.Rating(n), table.Rating(n))));
                    break;
                }
                case "glicko2":
                {
                    var table = new Glicko2RatingTable(new Glicko2Options { InitialRating = r.GetValue(initial) });
                    table.ApplyRatingPeriod(matches);
                    rows.AddRange(table.Nodes.Select(p => (p.Key, p.Value.Rating, p.Value.Rating - (1.96 * p.Value.Deviation), p.Value.Rating + (1.96 * p.Value.Deviation))));
                    break;
                }
                case "bt":
                {
                    var fit = BradleyTerry.Fit(matches, new BradleyTerryOptions { BaseRating = r.GetValue(initial) });
                    rows.AddRange(fit.Ratings.Select(x => (x.Node, x.Rating, x.Low, x.High)));
                    break;
                }
                default:
                    throw new ArgumentException($"Unknown --method '{r.GetValue(method)}'; expected elo, elo-batch, glicko2 or bt.", "method");
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
                foreach (var x in rows) Console.WriteLine($"{rank++,3}. {x.Node,-24} {x.Rating,8:0.0}  [{x.Low:0.0}, {x.High:0.0}]");
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
                string a = root.GetProperty("a").GetString() ?? throw new FormatException("'a' is null");
                string b = root.GetProperty("b").GetString() ?? throw new FormatException("'b' is null");
                double score = root.GetProperty("score").GetDouble();
                double weight = root.TryGetProperty("weight", out var w) && w.ValueKind != JsonValueKind.Null ? w.GetDouble() : 1;
                list.Add(new MatchResult(a, b, score, weight)); // validated by the rating methods, which name the match index
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"{Path.GetFileName(path)}:{line}: {e.Message}", e);
            }
        }
        if (list.Count == 0) throw new ArgumentException($"{path} holds no matches.", nameof(path));
        return list;
    }
}
