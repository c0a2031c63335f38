using System.CommandLine;
using System.Globalization;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Reporting.Results;

namespace ScoutElo.Cli.Commands.Evaluate;

/// <summary>The <c>evaluate</c> verb: applies a profile (or the adapted default) to labeled data, reports every correlation
/// with drift and applicability warnings, optionally writes the HTML page, and applies the quality gates.</summary>
internal static class EvaluateCommand
{
    public static int Run(CliContext r, EvaluateCommandDefinition d)
    {
        foreach (var gate in new[] { d.MinPearson, d.MinSpearman })
        {
            if (r.GetValue(gate) is { } g && (!double.IsFinite(g) || g is < -1 or > 1))
                throw new ArgumentException($"{gate.Name}: must be a correlation in [-1, 1], got {g.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
        string? reportDir = r.GetValue(d.HtmlReport) is { } dirPath ? Cli.ReportDirectory("--report", dirPath) : null;
        if (reportDir is null && r.GetValue(d.Compare) is not null) throw new ArgumentException("--compare: applies only with --report DIR (the page that shows the changes).");
        var previous = r.GetValue(d.Compare) is { } compare ? ItemReportHtml.ReadPrevious("--compare", compare) : null;
        using var judge = JudgeCli.Create(r);
        var embedder = EmbedderCli.Create(r);
        using var embedderCache = embedder?.Cache;
        var records = InputFiles.FillTokens(InputFiles.Load([r.GetValue(d.Data)!], r), r);
        if (judge is not null) records = judge.AddJudgments(records);
        var extras = new List<IQualityDimension>();
        if (embedder is { } emb)
        {
            var all = records.Select(x => x.Input).ToList();
            extras.AddRange(EmbedderCli.Dimensions(r, emb.Generator, all));
        }
        InputFiles.CheckLabel(records, r.GetValue(d.Label)!);
        var nodeHistory = ProfileOptions.LoadHistory(r.GetValue(d.History));
        var loadedProfile = ProfileOptions.ResolveProfile(r, r.GetValue(d.Profile), [.. records.Select(x => x.Input)], nodeHistory, extras); // reads no label
        var rep = EvaluationReport.Evaluate(loadedProfile, records, r.GetValue(d.Label)!, extras, history: nodeHistory);
        ProfileOptions.Warn(r, rep.Warnings);
        var failures = Gates(r, d, rep);
        var ppi = r.GetValue(d.Ppi.Ppi) is null ? null
            : d.Ppi.Estimate(r, records, ProfileOptions.ProfileScorer(loadedProfile, nodeHistory, [.. records.Select(x => x.Input)], extras).ScoreBatch([.. records.Select(x => x.Input)], -1), r.GetValue(d.Label)!);
        bool gated = r.GetValue(d.MinPearson) is not null || r.GetValue(d.MinSpearman) is not null;
        var result = new EvaluationRunReport(rep.Items, rep.SkippedMissingLabel, CorrelationFigures.From(rep.Composite),
            CorrelationFigures.ByName(rep.Dimensions), CorrelationFigures.ByName(rep.Judgments), new ConsensusFigures(CorrelationFigures.From(rep.ConsensusMean), CorrelationFigures.From(rep.ConsensusMedian)),
            ProfileOptions.Warnings(r, rep.Warnings)) { Gate = gated ? GateResult.Of(failures) : null, Ppi = ppi, JudgePositionBias = judge?.PositionBias, Import = r.Imports.Count > 0 ? r.Imports : null };
        if (reportDir is not null) WriteHtml(r, d, reportDir, records, loadedProfile, nodeHistory, extras, rep, ReportJson.Serialize(result), previous);
        if (r.GetValue(Cli.Json))
        {
            r.Out.WriteLine(ReportJson.Serialize(result));
        }
        else
        {
            r.Out.WriteLine($"n={rep.Items}: composite Pearson {rep.Composite.Pearson:0.000} Spearman {rep.Composite.Spearman:0.000} Kendall {rep.Composite.Kendall:0.000}");
            foreach (var (k, v) in rep.Dimensions) r.Out.WriteLine($"  {k,-12} {(v.Pearson is { } p ? p.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : v.Reason)}");
            if (ppi is not null)
            {
                r.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"mean {r.GetValue(d.Label)} (prediction-powered, {ppi.Predictor}, {ppi.Labelled} labelled + {ppi.Unlabelled} unlabelled): {ppi.Mean:0.000} [{ppi.Low:0.000}, {ppi.High:0.000}]; labels alone {ppi.HumanOnly.Mean:0.000} [{ppi.HumanOnly.Low:0.000}, {ppi.HumanOnly.High:0.000}]"));
            }
        }
        return Cli.GateExit(r, failures);
    }

    private static void WriteHtml(CliContext r, EvaluateCommandDefinition d, string reportDir, List<LoggedOutput> records, CalibrationProfile loadedProfile,
        InMemoryNodeQualityHistory? nodeHistory, List<IQualityDimension> extras, EvaluationReport rep, string resultJson, Dictionary<string, double>? previous)
    {
        string labelName = r.GetValue(d.Label)!;
        var labeled = records.Where(x => x.Labels.ContainsKey(labelName)).ToList();
        var reports = ProfileOptions.ProfileScorer(loadedProfile, nodeHistory, [.. labeled.Select(x => x.Input)], extras).ScoreBatch([.. labeled.Select(x => x.Input)], -1);
        var points = labeled.Select((x, i) => (reports[i].Composite.Value, x.Labels[labelName])).Where(p => p.Value is not null).Select(p => (p.Value!.Value, p.Item2)).ToList();
        string items = ItemReportHtml.Section(ItemReportHtml.From(labeled, reports, previous, labelName), r.GetValue(d.Compare), labelName);
        Outputs.WriteAllOrNone(r, (Cli.ReportFile("--report", reportDir), w => w.Write(ReportHtml.Evaluation(rep, labelName, r.GetValue(d.Profile) ?? "the shipped default profile", r.GetValue(d.Data)!, points, resultJson, items))));
    }

    private static List<string> Gates(CliContext r, EvaluateCommandDefinition d, EvaluationReport rep)
    {
        var failures = new List<string>();
        void Gate(Option<double?> option, string statistic, double? value)
        {
            if (r.GetValue(option) is not { } min) return;
            if (value is not { } v) failures.Add($"composite {statistic} cannot be computed ({rep.Composite.Reason ?? "no variance"}), {option.Name} {min.ToString(System.Globalization.CultureInfo.InvariantCulture)} not met");
            else if (v < min) failures.Add($"composite {statistic} {v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)} < {option.Name} {min.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        Gate(d.MinPearson, "Pearson", rep.Composite.Pearson);
        Gate(d.MinSpearman, "Spearman", rep.Composite.Spearman);
        return failures;
    }
}
