using System.Text;
using System.Text.Json;
using ScoutElo.Scoring.Calibration;

namespace ScoutElo.Cli;


/// <summary>Small JSON writers the verbs share (one line, numbers or null, correlation summaries).</summary>
internal static class JsonOut
{
    public static string WriteJson(Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = false }))
        {
            write(w);
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }
    public static void Number(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } d && double.IsFinite(d)) w.WriteNumber(name, d);
        else w.WriteNull(name);
    }
    public static void Correlation(Utf8JsonWriter w, string name, CorrelationSummary? c)
    {
        if (c is null) { w.WriteNull(name); return; }
        w.WriteStartObject(name);
        w.WriteNumber("n", c.N);
        Number(w, "pearson", c.Pearson);
        Number(w, "spearman", c.Spearman);
        Number(w, "kendall", c.Kendall);
        if (c.PearsonLow is not null) { Number(w, "pearsonLow", c.PearsonLow); Number(w, "pearsonHigh", c.PearsonHigh); }
        if (c.Reason.Length > 0) w.WriteString("reason", c.Reason);
        w.WriteEndObject();
    }
}
