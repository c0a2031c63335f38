using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;

namespace ScoutElo.Cli.Commands.Score;

/// <summary>The <c>score</c> verb: scores every input (with the judge and embedding signals when asked), writes the rows in
/// the chosen format, checks the quality gate and prints the summary.</summary>
internal static class ScoreCommand
{
    /// <summary>The gate's flags, checked before any work.</summary>
    private sealed record Gate(double? Threshold, double Share);

    /// <summary>What scoring needs: the records, their inputs, the profile and the scorer built from it.</summary>
    private sealed record Prepared(List<LoggedOutput> Records, List<ScoringInput> Inputs, CalibrationProfile Profile, QualityScorer Scorer);

    public static int Run(CliContext r, ScoreCommandDefinition d)
    {
        var gate = CheckGate(r, d);
        var format = WireOptions.Parse<ScoreRowFormat>("--output-format", "format", r.GetValue(d.OutputFormat)!);
        var target = OutputTarget.Resolve("--out", r.GetValue(d.Output)!, r.GetValue(Cli.Json));
        string? reportDir = r.GetValue(d.Report) is { } dir ? Cli.ReportDirectory("--report", dir) : null;
        if (reportDir is null && r.GetValue(d.Compare) is not null) throw new ArgumentException("--compare: applies only with --report DIR (the page that shows the changes).");
        var previous = r.GetValue(d.Compare) is { } compare ? ItemReportHtml.ReadPrevious("--compare", compare) : null;
        using var judge = JudgeCli.Create(r);
        var embedder = EmbedderCli.Create(r);
        using var embedderCache = embedder?.Cache;
        var p = Prepare(r, d, judge, embedder);
        var all = new QualityReport[p.Inputs.Count];
        ProgressLine.Track(r, "scoring", p.Inputs.Count, report => Outputs.WriteAllOrNone(r, (target, writer => Write(p, all, new ScoreRowWriter(format, writer, gate.Threshold, "--fail-below"), report))));
        var warnings = ProfileDiagnostics.Check(p.Profile, p.Inputs, all);
        ProfileOptions.Warn(r, warnings);
        var (failing, failures) = CheckItems(p, all, gate);
        if (reportDir is not null) WriteReport(r, reportDir, r.GetValue(d.Data)!, r.GetValue(d.Compare), p, all, previous);
        int applicable = all.Count(x => x.Composite.IsApplicable);
        double sum = all.Sum(x => x.Composite.Value ?? 0);
        if (r.GetValue(Cli.Json))
        {
            r.Out.WriteLine(ReportJson.Serialize(new ScoringRunReport(p.Inputs.Count, applicable, applicable > 0 ? sum / applicable : null, target.ToString(), ProfileOptions.Warnings(r, warnings))
            {
                Gate = gate.Threshold is null ? null : GateResult.Of(failures),
                Failing = gate.Threshold is null ? null : failing,
                Import = r.Imports.Count > 0 ? r.Imports : null,
            }));
        }
        else
        {
            r.Summary.WriteLine($"scored {p.Inputs.Count} responses ({applicable} with a composite) -> {target}");
        }
        return Cli.GateExit(r, failures);
    }

    /// <summary>The item page of <c>--report</c> (and <c>--compare</c>), written whole or not at all.</summary>
    private static void WriteReport(CliContext r, string dir, string data, string? compare, Prepared p, QualityReport[] all, Dictionary<string, double>? previous)
    {
        var items = ItemReportHtml.From(p.Records, all, previous);
        string body = $"<h1>scoutelo score</h1><p>Scores of <code>{System.Net.WebUtility.HtmlEncode(data)}</code>.</p>" + ItemReportHtml.Section(items, compare, null);
        Outputs.WriteAllOrNone(r, (Cli.ReportFile("--report", dir), writer => writer.Write(HtmlTemplate.Page("scoutelo score", body))));
        r.Error.WriteLine($"report -> {Path.Combine(dir, "index.html")}");
    }

    private static Gate CheckGate(CliContext r, ScoreCommandDefinition d)
    {
        if (r.GetValue(d.FailBelow) is { } fb && (!double.IsFinite(fb) || fb is < 0 or > 1))
            throw new ArgumentException($"--fail-below: must be a composite in [0, 1], got {fb.ToString(CultureInfo.InvariantCulture)}.");
        double share = r.GetValue(d.MaxFailShare);
        if (!double.IsFinite(share) || share is < 0 or > 1) throw new ArgumentException($"--max-fail-share: must be a share in [0, 1], got {share.ToString(CultureInfo.InvariantCulture)}.");
        if (r.GetValue(d.FailBelow) is null && r.GetResult(d.MaxFailShare) is { Implicit: false }) throw new ArgumentException("--max-fail-share: applies only with --fail-below X.");
        return new Gate(r.GetValue(d.FailBelow), share);
    }

