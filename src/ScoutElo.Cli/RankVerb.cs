using System.CommandLine;
using System.Globalization;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Cli;

internal static partial class Verbs
{
    private static Command Rank()
    {
        var matchesOpt = new Option<string[]>("--matches") { Description = "Match log: JSONL lines {\"a\":\"node1\",\"b\":\"node2\",\"score\":1.0} (optional \"weight\"), in the order played; arena battles with --format arena; CSV with --format csv. Repeat to fit several logs jointly (bt: each its own tie parameter; other methods: played one after another).", Required = true, AllowMultipleArgumentsPerToken = false };
        var format = new Option<string>("--format") { Description = "jsonl (a/b/score, or model_a/model_b/winner per line), arena (the arena's clean-battle JSON array or JSONL: model_a, model_b, winner ∈ model_a|model_b|tie|tie (bothbad)) or csv (a header with a,b,score[,weight] or model_a,model_b,winner).", DefaultValueFactory = _ => "jsonl" };
        var method = new Option<string>("--method") { Description = "elo (online), elo-batch (rating periods), elo-median (the arena's median of shuffled-bootstrap online Elo), glicko2 (rating periods) or bt (Bradley–Terry).", DefaultValueFactory = _ => "elo" };
        var k = new Option<double>("--k") { Description = "Elo K factor.", DefaultValueFactory = _ => 32 };
        var initial = new Option<double>("--initial") { Description = "Initial rating (Elo, Glicko-2 and the Bradley–Terry base).", DefaultValueFactory = _ => 1000 };
        var period = new Option<int?>("--period") { Description = "Matches per rating period for elo-batch and glicko2 (default: half the number of nodes, so each node plays about once per period)." };
        var bootstrap = new Option<int?>("--bootstrap") { Description = "Bootstrap resamples for the intervals (elo, elo-batch, elo-median: default 500; bt: bootstrap instead of the default sandwich intervals)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap.", DefaultValueFactory = _ => 1 };
        var confidence = new Option<double>("--confidence") { Description = "Confidence level of the intervals, in (0, 1).", DefaultValueFactory = _ => 0.95 };
        var ties = new Option<string>("--ties") { Description = "bt: half (a tie is half a win; graded scores allowed), davidson or rao-kupper (ties as their own outcome with a learned tie parameter per log).", DefaultValueFactory = _ => "half" };
        var style = new Option<string?>("--style") { Description = "bt: style covariates FEATURE[,FEATURE…] read from per-side fields FEATURE_a and FEATURE_b; covariate (f_a − f_b)/(f_a + f_b) standardised over the log; ratings net of style." };
        var anchor = new Option<string?>("--anchor") { Description = "bt: NODE=RATING pins NODE at RATING; intervals are computed under the anchor." };
        var l2 = new Option<double?>("--l2") { Description = "bt: the arena's L2-penalised fit with scikit-learn's C (the arena used C = 1); default unpenalised." };
        var l2Scope = new Option<string>("--l2-scope") { Description = "bt with --l2: all (every rating and style coefficient, as the FastChat code) or style (only style coefficients, as arena-rank).", DefaultValueFactory = _ => "all" };
        var weights = new Option<string>("--weights") { Description = "bt: frequency (a weight w is w repeated matches) or importance (a weight is an importance weight of one match; intervals do not depend on the weights' scale).", DefaultValueFactory = _ => "frequency" };
        var logWeights = new Option<string?>("--log-weights") { Description = "bt with several --matches: W1,W2,… multiplies every match weight of the k-th log by Wk (how much each dataset counts in the joint fit)." };
        var bothBad = new Option<string>("--both-bad") { Description = "What a 'tie (bothbad)' is: tie (the arena's choice) or drop.", DefaultValueFactory = _ => "tie" };
        var cmd = new Command("rank", Help("Rank nodes from a match log with Elo (online, batch or the arena's bootstrap median), Glicko-2 or Bradley–Terry (ties, style control, anchors, L2), with intervals.",
                "scoutelo rank --matches scoutelo-demo/matches.jsonl",
                "scoutelo rank --matches scoutelo-demo/matches.jsonl --method bt --json",
                "scoutelo rank --matches battles.json --format arena --method bt --ties rao-kupper --bootstrap 500",
                "scoutelo rank --matches battles.json --format arena --method bt --style sum_assistant_tokens --anchor gpt-4=1250",
                "scoutelo rank --matches matches.jsonl --method glicko2 --period 10"))
            { matchesOpt, format, method, k, initial, period, bootstrap, seed, confidence, ties, style, anchor, l2, l2Scope, weights, logWeights, bothBad, Cli.Json };
        cmd.SetAction(r => Cli.Run(() =>
        {
            string[] paths = r.GetValue(matchesOpt)!;
            string m = r.GetValue(method)!;
            if (m is not ("elo" or "elo-batch" or "elo-median" or "glicko2" or "bt")) throw new ArgumentException($"--method: unknown method '{m}'; {Cli.Suggest(m, "elo", "elo-batch", "elo-median", "glicko2", "bt")}.");
            string f = r.GetValue(format)!;
            if (f is not ("jsonl" or "arena" or "csv")) throw new ArgumentException($"--format: unknown format '{f}'; {Cli.Suggest(f, "jsonl", "arena", "csv")}.");
            double init = r.GetValue(initial);
            if (!double.IsFinite(init)) throw new ArgumentException($"--initial: must be a finite number, got {init.ToString(CultureInfo.InvariantCulture)}.");
            double kValue = r.GetValue(k);
            if (!double.IsFinite(kValue) || kValue <= 0) throw new ArgumentException($"--k: must be finite and positive, got {kValue.ToString(CultureInfo.InvariantCulture)}.");
            double level = r.GetValue(confidence);
            if (!double.IsFinite(level) || level is <= 0 or >= 1) throw new ArgumentException($"--confidence: must be in (0, 1), got {level.ToString(CultureInfo.InvariantCulture)}.");
            // A flag that does not apply to the method is an error, never silently ignored.
            RejectUnless(r, k, m is "elo" or "elo-batch" or "elo-median", m, "elo, elo-batch and elo-median");
            RejectUnless(r, period, m is "elo-batch" or "glicko2", m, "elo-batch and glicko2");
            RejectUnless(r, bootstrap, m is not "glicko2", m, "elo, elo-batch, elo-median and bt");
            RejectUnless(r, seed, m is not "glicko2", m, "elo, elo-batch, elo-median and bt");
            RejectUnless(r, confidence, m is not "glicko2", m, "elo, elo-batch, elo-median and bt; glicko2 reports ±1.96 deviations");
            foreach (var btOnly in new Option[] { ties, style, anchor, l2, l2Scope, weights, logWeights }) RejectUnless(r, btOnly, m == "bt", m, "bt");
            if (r.GetValue(l2) is null && r.GetResult(l2Scope) is { Implicit: false }) throw new ArgumentException("--l2-scope: applies only with --l2 C.");
            if (m == "bt" && r.GetValue(bootstrap) is null && r.GetResult(seed) is { Implicit: false })
                throw new ArgumentException("--seed: seeds the bootstrap, and --method bt uses sandwich intervals unless --bootstrap N is given.");
            if (r.GetValue(period) is < 1) throw new ArgumentException("--period: must be at least 1.");
            if (r.GetValue(bootstrap) is < 20) throw new ArgumentException("--bootstrap: must be at least 20.");
            string tieName = r.GetValue(ties)!;
            var tieModel = tieName switch
            {
                "half" => TieModel.HalfWin,
                "davidson" => TieModel.Davidson,
                "rao-kupper" => TieModel.RaoKupper,
                _ => throw new ArgumentException($"--ties: unknown tie model '{tieName}'; {Cli.Suggest(tieName, "half", "davidson", "rao-kupper")}."),
            };
            string[] features = r.GetValue(style) is { } s ? [.. s.Split(',', StringSplitOptions.TrimEntries)] : [];
            if (features.Any(x => x.Length == 0)) throw new ArgumentException("--style: feature names must be non-empty (FEATURE[,FEATURE…]).");
            if (features.Distinct(StringComparer.Ordinal).Count() != features.Length) throw new ArgumentException("--style: a feature is listed twice.");
            RatingAnchor? pin = null;
            if (r.GetValue(anchor) is { } a)
            {
                int eq = a.LastIndexOf('=');
                if (eq <= 0 || !double.TryParse(a[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double rating) || !double.IsFinite(rating))
                    throw new ArgumentException($"--anchor: expected NODE=RATING (for example gpt-4=1250), got '{a}'.");
                pin = new RatingAnchor(a[..eq], rating);
            }
            L2Penalty? penalty = null;
            if (r.GetValue(l2) is { } c)
            {
                if (!double.IsFinite(c) || c <= 0 || c > 1e12) throw new ArgumentException($"--l2: C must be positive (and at most 1e12), got {c.ToString(CultureInfo.InvariantCulture)}.");
                string scope = r.GetValue(l2Scope)!;
                penalty = new L2Penalty(c, scope switch
                {
                    "all" => PenaltyScope.AllParameters,
                    "style" => PenaltyScope.StyleOnly,
                    _ => throw new ArgumentException($"--l2-scope: unknown scope '{scope}'; {Cli.Suggest(scope, "all", "style")}."),
                });
            }
            string weightName = r.GetValue(weights)!;
            var weightKind = weightName switch
            {
                "frequency" => WeightKind.Frequency,
                "importance" => WeightKind.Importance,
                _ => throw new ArgumentException($"--weights: unknown kind '{weightName}'; {Cli.Suggest(weightName, "frequency", "importance")}."),
            };
            string bb = r.GetValue(bothBad)!;
            if (bb is not ("tie" or "drop")) throw new ArgumentException($"--both-bad: unknown policy '{bb}'; {Cli.Suggest(bb, "tie", "drop")}.");
            foreach (var path in paths)
            {
                if (!File.Exists(path)) throw new FileNotFoundException($"--matches: file '{path}' not found.", path);
            }
            var comparisons = new List<PairwiseComparison>();
            double[] logScale = [.. Enumerable.Repeat(1.0, paths.Length)];
            if (r.GetValue(logWeights) is { } lw)
            {
                var parts = lw.Split(',', StringSplitOptions.TrimEntries);
                if (parts.Length != paths.Length) throw new ArgumentException($"--log-weights: give one weight per --matches file ({paths.Length}), got {parts.Length}.");
                for (int i = 0; i < parts.Length; i++)
                {
                    if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out logScale[i]) || !double.IsFinite(logScale[i]) || logScale[i] <= 0)
                        throw new ArgumentException($"--log-weights: weights must be positive numbers, got '{parts[i]}'.");
                }
            }
            for (int log = 0; log < paths.Length; log++)
            {
                var read = MatchLogReader.Read(paths[log], f, log, features);
                if (logScale[log] != 1)
                {
                    for (int i = 0; i < read.Count; i++)
                    {
                        var scaled = read[i] with { Weight = read[i].Weight * logScale[log] };
                        if (scaled.Problem() is { } problem) throw new ArgumentException($"--log-weights: {paths[log]}, match {i + 1}: {problem}.");
                        read[i] = scaled;
                    }
                }
                comparisons.AddRange(read);
            }
            if (bb == "drop") comparisons.RemoveAll(x => x.BothBad);
            if (comparisons.Count == 0) throw new FormatException("--matches: no match is left after --both-bad drop.");

            IReadOnlyList<RatingInterval> rows;
            BradleyTerryResult? fit = null;
            if (m == "bt")
            {
                var options = new BradleyTerryOptions
                {
                    BaseRating = init,
                    Confidence = level,
                    Ties = tieModel,
                    StyleFeatures = features,
                    Anchor = pin,
                    L2 = penalty,
                    Weights = weightKind,
                };
                if (r.GetValue(bootstrap) is int rounds) options = options with { Intervals = IntervalMethod.Bootstrap, BootstrapRounds = rounds, Seed = r.GetValue(seed) };
                if (pin is { } p && !comparisons.Any(x => x.A == p.Node || x.B == p.Node))
                {
                    throw new ArgumentException($"--anchor: '{p.Node}' is not a node of the match log{(Cli.Closest(p.Node, comparisons.SelectMany(x => new[] { x.A, x.B }).Distinct()) is { } near ? $"; did you mean '{near}'?" : ".")}");
                }
                fit = BradleyTerry.Fit(comparisons, options);
                rows = [.. fit.Ratings.Select(x => new RatingInterval(x.Node, x.Rating, x.Low, x.High))];
            }
            else
            {
                var matches = comparisons.Select(x => new MatchResult(x.A, x.B, x.Score, x.Weight)).ToList();
                int nodes = matches.SelectMany(x => new[] { x.A, x.B }).Distinct(StringComparer.Ordinal).Count();
                int periodSize = r.GetValue(period) ?? Math.Max(1, nodes / 2);
                if (m is "elo-batch" or "glicko2")
                {
                    int most = EloIntervals.MaxGamesPerNodeInAPeriod(matches, periodSize);
                    if (most > 6)
                        Console.Error.WriteLine($"scoutelo: warning: a node plays {most} matches within one rating period of {periodSize} matches; batch updates judge them all against start-of-period ratings. Use a smaller --period.");
                }
                var eloOptions = new EloOptions { InitialRating = init, KFactor = KFactorPolicy.Fixed(kValue) };
                switch (m)
                {
                    case "elo":
                    case "elo-batch":
                        rows = EloIntervals.Compute(matches, eloOptions, m == "elo" ? null : periodSize, r.GetValue(bootstrap) ?? 500, r.GetValue(seed), level);
                        break;
                    case "elo-median":
                        rows = EloIntervals.MedianOfShuffledBootstrap(matches, eloOptions, r.GetValue(bootstrap) ?? 500, r.GetValue(seed), level);
                        break;
                    default:
                    {
                        var table = new Glicko2RatingTable(new Glicko2Options { InitialRating = init });
                        for (int start = 0; start < matches.Count; start += periodSize) table.ApplyBatch(matches.GetRange(start, Math.Min(periodSize, matches.Count - start)));
                        rows = [.. table.Nodes.Select(p => new RatingInterval(p.Key, p.Value.Rating, p.Value.Rating - (1.96 * p.Value.Deviation), p.Value.Rating + (1.96 * p.Value.Deviation)))];
                        break;
                    }
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
                    w.WriteStartObject();
                    w.WriteString("method", m);
                    w.WriteNumber("confidence", m == "glicko2" ? 0.95 : level);
                    w.WriteStartArray("nodes");
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
                    if (fit is { Ties.Count: > 0 })
                    {
                        w.WriteStartObject("ties");
                        w.WriteString("model", tieName);
                        w.WriteNumber("tieParameter", fit.Ties[0].Value);
                        w.WriteNumber("low", fit.Ties[0].Low);
                        w.WriteNumber("high", fit.Ties[0].High);
                        w.WriteStartArray("logs");
                        foreach (var t in fit.Ties)
                        {
                            w.WriteStartObject();
                            w.WriteString("file", paths[t.Log]);
                            w.WriteNumber("tieParameter", t.Value);
                            w.WriteNumber("low", t.Low);
                            w.WriteNumber("high", t.High);
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    else
                    {
                        w.WriteNull("ties");
                    }
                    if (fit is { Style.Count: > 0 })
                    {
                        w.WriteStartObject("style");
                        foreach (var g in fit.Style)
                        {
                            w.WriteStartObject(g.Feature);
                            w.WriteNumber("coefficient", g.Coefficient);
                            w.WriteNumber("low", g.Low);
                            w.WriteNumber("high", g.High);
                            w.WriteNumber("coefficientElo", g.CoefficientElo);
                            w.WriteEndObject();
                        }
                        w.WriteEndObject();
                    }
                    else
                    {
                        w.WriteNull("style");
                    }
                    if (fit is { DegenerateResamples: > 0 }) w.WriteNumber("degenerateResamples", fit.DegenerateResamples);
                    w.WriteEndObject();
                }));
            }
            else
            {
                string pct = (level * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
                Console.WriteLine($"{"rank",4} {"node",-24} {"rating",8}  {(m == "glicko2" ? "95%" : pct)} interval");
                for (int i = 0; i < rows.Count; i++)
                    Console.WriteLine($"{ranks[i],4} {rows[i].Node,-24} {rows[i].Rating,8:0.0}  [{rows[i].Low:0.0}, {rows[i].High:0.0}]");
                foreach (var t in fit?.Ties ?? [])
                    Console.WriteLine($"tie parameter ({tieName}{(paths.Length > 1 ? ", " + paths[t.Log] : "")}): {t.Value:0.0000} [{t.Low:0.0000}, {t.High:0.0000}]");
                foreach (var g in fit?.Style ?? [])
                    Console.WriteLine($"style {g.Feature}: {g.Coefficient:0.0000} log-odds per sd [{g.Low:0.0000}, {g.High:0.0000}] = {g.CoefficientElo:0.0} Elo points");
                if (fit is { DegenerateResamples: > 0 })
                    Console.Error.WriteLine($"scoutelo: {fit.DegenerateResamples} bootstrap resample(s) were degenerate (a node cut off and redrawn, or undefeated/winless and regularised).");
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
}
