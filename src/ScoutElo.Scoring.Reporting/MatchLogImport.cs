using System.Globalization;
using System.Text;
using System.Text.Json;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.Reporting;

/// <summary>Reads pairwise match logs for <c>rank</c>: the project's JSONL (<c>a</c>, <c>b</c>, <c>score</c>, optional
/// <c>weight</c>), arena battle files (<c>model_a</c>, <c>model_b</c>, <c>winner</c>; a JSON array or JSONL), and CSV with
/// either header. Style features are read from <c>FEATURE_a</c>/<c>FEATURE_b</c> (also inside the arena's
/// <c>conv_metadata</c>, and in the arena's spelling <c>sum_assistant_a_tokens</c> for <c>sum_assistant_tokens</c>); an
/// object-valued feature (the arena's <c>header_count_a</c>) counts as the sum of its numbers. Errors name file:line
/// (or the battle's position in a JSON array).</summary>
public static class MatchLogImport
{
    /// <summary>Reads one match log.</summary>
    /// <param name="path">The file.</param>
    /// <param name="format">Its format.</param>
    /// <param name="log">The log's index, recorded on every comparison (a tie parameter per log in Bradley–Terry).</param>
    /// <param name="style">Style features to read per side (<c>NAME_a</c> and <c>NAME_b</c> fields or columns); none when null.</param>
    /// <returns>The comparisons, in file order.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not defined, or <paramref name="log"/> is negative.</exception>
    /// <exception cref="FormatException">A row cannot be read (named by <c>file:line</c> or battle number), or the file holds no matches.</exception>
    public static IReadOnlyList<PairwiseComparison> ReadFile(string path, MatchLogFormat format, int log = 0, IReadOnlyList<string>? style = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Enum.IsDefined(format)) throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown format.");
        ArgumentOutOfRangeException.ThrowIfNegative(log);
        return Read(path, WireName.Of(format), log, style ?? []);
    }

    private static List<PairwiseComparison> Read(string path, string format, int log, IReadOnlyList<string> style)
    {
        string name = Path.GetFileName(path);
        var list = new List<PairwiseComparison>();
        if (format == "csv")
        {
            ReadCsv(path, name, log, style, list);
        }
        else
        {
            bool array = format == "arena" && FirstCharacter(path) == '[';
            if (array)
            {
                using var stream = File.OpenRead(path);
                int k = 0;
                try
                {
                    foreach (var element in JsonSerializer.DeserializeAsyncEnumerable(stream, MatchLogJsonContext.Default.JsonElement).ToBlockingEnumerable())
                    {
                        k++;
                        Row(element, $"{name}: battle {k}", log, style, format, list);
                    }
                }
                catch (JsonException e)
                {
                    throw new FormatException($"{name}: after battle {k}: not valid JSON ({e.Message})", e);
                }
            }
            else
            {
                int line = 0;
                foreach (var text in File.ReadLines(path))
                {
                    line++;
                    if (string.IsNullOrWhiteSpace(text)) continue;
                    JsonDocument doc;
                    try { doc = JsonDocument.Parse(text); }
                    catch (JsonException e) { throw new FormatException($"{name}:{line}: not valid JSON ({e.Message})", e); }
                    using (doc) Row(doc.RootElement, $"{name}:{line}", log, style, format, list);
                }
            }
        }
        if (list.Count == 0) throw new FormatException($"{name}: holds no matches.");
        return list;
    }

    private static int FirstCharacter(string path)
    {
        using var reader = new StreamReader(path);
        int c;
        while ((c = reader.Read()) >= 0 && char.IsWhiteSpace((char)c)) { }
        return c;
    }

    private static void Row(JsonElement root, string where, int log, IReadOnlyList<string> style, string format, List<PairwiseComparison> list)
    {
        try
        {
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("expected a JSON object");
            string a, b;
            double score;
            bool bothBad = false;
            if (format == "arena" || root.TryGetProperty("model_a", out _))
            {
                a = Text(root, "model_a");
                b = Text(root, "model_b");
                (score, bothBad) = Winner(Text(root, "winner"));
            }
            else
            {
                if (!root.TryGetProperty("a", out _) || !root.TryGetProperty("b", out _) || !root.TryGetProperty("score", out var ps))
                    throw new FormatException("a match needs \"a\", \"b\" and \"score\" (or the arena's \"model_a\", \"model_b\" and \"winner\"; logged-output JSONL goes to score/calibrate/evaluate)");
                a = Text(root, "a");
                b = Text(root, "b");
                score = ps.ValueKind == JsonValueKind.Number ? ps.GetDouble() : throw new FormatException("\"score\" must be a number");
            }
            double weight = 1;
            if (root.TryGetProperty("weight", out var w) && w.ValueKind != JsonValueKind.Null)
                weight = w.ValueKind == JsonValueKind.Number ? w.GetDouble() : throw new FormatException("\"weight\" must be a number");
            list.Add(Make(a, b, score, weight, bothBad, log, style, (feature, side) => JsonFeature(root, feature, side)));
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new FormatException($"{where}: {e.Message}", e);
        }
    }

    private static PairwiseComparison Make(string a, string b, double score, double weight, bool bothBad, int log, IReadOnlyList<string> style, Func<string, string, double> feature)
    {
        var c = new PairwiseComparison(a, b, score) { Weight = weight, BothBad = bothBad, Log = log };
        if (style.Count > 0) c = c with { FeaturesA = [.. style.Select(f => feature(f, "a"))], FeaturesB = [.. style.Select(f => feature(f, "b"))] };
        if (c.Problem() is { } problem) throw new FormatException(problem); // the library's own rules, one place
        return c;
    }

    private static (double Score, bool BothBad) Winner(string winner) => winner switch
    {
        "model_a" => (1, false),
        "model_b" => (0, false),
        "tie" => (0.5, false),
        "tie (bothbad)" => (0.5, true),
        _ => throw new FormatException($"\"winner\" must be model_a, model_b, tie or tie (bothbad), got '{winner}'"),
    };

    private static string Text(JsonElement root, string field) =>
        root.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"\"{field}\" must be a string");

    /// <summary>The names a feature may have for one side: FEATURE_a, and the arena's spelling with the side before the last word.</summary>
    private static IEnumerable<string> Spellings(string feature, string side)
    {
        yield return feature + "_" + side;
        int cut = feature.LastIndexOf('_');
        if (cut > 0) yield return feature[..cut] + "_" + side + feature[cut..];
    }

    private static double JsonFeature(JsonElement root, string feature, string side)
    {
        foreach (var scope in new[] { root, root.TryGetProperty("conv_metadata", out var meta) && meta.ValueKind == JsonValueKind.Object ? meta : default })
        {
            if (scope.ValueKind != JsonValueKind.Object) continue;
            foreach (var spelling in Spellings(feature, side))
            {
                if (scope.TryGetProperty(spelling, out var v)) return Number(v, spelling);
            }
        }
        throw new FormatException($"style feature '{feature}' has no field {feature}_{side} (a style feature is read from the per-side fields {feature}_a and {feature}_b)");
    }

    private static double Number(JsonElement v, string field) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.Object => v.EnumerateObject().Sum(p => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : throw new FormatException($"\"{field}\" must hold numbers")),
        _ => throw new FormatException($"\"{field}\" must be a number"),
    };

    private static void ReadCsv(string path, string name, int log, IReadOnlyList<string> style, List<PairwiseComparison> list)
    {
        long line = 0;
        string[]? header = null;
        Dictionary<string, int> col = [];
        using var reader = new StreamReader(path);
        while (LoggedOutputImport.ReadCsvRecord(reader, ref line, name) is { } cells)
        {
            if (cells is [{ Length: 0 }]) continue;
            try
            {
                if (header is null)
                {
                    header = [.. cells.Select(c => c.Trim())];
                    for (int i = 0; i < header.Length; i++) col[header[i]] = i;
                    bool ours = col.ContainsKey("a") && col.ContainsKey("b") && col.ContainsKey("score");
                    bool arena = col.ContainsKey("model_a") && col.ContainsKey("model_b") && col.ContainsKey("winner");
                    if (!ours && !arena) throw new FormatException("the header must name columns a, b and score (optional weight), or model_a, model_b and winner");
                    continue;
                }
                if (cells.Count != header.Length) throw new FormatException($"expected {header.Length} columns as in the header, got {cells.Count}");
                string Cell(string c) => col.TryGetValue(c, out int i) ? cells[i] : throw new FormatException($"no column '{c}'");
                double Num(string c) => double.TryParse(Cell(c), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw new FormatException($"column '{c}' must be a number, got '{Cell(c)}'");
                double score;
                bool bothBad = false;
                string a, b;
                if (col.ContainsKey("model_a"))
                {
                    a = Cell("model_a");
                    b = Cell("model_b");
                    (score, bothBad) = Winner(Cell("winner"));
                }
                else
                {
                    a = Cell("a");
                    b = Cell("b");
                    score = Num("score");
                }
                double weight = col.ContainsKey("weight") && Cell("weight").Length > 0 ? Num("weight") : 1;
                list.Add(Make(a, b, score, weight, bothBad, log, style, (feature, side) =>
                {
                    foreach (var spelling in Spellings(feature, side))
                    {
                        if (col.ContainsKey(spelling)) return Num(spelling);
                    }
                    throw new FormatException($"style feature '{feature}' has no column {feature}_{side}");
                }));
            }
            catch (FormatException e)
            {
                throw new FormatException($"{name}:{line}: {e.Message}", e);
            }
        }
    }
}

/// <summary>Source-generated metadata for reading a JSON array of battles element by element.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(JsonElement))]
internal sealed partial class MatchLogJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