    private static Prepared Prepare(CliContext r, ScoreCommandDefinition d, JudgeCli.Session? judge, (IEmbeddingGenerator<string, Embedding<float>> Generator, SqliteJudgeCache? Cache)? embedder)
    {
        var records = InputFiles.FillTokens(InputFiles.Load([r.GetValue(d.Data)!], r), r);
        var inputs = records.Select(x => x.Input).ToList();
        var nodeHistory = ProfileOptions.LoadHistory(r.GetValue(d.History));
        // Signals from outside the process, computed once per run: the judge and the embedding similarity.
        var extras = new List<IQualityDimension>();
        double? judgeWeight = judge is null ? null : JudgeCli.CheckWeight(r, r.GetValue(d.Profile), r.GetValue(d.Profile) is null ? !r.GetValue(ProfileOptions.NoAdapt) : r.GetValue(ProfileOptions.Adapt), inputs.Count);
        if (judge?.JudgeAll(inputs) is { } judged)
            extras.Add(new JudgeCli.Precomputed(Scoring.AI.JudgeDimension.DimensionName, inputs, [.. judged.Select(o => o.Score)]));
        if (embedder is { } e)
            extras.AddRange(EmbedderCli.Dimensions(r, e.Generator, inputs));
        var loaded = ProfileOptions.ResolveProfile(r, r.GetValue(d.Profile), inputs, nodeHistory, extras);
        if (judgeWeight is { } w) loaded = JudgeCli.WithJudgeWeight(loaded, w);
        var scorer = ProfileOptions.ProfileScorer(loaded, nodeHistory, inputs, extras);
        // A profile calibrated without these signals gives them no weight: their scores are written, not weighed.
        foreach (var x in extras.Where(x => !ProfileOptions.Weighs(loaded, x.Name)))
            r.Error.WriteLine($"warning [{x.Name}-not-in-profile]: the profile was calibrated without '{x.Name}', so it is written but has no weight in the composite.");
        return new Prepared(records, inputs, loaded, scorer);
    }

    /// <summary>Scores in chunks (bounded memory for the reports in flight), writing each row as it is scored.</summary>
    private static void Write(Prepared p, QualityReport[] all, ScoreRowWriter rows, Action<int> report)
    {
        const int Chunk = 1024;
        for (int start = 0; start < p.Inputs.Count; start += Chunk)
        {
            var slice = p.Inputs.GetRange(start, Math.Min(Chunk, p.Inputs.Count - start));
            var reports = p.Scorer.ScoreBatch(slice, -1);
            reports.CopyTo(all, start);
            for (int i = 0; i < reports.Length; i++) rows.Row(p.Records[start + i].Id, reports[i]);
            report(start + slice.Count);
        }
        rows.Complete(p.Inputs.Count);
    }

    /// <summary>The gate: items below the threshold, or with no composite (nothing vouches for them), fail.</summary>
    private static (List<string> Failing, List<string> Failures) CheckItems(Prepared p, QualityReport[] all, Gate gate)
    {
        var failing = new List<string>();
        var failures = new List<string>();
        if (gate.Threshold is not { } threshold) return (failing, failures);
        for (int i = 0; i < all.Length; i++)
        {
            if (!all[i].Composite.TryGetValue(out double c) || c < threshold) failing.Add(p.Records[i].Id);
        }
        double failedShare = p.Inputs.Count == 0 ? 0 : failing.Count / (double)p.Inputs.Count;
        if (failedShare > gate.Share)
        {
            failures.Add($"{failing.Count} of {p.Inputs.Count} item(s) ({failedShare:0.0%}) have a composite below --fail-below {threshold.ToString(CultureInfo.InvariantCulture)} or none, more than --max-fail-share {gate.Share.ToString(CultureInfo.InvariantCulture)}: "
                + string.Join(", ", failing.Take(10)) + (failing.Count > 10 ? $" and {failing.Count - 10} more" : ""));
        }
        return (failing, failures);
    }
}
