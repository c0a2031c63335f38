using System.CommandLine;
using System.Globalization;
using System.Text;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;

namespace ScoutElo.Cli.Commands.Calibrate;

/// <summary>The <c>calibrate</c> verb, one run: checks every flag, loads the labeled files (with judge and embedding signals
/// when asked), then calibrates one dataset, adapts a base profile (<c>--base</c>) or calibrates across datasets.</summary>
internal sealed class CalibrateCommand
{
    private readonly CliContext r;
    private readonly CalibrateCommandDefinition d;
    private string[] files = [];
    private string[] labelNames = [];
    private bool multi, json;
    private string labelName = "";
    private string objectiveName = "";
    private OutputTarget profileOut = null!;
    private OutputTarget? reportOut, historyTarget;
    private string? htmlDir;
    private List<List<LoggedOutput>> perFile = [];
    private List<LoggedOutput> records = [];
    private string[] excluded = [];
    private IQualityDimension[]? dims;

    private PositionBiasFigures? judgeBias; // the pairwise judge's diagnostics over the loaded files

    public CalibrateCommand(CliContext parsed, CalibrateCommandDefinition definition)
    {
        r = parsed;
        d = definition;
    }

    public int Run()
    {
        Check();
        using var judge = JudgeCli.Create(r);
        var embedder = EmbedderCli.Create(r);
        using var embedderCache = embedder?.Cache;
        if (multi) CheckAcross();
        Load(judge);
        var calibrator = CreateCalibrator(embedder);
        if (multi) return Across(calibrator);
        if (r.GetValue(d.BaseProfile) is { } basePath) return AdaptBase(calibrator, basePath);
        return Single(calibrator);
    }

    private void Check()
    {
        files = r.GetValue(d.Data)!;
        labelNames = r.GetValue(d.Label)!;
        multi = files.Length > 1 && !r.GetValue(d.Pool);
        if (labelNames.Length != 1 && !(multi && labelNames.Length == files.Length))
            throw new ArgumentException(multi ? $"--label: give one label for all {files.Length} files or one per --data ({labelNames.Length} given)." : "--label: give one label (several apply only to several --data without --pool).");
        if (r.GetResult(d.Objective) is { Implicit: false } && !multi) throw new ArgumentException("--objective: applies only to several --data (calibration across datasets).");
        objectiveName = r.GetValue(d.Objective)!;
        if (objectiveName is not ("mean" or "worst")) throw new ArgumentException($"--objective: unknown objective '{objectiveName}'" + Cli.Suggest(objectiveName, "mean", "worst"));
        labelName = labelNames[0];
        json = r.GetValue(Cli.Json);
        profileOut = OutputTarget.Resolve("--out", r.GetValue(d.Output)!, json);
        reportOut = r.GetValue(d.Report) is { } reportPath ? OutputTarget.Resolve("--report", reportPath, json) : null;
        htmlDir = r.GetValue(d.HtmlReport) is { } htmlPath ? Cli.ReportDirectory("--html-report", htmlPath) : null;
        if (htmlDir is not null && r.GetValue(d.BaseProfile) is not null) throw new ArgumentException("--html-report: applies to a calibration, not to --base adaptation (its report is the Markdown --report).");
        historyTarget = r.GetValue(d.HistoryOut) is { } historyPath ? OutputTarget.Resolve("--history-out", historyPath, json) : null;
    }

    /// <summary>Flags that do not apply across datasets.</summary>
    private void CheckAcross()
    {
        if (r.GetValue(d.BaseProfile) is not null) throw new ArgumentException("--base: adapts with one labeled file; several --data calibrate across datasets (or add --pool).");
            if (historyTarget is not null) throw new ArgumentException("--history-out: calibration across datasets leaves model-prior out (node identities do not carry over), so there is no history to write.");
            if (htmlDir is not null) throw new ArgumentException("--html-report: applies to a single-dataset calibration; across datasets the report is the Markdown --report.");
            if (r.GetResult(d.Policy) is { Implicit: false }) throw new ArgumentException("--policy: across datasets the policy is chosen by leaving one dataset out; drop --policy (or add --pool).");
            if (r.GetValue(d.Isotonic)) throw new ArgumentException("--isotonic: applies to a single-dataset calibration (a map to one label's scale); across datasets each has its own label.");
    }

