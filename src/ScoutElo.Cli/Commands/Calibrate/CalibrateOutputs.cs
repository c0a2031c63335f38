using System.Text;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;

namespace ScoutElo.Cli.Commands.Calibrate;

/// <summary>What <c>calibrate</c> writes: the profile, the Markdown report, the node history and the JSON or text summary of
/// each mode, all or none.</summary>
internal static class CalibrateOutputs
{
    /// <summary>A dataset's name for reports: its file name, with the folder when two files share a name.</summary>
    public static string UniqueName(string[] files, int k)
    {
        string name = Path.GetFileNameWithoutExtension(files[k]);
        return files.Count(f => Path.GetFileNameWithoutExtension(f) == name) > 1 ? files[k] : name;
    }

    public static void WriteDomains(CliContext r, MultiDomainResult result, OutputTarget output, OutputTarget? report, bool json, string[] excluded)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var outputs = new List<(OutputTarget, Action<TextWriter>)> { (output, w => w.Write(result.Profile.ToJson())) };
        if (report is { } md)
        {
            var sb = new StringBuilder();
            sb.AppendLine(ci, $"## Across datasets — {string.Join(", ", result.Reports.SelectMany(x => x.Domains).Select(d => $"{d.Name} `{d.Label}`").Distinct())}{(excluded.Length > 0 ? " — without " + string.Join(", ", excluded) : "")}");
            sb.AppendLine();
            foreach (var rep in result.Reports) sb.AppendLine(MarkdownReport.Write(rep));
            outputs.Add((md, w => w.Write(sb.ToString())));
        }
        Outputs.WriteAllOrNone(r, [.. outputs]);
        if (json)
        {
            r.Out.WriteLine(ReportJson.Serialize(new DomainCalibrationRunReport(0, [.. result.Reports.Select(rep => new DomainCalibratedTask(
                WireName.Of(rep.Task), rep.Domains.Sum(d => d.Items), rep.Policy.ToString(), rep.Objective.ToString().ToLowerInvariant(), rep.MeanLeftOut,
                [.. rep.Domains.Select(d => new DatasetFigures(d.Name, d.Label, d.Items, CorrelationFigures.From(d.InDomain), CorrelationFigures.From(d.LeftOut)))],
                rep.Weights.ToDictionary(StringComparer.Ordinal)))])));
        }
        else
        {
            foreach (var rep in result.Reports)
            {
                r.Summary.WriteLine(string.Create(ci, $"{WireName.Of(rep.Task)}: {rep.Domains.Count} dataset(s), policy {rep.Policy}, mean left-out Pearson {rep.MeanLeftOut:0.000}"));
                foreach (var d in rep.Domains)
                    r.Summary.WriteLine(string.Create(ci, $"  {d.Name} ({d.Label}, n={d.Items}): in-domain {d.InDomain.Pearson:0.000}, left out {d.LeftOut?.Pearson:0.000}"));
            }
        }
    }

    /// <summary>Adds the --history-out file (node history learned from the labels) to a verb's all-or-none outputs.</summary>
    public static void AddHistoryOutput(List<(OutputTarget, Action<TextWriter>)> outputs, OutputTarget? path, IReadOnlyList<LoggedOutput> records, string label)
    {
        if (path is null) return;
        var history = Calibrator.HistoryFromLabels(records, label);
        outputs.Add((path, w => NodeHistoryJsonl.Write(w, history.Snapshot())));
    }

    public static void WriteAdaptation(CliContext r, AdaptationResult result, OutputTarget output, OutputTarget? report, OutputTarget? historyOut, IReadOnlyList<LoggedOutput> records, string label, bool json)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var outputs = new List<(OutputTarget, Action<TextWriter>)> { (output, w => w.Write(result.Profile.ToJson())) };
        if (report is { } md)
        {
            var sb = new StringBuilder();
            foreach (var rep in result.Reports) sb.AppendLine(MarkdownReport.Write(rep));
            outputs.Add((md, w => w.Write(sb.ToString())));
        }
        AddHistoryOutput(outputs, historyOut, records, label);
        Outputs.WriteAllOrNone(r, [.. outputs]);
        if (json)
        {
            r.Out.WriteLine(ReportJson.Serialize(new AdaptationRunReport(result.SkippedMissingLabel, [.. result.Reports.Select(rep => new AdaptedTask(
                WireName.Of(rep.Task), rep.Items, rep.Groups, rep.Strength, double.IsPositiveInfinity(rep.Strength), rep.SingleDimension,
                CorrelationFigures.From(rep.Base), CorrelationFigures.From(rep.Refit), CorrelationFigures.From(rep.Adapted), rep.Weights.ToDictionary(StringComparer.Ordinal),
                [.. rep.LearningCurve.Select(p => new CurvePoint(p.Groups, p.Items, p.Pearson))]))])));
        }
        else
        {
            foreach (var rep in result.Reports)
            {
                string tau = rep.SingleDimension is { } one ? $"single dimension {one}" : double.IsPositiveInfinity(rep.Strength) ? "∞ (base kept)" : rep.Strength.ToString("0.###", ci);
                r.Summary.WriteLine(string.Create(ci, $"{WireName.Of(rep.Task)}: few-shot n={rep.Items} groups={rep.Groups} τ={tau}: base {rep.Base.Pearson:0.000}, refit {rep.Refit.Pearson:0.000}, adapted (out-of-fold) {rep.Adapted.Pearson:0.000}"));
                r.Summary.WriteLine("  learning curve: " + string.Join("  ", rep.LearningCurve.Select(p => string.Create(ci, $"{p.Groups} groups {p.Pearson:0.000}"))));
            }
        }
    }
}
