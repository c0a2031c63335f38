using ScoutElo.Scoring.Reporting;
using System.Globalization;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Ranking;
using ScoutElo.Scoring.Reporting.Results;

namespace ScoutElo.Cli.Commands.Rank;

/// <summary>The <c>rank</c> verb: reads the match logs, fits the chosen method and prints a <see cref="RankingReport"/>
/// (JSON with <c>--json</c>, a table otherwise).</summary>
internal static class RankCommand
{
    public static int Run(CliContext r, RankSettings s)
    {
        var comparisons = Read(s);
        BradleyTerryResult? fit = null;
        var rows = s.Method == RankMethod.BradleyTerry ? FitBradleyTerry(s, comparisons, out fit) : FitElo(r, s, comparisons);
        rows = [.. rows.OrderByDescending(x => x.Rating).ThenBy(x => x.Node, StringComparer.Ordinal)];
        var report = Report(s, rows, fit);
        if (s.Json) r.Out.WriteLine(ReportJson.Serialize(report));
        else WriteText(r, s, report);
        if (!s.Json && fit is { DegenerateResamples: > 0 })
            r.Error.WriteLine($"scoutelo: {fit.DegenerateResamples} bootstrap resample(s) were degenerate (a node cut off and redrawn, or undefeated/winless and regularised).");
        return 0;
    }

    private static List<PairwiseComparison> Read(RankSettings s)
    {
        var comparisons = new List<PairwiseComparison>();
        for (int log = 0; log < s.Paths.Length; log++)
        {
            List<PairwiseComparison> read = [.. MatchLogImport.ReadFile(s.Paths[log], s.Format, log, s.Style)];
            if (s.LogScale[log] != 1)
            {
                for (int i = 0; i < read.Count; i++)
                {
                    var scaled = read[i] with { Weight = read[i].Weight * s.LogScale[log] };
                    if (scaled.Problem() is { } problem) throw new ArgumentException($"--log-weights: {s.Paths[log]}, match {i + 1}: {problem}.");
                    read[i] = scaled;
                }
            }
            comparisons.AddRange(read);
        }
        if (s.BothBad == BothBadPolicy.Drop) comparisons.RemoveAll(x => x.BothBad);
        if (comparisons.Count == 0) throw new FormatException("--matches: no match is left after --both-bad drop.");
        return comparisons;
    }

    private static IReadOnlyList<RatingInterval> FitBradleyTerry(RankSettings s, List<PairwiseComparison> comparisons, out BradleyTerryResult fit)
    {
        var options = new BradleyTerryOptions
        {
            BaseRating = s.Initial,
            Confidence = s.Confidence,
            Ties = s.Ties,
            StyleFeatures = s.Style,
            Anchor = s.Anchor,
            L2 = s.L2,
            Weights = s.Weights,
        };
        if (s.Bootstrap is int rounds) options = options with { Intervals = IntervalMethod.Bootstrap, BootstrapRounds = rounds, Seed = s.Seed };
        if (s.Anchor is { } p && !comparisons.Any(x => x.A == p.Node || x.B == p.Node))
        {
            throw new ArgumentException($"--anchor: '{p.Node}' is not a node of the match log{(Cli.Closest(p.Node, comparisons.SelectMany(x => new[] { x.A, x.B }).Distinct()) is { } near ? $"; did you mean '{near}'?" : ".")}");
        }
        fit = BradleyTerry.Fit(comparisons, options);
        return [.. fit.Ratings.Select(x => new RatingInterval(x.Node, x.Rating, x.Low, x.High))];
    }

