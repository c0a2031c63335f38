using ScoutElo.Scoring;
using System.Globalization;
using System.Net;
using System.Text;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Reporting;

namespace ScoutElo.Cli;

/// <summary>The HTML reports of evaluate and calibrate: figures and charts from the run only, labelled axes.</summary>
internal static class ReportHtml
{
    private static string F(double? v) => v is { } x ? SvgChart.Num(x, "0.000") : "n/a";

    private static string E(string s) => WebUtility.HtmlEncode(s);


    /// <summary>95% interval of a Pearson correlation by Fisher's z (tanh(atanh r ± 1.96/√(n − 3))), for figures that carry no
    /// bootstrap interval: the chart should not suggest more certainty than n allows.</summary>
    private static (double? Low, double? High) Fisher(CorrelationSummary c) =>
        c.Pearson is { } r && c.N > 3 && Math.Abs(r) < 1
            ? (Math.Tanh(Math.Atanh(r) - (1.959963984540054 / Math.Sqrt(c.N - 3))), Math.Tanh(Math.Atanh(r) + (1.959963984540054 / Math.Sqrt(c.N - 3))))
            : (c.Pearson, c.Pearson);

    /// <summary>The calibrate report: per task, the audit (bootstrap intervals), kept and dropped dimensions with their
    /// weights, and the out-of-fold composite beside the baselines.</summary>
    public static string Calibration(CalibrationResult result, IReadOnlyList<string> files, string label, List<(double Composite, double Label)> inSample, string resultJson)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<h1>scoutelo calibrate</h1><p>{E(string.Join(", ", files))} against the label <b>{E(label)}</b>");
        sb.Append(CultureInfo.InvariantCulture, $"{(result.SkippedMissingLabel > 0 ? $"; {result.SkippedMissingLabel} record(s) without the label skipped" : "")}.</p>");
        foreach (var rep in result.Reports)
        {
            string task = WireName.Of(rep.Task);
            sb.Append(CultureInfo.InvariantCulture, $"<h2>{E(task)}: {rep.Items} items in {rep.Groups} groups, policy {rep.Policy}</h2>");
            sb.Append(CultureInfo.InvariantCulture, $"<p>Composite, cross-validated out of fold: Pearson {F(rep.Composite.Pearson)}; uncalibrated (equal weights) {F(rep.Uncalibrated.Pearson)}; best single dimension {(rep.BestDimension is { } b ? $"{E(b.Name)} {F(b.Correlation.Pearson)}" : "none")}.</p>");
            var rows = new List<(string, double?, double?, double?, string, string)>
            {
                ("composite (out of fold)", rep.Composite.Pearson, rep.Composite.PearsonLow ?? Fisher(rep.Composite).Low, rep.Composite.PearsonHigh ?? Fisher(rep.Composite).High, SvgChart.Palette[0], rep.Composite.Reason),
            };
            foreach (var a in rep.Audit)
                rows.Add(($"{a.Name}{(a.Kept ? "" : " (dropped)")}", a.Correlation.Pearson, a.Correlation.PearsonLow, a.Correlation.PearsonHigh, a.Kept ? SvgChart.Palette[2] : "#999999", a.Correlation.Reason));
            foreach (var bl in rep.Baselines.Where(b => b.Kind != Scoring.Calibration.BaselineKind.Dimension))
                rows.Add((bl.Kind == Scoring.Calibration.BaselineKind.Evaluator ? $"evaluator {bl.Name}" : bl.Name, bl.Correlation.Pearson, bl.Correlation.PearsonLow ?? Fisher(bl.Correlation).Low, bl.Correlation.PearsonHigh ?? Fisher(bl.Correlation).High, SvgChart.Palette[1], bl.Correlation.Reason));
            sb.Append(SvgChart.Intervals(900, $"Pearson with {label} and its 95% interval (bootstrap; Fisher z for baselines)", rows));
            var kept = rep.Audit.Where(a => a.Weight > 0).Select(a => (a.Name, a.Weight, SvgChart.Palette[2])).ToList();
            if (kept.Count > 0)
            {
                sb.Append("<h3>Weights of the kept dimensions</h3>");
                sb.Append(SvgChart.Bars(700, "weight in the composite (sums to 1)", kept, "0.000"));
            }
            sb.Append("<table><tr><th>dimension</th><th>n</th><th>Pearson</th><th>95% bootstrap interval</th><th>Spearman</th><th>Kendall τ-b</th><th>kept</th><th>weight</th><th>reason</th></tr>");
            foreach (var a in rep.Audit)
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(a.Name)}</td><td>{a.Correlation.N}</td><td>{F(a.Correlation.Pearson)}</td><td>[{F(a.Correlation.PearsonLow)}, {F(a.Correlation.PearsonHigh)}]</td><td>{F(a.Correlation.Spearman)}</td><td>{F(a.Correlation.Kendall)}</td><td>{(a.Kept ? "yes" : "no")}</td><td>{a.Weight.ToString("0.000", CultureInfo.InvariantCulture)}</td><td>{E(a.Reason)}</td></tr>");
            sb.Append("</table>");
        }
        if (inSample.Count > 0)
        {
            sb.Append("<h2>Composite against the label (in sample)</h2><p>The fitted profile applied to the data it was fitted on: an optimistic picture; the out-of-fold correlations above are the honest figures.</p>");
            sb.Append(SvgChart.ScatterXY(700, 420, "composite score (0–1), in sample", $"label {label}", inSample, (0, 1), (inSample.Min(p => p.Label), inSample.Max(p => p.Label)), SvgChart.Palette[0], $"{inSample.Count} items with a composite"));
        }
        return HtmlTemplate.Page("scoutelo calibrate", sb.ToString(), resultJson);
    }

    /// <summary>The evaluate report: figures and charts from this run only.</summary>
    public static string Evaluation(EvaluationReport rep, string label, string profile, string data, List<(double Composite, double Label)> points, string resultJson, string items)
    {
        static (string, double?, double?, double?, string, string) Row(string name, CorrelationSummary c, string color)
        {
            var (lo, hi) = Fisher(c);
            return (name, c.Pearson, lo, hi, color, c.Reason);
        }
        var sb = new StringBuilder();
        sb.Append($"<h1>scoutelo evaluate</h1><p>Profile <code>{E(profile)}</code> applied to <code>{E(data)}</code> against the label <b>{E(label)}</b>: {rep.Items} item(s), {rep.SkippedMissingLabel} without the label skipped.</p>");
        var (clo, chi) = Fisher(rep.Composite);
        sb.Append($"<p>Composite: Pearson {F(rep.Composite.Pearson)} [{F(clo)}, {F(chi)}], Spearman {F(rep.Composite.Spearman)}, Kendall τ-b {F(rep.Composite.Kendall)}.</p>");
        var rows = new List<(string, double?, double?, double?, string, string)> { Row("composite", rep.Composite, SvgChart.Palette[0]) };
        rows.AddRange(rep.Dimensions.Select(d => Row($"dimension {d.Key}", d.Value, SvgChart.Palette[2])));
        rows.AddRange(rep.Judgments.Select(d => Row($"evaluator {d.Key}", d.Value, SvgChart.Palette[1])));
        if (rep.ConsensusMean is { } cm) rows.Add(Row("consensus (mean)", cm, SvgChart.Palette[3]));
        if (rep.ConsensusMedian is { } cmed) rows.Add(Row("consensus (median)", cmed, SvgChart.Palette[3]));
        sb.Append("<h2>Correlation with the label</h2>");
        sb.Append(SvgChart.Intervals(900, $"Pearson correlation with {label} (dot) and its 95% interval by Fisher's z (line)", rows));
        sb.Append("<table><tr><th>signal</th><th>n</th><th>Pearson</th><th>95% interval (Fisher z)</th><th>Spearman</th><th>Kendall τ-b</th></tr>");
        foreach (var (name, summary) in new[] { ("composite", rep.Composite) }.Concat(rep.Dimensions.Select(d => ($"dimension {d.Key}", d.Value))).Concat(rep.Judgments.Select(d => ($"evaluator {d.Key}", d.Value))))
        {
            var (lo, hi) = Fisher(summary);
            sb.Append($"<tr><td>{E(name)}</td><td>{summary.N}</td><td>{F(summary.Pearson)}</td><td>[{F(lo)}, {F(hi)}]</td><td>{F(summary.Spearman)}</td><td>{F(summary.Kendall)}</td></tr>");
        }
        sb.Append("</table>");
        if (points.Count > 0)
        {
            sb.Append("<h2>Composite against the label</h2>");
            sb.Append(SvgChart.ScatterXY(700, 420, "composite score (0–1)", $"label {label}", points.Select(p => (p.Composite, p.Label)).ToList(), (0, 1), (points.Min(p => p.Label), points.Max(p => p.Label)), SvgChart.Palette[0], $"{points.Count} items with a composite"));
        }
        if (rep.Warnings.Count > 0)
        {
            sb.Append("<h2>Warnings</h2><ul>");
            foreach (var wn in rep.Warnings) sb.Append($"<li>{E(wn.Code)}: {E(wn.Message)}</li>");
            sb.Append("</ul>");
        }
        sb.Append(items);
        return HtmlTemplate.Page("scoutelo evaluate", sb.ToString(), resultJson);
    }

}
