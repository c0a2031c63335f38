using System.Text;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Reporting;

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
            r.Out.WriteLine(TasksJson(0, result.Reports, rep => (rep.Task, rep.Domains.Sum(d => d.Items)), (w, rep) =>
            {
                w.WriteString("policy", rep.Policy.ToString());
                w.WriteString("objective", rep.Objective.ToString().ToLowerInvariant());
                JsonOut.Number(w, "meanLeftOut", rep.MeanLeftOut);
                w.WriteStartArray("datasets");
                foreach (var d in rep.Domains)
                {
                    w.WriteStartObject();
                    w.WriteString("name", d.Name);
                    w.WriteString("label", d.Label);
                    w.WriteNumber("n", d.Items);
                    JsonOut.Correlation(w, "inDomain", d.InDomain);
                    JsonOut.Correlation(w, "leftOut", d.LeftOut);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartObject("weights");
                foreach (var (k, v) in rep.Weights) w.WriteNumber(k, v);
                w.WriteEndObject();
            }));
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
            r.Out.WriteLine(TasksJson(result.SkippedMissingLabel, result.Reports, rep => (rep.Task, rep.Items), (w, rep) =>
            {
                w.WriteNumber("groups", rep.Groups);
                JsonOut.Number(w, "strength", double.IsPositiveInfinity(rep.Strength) ? null : rep.Strength);
                w.WriteBoolean("baseKept", double.IsPositiveInfinity(rep.Strength));
                if (rep.SingleDimension is { } one) w.WriteString("singleDimension", one); else w.WriteNull("singleDimension");
                JsonOut.Correlation(w, "base", rep.Base);
                JsonOut.Correlation(w, "refit", rep.Refit);
                JsonOut.Correlation(w, "adapted", rep.Adapted);
                w.WriteStartObject("weights");
                foreach (var (k, v) in rep.Weights) w.WriteNumber(k, v);
                w.WriteEndObject();
                w.WriteStartArray("learningCurve");
                foreach (var pt in rep.LearningCurve)
                {
                    w.WriteStartObject();
                    w.WriteNumber("groups", pt.Groups);
                    w.WriteNumber("items", pt.Items);
                    JsonOut.Number(w, "pearson", pt.Pearson);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }));
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

    /// <summary>The JSON of both calibrate modes: {"skippedMissingLabel":..,"tasks":[{"task":..,"n":.., then the mode's fields}]}.</summary>
    public static string TasksJson<T>(int skippedMissingLabel, IEnumerable<T> reports, Func<T, (Scoring.TaskKind Task, int Items)> key, Action<System.Text.Json.Utf8JsonWriter, T> fields) =>
        JsonOut.WriteJson(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("skippedMissingLabel", skippedMissingLabel);
            w.WriteStartArray("tasks");
            foreach (var rep in reports)
            {
                var (task, items) = key(rep);
                w.WriteStartObject();
                w.WriteString("task", WireName.Of(task));
                w.WriteNumber("n", items);
                fields(w, rep);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
}