    private void Load(JudgeCli.Session? judge)
    {
        perFile = files.Select(f => InputFiles.FillTokens(InputFiles.Load([f], r), r)).Select(x => judge is null ? x : judge.AddJudgments(x)).ToList();
        judgeBias = judge?.PositionBias;
        records = perFile.SelectMany(x => x).ToList();
        if (multi)
        {
            for (int k = 0; k < files.Length; k++) InputFiles.CheckLabel(perFile[k], labelNames.Length == 1 ? labelNames[0] : labelNames[k]);
        }
        else InputFiles.CheckLabel(records, labelName);
    }

    private Calibrator CreateCalibrator((Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> Generator, SqliteJudgeCache? Cache)? embedder)
    {
        var options = new CalibrationOptions
        {
            Folds = r.GetValue(d.Folds),
            Seed = r.GetValue(d.Seed),
            FitIsotonic = r.GetValue(d.Isotonic),
            Policy = r.GetValue(d.Policy) switch
            {
                "auto" => CalibrationPolicy.Auto,
                "drop" => CalibrationPolicy.DropAndRenormalize,
                "nnls" => CalibrationPolicy.NonNegativeLeastSquares,
                "ridge" => CalibrationPolicy.Ridge,
                "best" => CalibrationPolicy.BestSingle,
                var p => throw new ArgumentException($"--policy: unknown policy '{p}'" + Cli.Suggest(p ?? "", "auto", "drop", "nnls", "ridge", "best")),
            },
            DomainObjective = objectiveName == "worst" ? DomainObjective.Worst : DomainObjective.Mean,
        };
        excluded = r.GetValue(d.Exclude) ?? [];
        var known = Scoring.Dimensions.BuiltInDimensions.Create().Select(d => d.Name).ToList();
        foreach (var x in excluded.Where(x => !known.Contains(x)))
            throw new ArgumentException($"--exclude: unknown dimension '{x}'" + Cli.Suggest(x, [.. known]));
        dims = null;
        if (excluded.Length > 0)
        {
            var scales = Scoring.Dimensions.JudgmentScale.InferAll(records.Select(x => x.Input));
            dims = [.. Scoring.Dimensions.BuiltInDimensions.Create(agreement: new Scoring.Dimensions.AgreementOptions { Scales = scales }).Where(d => !excluded.Contains(d.Name))];
        }
        if (embedder is { } emb)
        {
            // The embedding similarity is one more candidate: calibration audits it and decides its weight.
            var all = records.Select(x => x.Input).ToList();
            var scales = Scoring.Dimensions.JudgmentScale.InferAll(all);
            dims = [.. dims ?? Scoring.Dimensions.BuiltInDimensions.Create(agreement: new Scoring.Dimensions.AgreementOptions { Scales = scales }),
                .. EmbedderCli.Dimensions(r, emb.Generator, all)];
        }
        return new Calibrator(options, dims); // checks the options before any progress line
    }

    private int Across(Calibrator calibrator)
    {
        var domains = files.Select((f, k) => new CalibrationDomain(CalibrateOutputs.UniqueName(files, k), perFile[k], labelNames.Length == 1 ? labelNames[0] : labelNames[k])).ToList();
        MultiDomainResult across = null!;
        ProgressLine.Track(r, $"calibrating across {files.Length} datasets", 0, _ => across = calibrator.CalibrateDomains(domains, ProfileOptions.ParseTask(r.GetValue(d.Task))));
        CalibrateOutputs.WriteDomains(r, across with { Profile = across.Profile with { Description = r.GetValue(d.Description) } }, profileOut, reportOut, json, excluded);
        return 0;
    }