    private static IReadOnlyList<RatingInterval> FitElo(CliContext r, RankSettings s, List<PairwiseComparison> comparisons)
    {
        var matches = comparisons.Select(x => new MatchResult(x.A, x.B, x.Score, x.Weight)).ToList();
        int nodes = matches.SelectMany(x => new[] { x.A, x.B }).Distinct(StringComparer.Ordinal).Count();
        int periodSize = s.Period ?? Math.Max(1, nodes / 2);
        if (s.Method is RankMethod.EloBatch or RankMethod.Glicko2)
        {
            int most = EloIntervals.MaxGamesPerNodeInAPeriod(matches, periodSize);
            if (most > 6)
                r.Error.WriteLine($"scoutelo: warning: a node plays {most} matches within one rating period of {periodSize} matches; batch updates judge them all against start-of-period ratings. Use a smaller --period.");
        }
        var eloOptions = new EloOptions { InitialRating = s.Initial, KFactor = KFactorPolicy.Fixed(s.K) };
        switch (s.Method)
        {
            case RankMethod.Elo or RankMethod.EloBatch:
                return EloIntervals.Compute(matches, eloOptions, s.Method == RankMethod.Elo ? null : periodSize, s.Bootstrap ?? 500, s.Seed, s.Confidence);
            case RankMethod.EloMedian:
                return EloIntervals.MedianOfShuffledBootstrap(matches, eloOptions, s.Bootstrap ?? 500, s.Seed, s.Confidence);
            default:
                var table = new Glicko2RatingTable(new Glicko2Options { InitialRating = s.Initial });
                var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(matches);
                for (int start = 0; start < all.Length; start += periodSize) table.ApplyBatch(all.Slice(start, Math.Min(periodSize, all.Length - start)));
                return [.. table.Snapshot().Select(p => new RatingInterval(p.Key, p.Value.Rating, p.Value.Rating - (1.96 * p.Value.Deviation), p.Value.Rating + (1.96 * p.Value.Deviation)))];
        }
    }

    /// <summary>The result record. Rank as <see cref="BradleyTerryRating"/> defines it, for every method: 1 + the nodes whose
    /// lower bound exceeds this node's upper bound, so nodes the intervals cannot separate share a rank.</summary>
    private static RankingReport Report(RankSettings s, IReadOnlyList<RatingInterval> rows, BradleyTerryResult? fit)
    {
        var nodes = rows.Select(x => new RankedNode(x.Node, x.Rating, x.Low, x.High, 1 + rows.Count(y => y.Low > x.High))).ToList();
        TieReport? ties = fit is { Ties.Count: > 0 }
            ? new TieReport(WireName.Of(s.Ties), fit.Ties[0].Value, fit.Ties[0].Low, fit.Ties[0].High,
                [.. fit.Ties.Select(t => new LogTieReport(s.Paths[t.Log], t.Value, t.Low, t.High))])
            : null;
        Dictionary<string, StyleReport>? style = fit is { Style.Count: > 0 }
            ? fit.Style.ToDictionary(g => g.Feature, g => new StyleReport(g.Coefficient, g.Low, g.High, g.CoefficientElo), StringComparer.Ordinal)
            : null;
        return new RankingReport(WireName.Of(s.Method), s.Method == RankMethod.Glicko2 ? 0.95 : s.Confidence, nodes, ties, style)
        {
            DegenerateResamples = fit?.DegenerateResamples ?? 0,
        };
    }

    private static void WriteText(CliContext r, RankSettings s, RankingReport report)
    {
        string pct = (s.Confidence * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
        r.Out.WriteLine($"{"rank",4} {"node",-24} {"rating",8}  {(s.Method == RankMethod.Glicko2 ? "95%" : pct)} interval");
        foreach (var n in report.Nodes) r.Out.WriteLine($"{n.Rank,4} {n.Node,-24} {n.Rating,8:0.0}  [{n.Low:0.0}, {n.High:0.0}]");
        foreach (var t in report.Ties?.Logs ?? [])
            r.Out.WriteLine($"tie parameter ({report.Ties!.Model}{(s.Paths.Length > 1 ? ", " + t.File : "")}): {t.TieParameter:0.0000} [{t.Low:0.0000}, {t.High:0.0000}]");
        foreach (var (feature, g) in report.Style ?? new Dictionary<string, StyleReport>())
            r.Out.WriteLine($"style {feature}: {g.Coefficient:0.0000} log-odds per sd [{g.Low:0.0000}, {g.High:0.0000}] = {g.CoefficientElo:0.0} Elo points");
    }
}
