using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting;

/// <summary>Writes scored items in one <see cref="ScoreRowFormat"/>, one at a time as they are scored (JUnit's suite is
/// written by <see cref="Complete"/>, since its header counts the failures). Not thread-safe.</summary>
public sealed class ScoreRowWriter
{
    private readonly ScoreRowFormat _format;
    private readonly TextWriter _writer;
    private readonly double? _threshold;
    private readonly string _thresholdName;
    private readonly List<string> _junit = [];
    private int _junitFailures;
    private bool _header;

    /// <summary>Creates a writer.</summary>
    /// <param name="format">The format.</param>
    /// <param name="writer">Where the rows go.</param>
    /// <param name="threshold">JUnit: an item whose composite is below this fails (an item without a composite always fails).</param>
    /// <param name="thresholdName">How a failure message names the threshold (the CLI says <c>--fail-below</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="thresholdName"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not defined, or <paramref name="threshold"/> is not finite.</exception>
    public ScoreRowWriter(ScoreRowFormat format, TextWriter writer, double? threshold = null, string thresholdName = "the threshold")
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(thresholdName);
        if (!Enum.IsDefined(format)) throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown format.");
        if (threshold is { } t && !double.IsFinite(t)) throw new ArgumentOutOfRangeException(nameof(threshold), t, "Must be finite.");
        (_format, _writer, _threshold, _thresholdName) = (format, writer, threshold, thresholdName);
    }

    /// <summary>Writes one scored item.</summary>
    /// <param name="id">The item's id.</param>
    /// <param name="report">Its scores.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void Row(string id, QualityReport report)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(report);
        switch (_format)
        {
            case ScoreRowFormat.Csv:
                if (!_header) _writer.WriteLine("id,composite," + string.Join(',', report.Dimensions.Select(d => Csv(d.Name))));
                _header = true;
                _writer.WriteLine($"{Csv(id)},{Num(report.Composite.Value)}," + string.Join(',', report.Dimensions.Select(d => Num(d.Score.Value))));
                break;
            case ScoreRowFormat.Junit:
                _junit.Add(JunitCase(id, report));
                break;
            default:
                _writer.WriteLine(JsonSerializer.Serialize(ScoredRow.Of(id, report), ScoreRowJsonContext.Default.ScoredRow));
                break;
        }
    }

    /// <summary>Closes the output: JUnit's suite with every case; nothing for the line formats.</summary>
    /// <param name="count">Items written.</param>
    public void Complete(int count)
    {
        if (_format != ScoreRowFormat.Junit) return;
        _writer.WriteLine("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        _writer.WriteLine($"<testsuites tests=\"{count}\" failures=\"{_junitFailures}\">");
        _writer.WriteLine($"  <testsuite name=\"scoutelo score\" tests=\"{count}\" failures=\"{_junitFailures}\" errors=\"0\" skipped=\"0\">");
        foreach (var line in _junit) _writer.WriteLine(line);
        _writer.WriteLine("  </testsuite>");
        _writer.WriteLine("</testsuites>");
    }

    private string JunitCase(string id, QualityReport rep)
    {
        string? failure = rep.Composite.Value is not { } value ? "no composite: no dimension could judge this input"
            : _threshold is { } t && value < t ? $"composite {Num(value)} is below {_thresholdName} {Num(t)}" : null;
        if (failure is not null) _junitFailures++;
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

/// <summary>One JSONL row of scored output.</summary>
internal sealed record ScoredRow(string Id, double? Composite)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Calibrated { get; init; }

    public required IReadOnlyDictionary<string, double?> Dimensions { get; init; }

    /// <summary>Why each null is null (no reference, no metrics, a failed judge call, ...): never a silent gap.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? NotApplicable { get; init; }

    public static ScoredRow Of(string id, QualityReport rep)
    {
        var dims = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var d in rep.Dimensions) dims[d.Name] = Results.Finite.Or(d.Score.Value);
        var missing = rep.Dimensions.Where(d => !d.Score.IsApplicable).ToList();
        return new ScoredRow(id, Results.Finite.Or(rep.Composite.Value))
        {
            Calibrated = rep.Calibrated,
            Dimensions = dims,
            NotApplicable = missing.Count == 0 ? null : missing.ToDictionary(d => d.Name, d => d.Score.Reason, StringComparer.Ordinal),
        };
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ScoredRow))]
internal sealed partial class ScoreRowJsonContext : JsonSerializerContext;