    private int AdaptBase(Calibrator calibrator, string basePath)
    {
        AdaptationResult adapted = null!;
        var baseline = ProfileOptions.LoadProfile(basePath);
        ProgressLine.Track(r, $"adapting {Path.GetFileName(basePath)} with {records.Count} records labeled '{labelName}'", 0,
            _ => adapted = calibrator.Adapt(baseline, records, labelName, ProfileOptions.ParseTask(r.GetValue(d.Task))));
        CalibrateOutputs.WriteAdaptation(r, adapted with { Profile = adapted.Profile with { Description = r.GetValue(d.Description) ?? adapted.Profile.Description } }, profileOut, reportOut, historyTarget, records, labelName, json);
        return 0;
    }

    private int Single(Calibrator calibrator)
    {
        CalibrationResult result = null!;
        ProgressLine.Track(r, $"calibrating {records.Count} records against '{labelName}'", 0,
            _ => result = calibrator.Calibrate(records, labelName, ProfileOptions.ParseTask(r.GetValue(d.Task))));
        result = result with { Profile = result.Profile with { Description = r.GetValue(d.Description) } };
        var outputs = new List<(OutputTarget, Action<TextWriter>)> { (profileOut, w => w.Write(result.Profile.ToJson())) };
        CalibrateOutputs.AddHistoryOutput(outputs, historyTarget, records, labelName);
        if (reportOut is { } md)
        {
            var sb = new StringBuilder();
            sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"## {string.Join(", ", files.Select(Path.GetFileName))} — `{labelName}`{(excluded.Length > 0 ? " — without " + string.Join(", ", excluded) : "")}");
            sb.AppendLine();
            if (result.SkippedMissingLabel > 0) sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{result.SkippedMissingLabel} records without the label were skipped.\n");
            foreach (var rep in result.Reports) sb.AppendLine(MarkdownReport.Write(rep));
            outputs.Add((md, w => w.Write(sb.ToString())));
        }
        var report = new CalibrationRunReport(result.SkippedMissingLabel, [.. result.Reports.Select(rep => new CalibratedTask(
                WireName.Of(rep.Task), rep.Items, rep.Policy.ToString(), CorrelationFigures.From(rep.Composite), CorrelationFigures.From(rep.Uncalibrated),
                rep.Audit.ToDictionary(a => a.Name, a => a.Weight, StringComparer.Ordinal), CorrelationFigures.ByName(rep.Audit.Select(a => KeyValuePair.Create(a.Name, a.Correlation)))))]) { JudgePositionBias = judgeBias };
        if (htmlDir is not null) outputs.Add(HtmlOutput(result, htmlDir, ReportJson.Serialize(report)));
        Outputs.WriteAllOrNone(r, [.. outputs]); // the profile and the report, or neither
        if (json)
        {
            r.Out.WriteLine(ReportJson.Serialize(report));
        }
        else
        {
            foreach (var rep in result.Reports)
            {
                string best = rep.BestDimension is { } b ? $"{b.Name} {b.Correlation.Pearson:0.000}" : "none";
                r.Summary.WriteLine($"{WireName.Of(rep.Task)}: n={rep.Items} policy={rep.Policy} composite (out-of-fold) Pearson {rep.Composite.Pearson:0.000}, uncalibrated {rep.Uncalibrated.Pearson:0.000}, best single {best}");
            }
        }
        return 0;
    }

    /// <summary>The HTML page, with the fitted profile applied to its own training data for the scatter (labelled in-sample on
    /// the page).</summary>
    private (OutputTarget, Action<TextWriter>) HtmlOutput(CalibrationResult result, string dir, string resultJson)
    {
        string lbl = labelName;
        var labeled = records.Where(x => x.Labels.ContainsKey(lbl)).ToList();
        var inputsLabeled = labeled.Select(x => x.Input).ToList();
        var fitted = dims is null ? result.Profile.CreateScorer(Calibrator.HistoryFromLabels(records, lbl), data: inputsLabeled) : result.Profile.CreateScorer(dims);
        var scored = fitted.ScoreBatch(inputsLabeled, -1);
        var points = new List<(double, double)>();
        for (int i = 0; i < scored.Length; i++)
        {
            if (scored[i].Composite.Value is { } c) points.Add((c, labeled[i].Labels[lbl]));
        }
        return (Cli.ReportFile("--html-report", dir), w => w.Write(ReportHtml.Calibration(result, files, lbl, points, resultJson)));
    }
}
