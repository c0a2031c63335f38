using System.Globalization;
using System.Net;
using System.Text;

namespace ScoutElo.Cli;

/// <summary>Small self-contained SVG charts for the HTML report: every chart has labeled axes with ticks, gridlines and a
/// legend or direct labels; colors are categorical (no wrapping hue scale).</summary>
internal static class SvgChart
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>A colorblind-safe categorical palette (Okabe–Ito).</summary>
    public static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

    public sealed record Series(string Name, string Color, bool Dashed, IReadOnlyList<(double X, double Y)> Points, string? EndLabel = null);

    private sealed record Frame(int Width, int Height, double XMin, double XMax, double YMin, double YMax, int Left = 64)
    {
        public const int Right = 110, Top = 34, Bottom = 46;

        public double X(double v) => Left + ((Width - Left - Right) * (v - XMin) / (XMax - XMin));

        public double Y(double v) => Height - Bottom - ((Height - Top - Bottom) * (v - YMin) / (YMax - YMin));
    }

    /// <summary>A number as a label: never "-0" (a value that rounds to zero is printed as zero).</summary>
    public static string Num(double value, string format)
    {
        string text = value.ToString(format, Ci);
        return text.StartsWith('-') && double.TryParse(text, System.Globalization.NumberStyles.Float, Ci, out double shown) && shown == 0 ? (0.0).ToString(format, Ci) : text;
    }

    /// <summary>"Nice" tick values (1, 2 or 5 × 10ᵏ steps) covering [min, max].</summary>
    public static double[] Ticks(double min, double max, int target = 6)
    {
        if (!(max > min)) return [min];
        double raw = (max - min) / target, mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        var ticks = new List<double>();
        for (double t = Math.Ceiling(min / step) * step; t <= max + (step * 1e-9); t += step) ticks.Add((Math.Round(t / step) * step) + 0.0); // + 0.0 turns -0 into 0
        return [.. ticks];
    }

    private static void Axes(StringBuilder sb, Frame f, string xLabel, string yLabel, string xFormat, string yFormat)
    {
        foreach (double t in Ticks(f.XMin, f.XMax))
        {
            double x = f.X(t);
            sb.Append(Ci, $"<line x1=\"{x:0.0}\" y1=\"{Frame.Top}\" x2=\"{x:0.0}\" y2=\"{f.Height - Frame.Bottom}\" stroke=\"#e6e6e6\"/>");
            sb.Append(Ci, $"<text x=\"{x:0.0}\" y=\"{f.Height - Frame.Bottom + 16}\" font-size=\"11\" text-anchor=\"middle\">{Num(t, xFormat)}</text>");
        }
        foreach (double t in Ticks(f.YMin, f.YMax))
        {
            double y = f.Y(t);
            sb.Append(Ci, $"<line x1=\"{f.Left}\" y1=\"{y:0.0}\" x2=\"{f.Width - Frame.Right}\" y2=\"{y:0.0}\" stroke=\"#e6e6e6\"/>");
            sb.Append(Ci, $"<text x=\"{f.Left - 6}\" y=\"{y + 4:0.0}\" font-size=\"11\" text-anchor=\"end\">{Num(t, yFormat)}</text>");
        }
        sb.Append(Ci, $"<line x1=\"{f.Left}\" y1=\"{f.Height - Frame.Bottom}\" x2=\"{f.Width - Frame.Right}\" y2=\"{f.Height - Frame.Bottom}\" stroke=\"#333\"/>");
        sb.Append(Ci, $"<line x1=\"{f.Left}\" y1=\"{Frame.Top}\" x2=\"{f.Left}\" y2=\"{f.Height - Frame.Bottom}\" stroke=\"#333\"/>");
        sb.Append(Ci, $"<text x=\"{(f.Left + f.Width - Frame.Right) / 2.0:0.0}\" y=\"{f.Height - 8}\" font-size=\"12\" text-anchor=\"middle\">{WebUtility.HtmlEncode(xLabel)}</text>");
        double midY = (Frame.Top + f.Height - Frame.Bottom) / 2.0;
        sb.Append(Ci, $"<text x=\"14\" y=\"{midY:0.0}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 {midY:0.0})\">{WebUtility.HtmlEncode(yLabel)}</text>");
    }

    /// <summary>The legend, in one row above the plot area (the right margin is kept for direct labels).</summary>
    private static void Legend(StringBuilder sb, Frame f, IEnumerable<(string Name, string Color, bool Dashed)> items)
    {
        const int y = 14;
        double x = f.Left;
        foreach (var (name, color, dashed) in items)
        {
            sb.Append(Ci, $"<line x1=\"{x:0.0}\" y1=\"{y}\" x2=\"{x + 22:0.0}\" y2=\"{y}\" stroke=\"{color}\" stroke-width=\"2.5\"{(dashed ? " stroke-dasharray=\"5 3\"" : "")}/>");
            sb.Append(Ci, $"<text x=\"{x + 28:0.0}\" y=\"{y + 4}\" font-size=\"11\">{WebUtility.HtmlEncode(name)}</text>");
            x += 40 + (name.Length * 6.5);
        }
    }

    /// <summary>A line chart with a legend (by series color) and optional direct labels at each series' last point.</summary>
    public static string Lines(int width, int height, string xLabel, string yLabel, IReadOnlyList<Series> series, IEnumerable<(string Name, string Color, bool Dashed)> legend, string xFormat = "0", string yFormat = "0")
    {
        var all = series.SelectMany(s => s.Points).ToList();
        double yMin = all.Min(p => p.Y), yMax = all.Max(p => p.Y), pad = Math.Max(1e-9, (yMax - yMin) * 0.05);
        var f = new Frame(width, height, all.Min(p => p.X), Math.Max(all.Max(p => p.X), all.Min(p => p.X) + 1), yMin - pad, yMax + pad);
        var sb = new StringBuilder();
        sb.Append(Ci, $"<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">");
        Axes(sb, f, xLabel, yLabel, xFormat, yFormat);
        foreach (var s in series)
        {
            var pts = string.Join(' ', s.Points.Select(p => string.Create(Ci, $"{f.X(p.X):0.0},{f.Y(p.Y):0.0}")));
            sb.Append(Ci, $"<polyline fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"1.4\" stroke-opacity=\"0.85\"{(s.Dashed ? " stroke-dasharray=\"5 3\"" : "")} points=\"{pts}\"><title>{WebUtility.HtmlEncode(s.Name)}</title></polyline>");
        }
        // Direct labels at the right end, pushed apart so that none overlaps the one above it.
        var labels = series.Where(s => s.EndLabel is not null && s.Points.Count > 0)
            .Select(s => (s.EndLabel!, s.Color, X: f.X(s.Points[^1].X) + 4, Y: f.Y(s.Points[^1].Y) + 4)).OrderBy(l => l.Y).ToList();
        double previous = double.NegativeInfinity;
        foreach (var (label, color, x, y0) in labels)
        {
            double y = Math.Max(y0, previous + 11);
            previous = y;
            sb.Append(Ci, $"<text x=\"{x:0.0}\" y=\"{y:0.0}\" font-size=\"10\" fill=\"{color}\">{WebUtility.HtmlEncode(label)}</text>");
        }
        Legend(sb, f with { }, legend);
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>A scatter plot on [0, 1]² with the identity line.</summary>
    public static string Scatter(int size, string xLabel, string yLabel, IEnumerable<(double X, double Y)> points, string color)
    {
        var f = new Frame(size + 94, size, 0, 1, 0, 1); // a square plot area
        var sb = new StringBuilder();
        sb.Append(Ci, $"<svg width=\"{f.Width}\" height=\"{size}\" viewBox=\"0 0 {f.Width} {size}\" role=\"img\">");
        Axes(sb, f, xLabel, yLabel, "0.0", "0.0");
        sb.Append(Ci, $"<line x1=\"{f.X(0):0.0}\" y1=\"{f.Y(0):0.0}\" x2=\"{f.X(1):0.0}\" y2=\"{f.Y(1):0.0}\" stroke=\"#999\" stroke-dasharray=\"4\"/>");
        foreach (var (x, y) in points)
            sb.Append(Ci, $"<circle cx=\"{f.X(x):0.0}\" cy=\"{f.Y(y):0.0}\" r=\"1.6\" fill=\"{color}\" fill-opacity=\"0.3\"/>");
        Legend(sb, f, [("responses", color, false), ("consensus = truth", "#999", true)]);
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>A scatter plot over explicit ranges (no identity line), for scores against a label on its own scale.</summary>
    public static string ScatterXY(int width, int height, string xLabel, string yLabel, IReadOnlyList<(double X, double Y)> points, (double Min, double Max) x, (double Min, double Max) y, string color, string legend)
    {
        double padY = y.Max > y.Min ? (y.Max - y.Min) * 0.05 : 0.5;
        var f = new Frame(width, height, x.Min, x.Max, y.Min - padY, y.Max + padY);
        var sb = new StringBuilder();
        sb.Append(Ci, $"<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">");
        Axes(sb, f, xLabel, yLabel, "0.0#", "0.##");
        foreach (var (px, py) in points)
            sb.Append(Ci, $"<circle cx=\"{f.X(px):0.0}\" cy=\"{f.Y(py):0.0}\" r=\"2.2\" fill=\"{color}\" fill-opacity=\"0.35\"/>");
        Legend(sb, f, [(legend, color, false)]);
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Correlations with their confidence intervals on [−1, 1] (a forest plot): one row per name, a dot at the value,
    /// a line across the interval, a dashed line at 0; rows without a value say why.</summary>
    public static string Intervals(int width, string xLabel, IReadOnlyList<(string Name, double? Value, double? Low, double? High, string Color, string Note)> rows)
    {
        int height = Frame.Top + Frame.Bottom + (rows.Count * 24);
        int left = Math.Max(64, (rows.Max(b => b.Name.Length) * 7) + 12);
        var f = new Frame(width, height, -1, 1, 0, rows.Count, left);
        var sb = new StringBuilder();
        sb.Append(Ci, $"<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">");
        foreach (double t in Ticks(-1, 1, 8))
        {
            double x = f.X(t);
            sb.Append(Ci, $"<line x1=\"{x:0.0}\" y1=\"{Frame.Top}\" x2=\"{x:0.0}\" y2=\"{height - Frame.Bottom}\" stroke=\"#e6e6e6\"{(t == 0 ? " stroke-dasharray=\"4\"" : "")}/>");
            sb.Append(Ci, $"<text x=\"{x:0.0}\" y=\"{height - Frame.Bottom + 16}\" font-size=\"11\" text-anchor=\"middle\">{Num(t, "0.0")}</text>");
        }
        for (int i = 0; i < rows.Count; i++)
        {
            var (name, value, low, high, color, note) = rows[i];
            double y = Frame.Top + (i * 24) + 12;
            sb.Append(Ci, $"<text x=\"{f.Left - 6}\" y=\"{y + 4:0.0}\" font-size=\"12\" text-anchor=\"end\">{WebUtility.HtmlEncode(name)}</text>");
            if (value is not { } v)
            {
                sb.Append(Ci, $"<text x=\"{f.X(-0.95):0.0}\" y=\"{y + 4:0.0}\" font-size=\"11\" fill=\"#666\">{WebUtility.HtmlEncode(note)}</text>");
                continue;
            }
            if (low is { } lo && high is { } hi)
                sb.Append(Ci, $"<line x1=\"{f.X(Math.Max(-1, lo)):0.0}\" y1=\"{y:0.0}\" x2=\"{f.X(Math.Min(1, hi)):0.0}\" y2=\"{y:0.0}\" stroke=\"{color}\" stroke-width=\"2\"/>");
            sb.Append(Ci, $"<circle cx=\"{f.X(v):0.0}\" cy=\"{y:0.0}\" r=\"4\" fill=\"{color}\"/>");
            sb.Append(Ci, $"<text x=\"{width - Frame.Right + 6}\" y=\"{y + 4:0.0}\" font-size=\"11\">{v.ToString("0.000", Ci)}</text>");
        }
        sb.Append(Ci, $"<line x1=\"{f.Left}\" y1=\"{height - Frame.Bottom}\" x2=\"{width - Frame.Right}\" y2=\"{height - Frame.Bottom}\" stroke=\"#333\"/>");
        sb.Append(Ci, $"<text x=\"{(f.Left + width - Frame.Right) / 2.0:0.0}\" y=\"{height - 8}\" font-size=\"12\" text-anchor=\"middle\">{WebUtility.HtmlEncode(xLabel)}</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>A horizontal bar chart with value labels.</summary>
    public static string Bars(int width, string xLabel, IReadOnlyList<(string Name, double Value, string Color)> bars, string valueFormat)
    {
        int height = Frame.Top + Frame.Bottom + (bars.Count * 28);
        double max = Math.Max(bars.Max(b => b.Value), 1e-12);
        int left = Math.Max(64, (bars.Max(b => b.Name.Length) * 7) + 12); // room for the category labels
        var f = new Frame(width, height, 0, max * 1.15, 0, bars.Count, left);
        var sb = new StringBuilder();
        sb.Append(Ci, $"<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">");
        foreach (double t in Ticks(0, max * 1.15))
        {
            double x = f.X(t);
            sb.Append(Ci, $"<line x1=\"{x:0.0}\" y1=\"{Frame.Top}\" x2=\"{x:0.0}\" y2=\"{height - Frame.Bottom}\" stroke=\"#e6e6e6\"/>");
            sb.Append(Ci, $"<text x=\"{x:0.0}\" y=\"{height - Frame.Bottom + 16}\" font-size=\"11\" text-anchor=\"middle\">{Num(t, valueFormat)}</text>");
        }
        for (int i = 0; i < bars.Count; i++)
        {
            var (name, value, color) = bars[i];
            double y = Frame.Top + (i * 28) + 4;
            sb.Append(Ci, $"<text x=\"{f.Left - 6}\" y=\"{y + 14:0.0}\" font-size=\"12\" text-anchor=\"end\">{WebUtility.HtmlEncode(name)}</text>");
            sb.Append(Ci, $"<rect x=\"{f.Left}\" y=\"{y:0.0}\" width=\"{f.X(value) - f.Left:0.0}\" height=\"20\" fill=\"{color}\"/>");
            sb.Append(Ci, $"<text x=\"{f.X(value) + 4:0.0}\" y=\"{y + 14:0.0}\" font-size=\"11\">{value.ToString(valueFormat, Ci)}</text>");
        }
        sb.Append(Ci, $"<line x1=\"{f.Left}\" y1=\"{height - Frame.Bottom}\" x2=\"{width - Frame.Right}\" y2=\"{height - Frame.Bottom}\" stroke=\"#333\"/>");
        sb.Append(Ci, $"<line x1=\"{f.Left}\" y1=\"{Frame.Top}\" x2=\"{f.Left}\" y2=\"{height - Frame.Bottom}\" stroke=\"#333\"/>");
        sb.Append(Ci, $"<text x=\"{(f.Left + width - Frame.Right) / 2.0:0.0}\" y=\"{height - 8}\" font-size=\"12\" text-anchor=\"middle\">{WebUtility.HtmlEncode(xLabel)}</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }
}
