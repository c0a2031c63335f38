using System.Globalization;
using ScoutElo.Scoring;

namespace ScoutElo.Cli.Commands.Score;

/// <summary>Writes scored rows in one <see cref="ScoreFormat"/>: one row at a time, then a closing part (JUnit's suite).</summary>
internal sealed class ScoreWriter(ScoreFormat format, TextWriter writer, double? gateThreshold)
{
    private readonly List<string> _junit = [];
    private int _junitFailures;
    private bool _header;

    public void Row(string id, QualityReport rep)
    {
        switch (format)
        {
            case ScoreFormat.Csv:
                if (!_header) writer.WriteLine("id,composite," + string.Join(',', rep.Dimensions.Select(d => Csv(d.Name))));
                _header = true;
                writer.WriteLine($"{Csv(id)},{Num(rep.Composite.Value)}," + string.Join(',', rep.Dimensions.Select(d => Num(d.Score.Value))));
                break;
            case ScoreFormat.Junit:
                _junit.Add(JunitCase(id, rep));
                break;
            default:
                writer.WriteLine(JsonOut.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("id", id);
                    JsonOut.Number(w, "composite", rep.Composite.Value);
                    if (rep.Calibrated is { } cal) w.WriteNumber("calibrated", cal);
                    w.WriteStartObject("dimensions");
                    foreach (var d in rep.Dimensions) JsonOut.Number(w, d.Name, d.Score.Value);
                    w.WriteEndObject();
                    if (rep.Dimensions.Any(d => !d.Score.IsApplicable))
                    {
                        // Why each null is null (no reference, no metrics, a failed judge call, ...): never a silent gap.
                        w.WriteStartObject("notApplicable");
                        foreach (var d in rep.Dimensions.Where(d => !d.Score.IsApplicable)) w.WriteString(d.Name, d.Score.Reason);
                        w.WriteEndObject();
                    }
                    w.WriteEndObject();
                }));
                break;
        }
    }

    public void Complete(int count)
    {
        if (format != ScoreFormat.Junit) return;
        writer.WriteLine("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        writer.WriteLine($"<testsuites tests=\"{count}\" failures=\"{_junitFailures}\">");
        writer.WriteLine($"  <testsuite name=\"scoutelo score\" tests=\"{count}\" failures=\"{_junitFailures}\" errors=\"0\" skipped=\"0\">");
        foreach (var line in _junit) writer.WriteLine(line);
        writer.WriteLine("  </testsuite>");
        writer.WriteLine("</testsuites>");
    }

    private string JunitCase(string id, QualityReport rep)
    {
        string? failure = rep.Composite.Value is not { } value ? "no composite: no dimension could judge this input"
            : gateThreshold is { } t && value < t ? $"composite {Num(value)} is below --fail-below {Num(t)}" : null;
        if (failure is not null && (gateThreshold is not null || rep.Composite.Value is null)) _junitFailures++;
        else failure = null;
        string dims = string.Join("; ", rep.Dimensions.Select(d => $"{d.Name}={(d.Score.Value is { } v ? Num(v) : "n/a")}"));
        return $"    <testcase classname=\"scoutelo.score\" name=\"{Xml(id)}\" time=\"0\">"
            + (failure is null ? "" : $"<failure message=\"{Xml(failure)}\" type=\"quality-gate\">{Xml(dims)}</failure>")
            + $"<system-out>{Xml($"composite={(rep.Composite.Value is { } cv ? Num(cv) : "n/a")}; {dims}")}</system-out></testcase>";
    }

    private static string Num(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.</summary>
    private static string Csv(string text) => text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static string Xml(string text) => System.Security.SecurityElement.Escape(text) ?? "";
}
