using System.Globalization;
using System.Text.Json.Nodes;

namespace ScoutElo.Scoring.Reporting;

// Which unmapped numeric columns of another tool's rows become judgments: decided per column over the whole file.
public static partial class LoggedOutputImport
{
    private static readonly string[] LabelWords = ["human", "gold", "label", "rating", "annotat", "groundtruth"];
    private static readonly HashSet<string> RowWords = new(["id", "idx", "index", "row", "line", "number", "num", "count", "n", "seq"], StringComparer.Ordinal);
    private static readonly string[] MetricWords = ["latency", "time", "duration", "second", "ms", "cost", "price", "token", "usd"];

    /// <summary>The unmapped numeric columns of a file: offered row by row, decided once every row was seen (a column is a
    /// judgment only if all its values are), then added to each row.</summary>
    private sealed class ScoreColumns(string format, IReadOnlyDictionary<string, Dimensions.JudgmentScale> scales)
    {
        private readonly SortedDictionary<string, string?> _columns = new(StringComparer.Ordinal); // column → why not, or null
        private readonly Dictionary<JsonObject, List<(string Column, double Value)>> _byRow = new(ReferenceEqualityComparer.Instance);

        public List<string> Imported { get; } = [];

        public List<IgnoredColumn> Ignored { get; } = [];

        public void Offer(JsonNode source, JsonObject row, HashSet<string> used, string where)
        {
            if (source is not JsonObject obj) return;
            foreach (var (key, value) in obj)
            {
                if (used.Contains(key) || key == "id" || value is not JsonValue v || !v.TryGetValue(out double d) || !double.IsFinite(d)) continue;
                if (scales.TryGetValue(key, out var scale))
                {
                    // Declared: imported whatever its name, rescaled onto [0, 1]; a value off its scale is an error, not a guess.
                    if (d < scale.Min || d > scale.Max)
                        throw new FormatException($"{where}: '{key}' = {d.ToString("R", CultureInfo.InvariantCulture)} is outside its declared scale [{scale.Min.ToString("R", CultureInfo.InvariantCulture)}, {scale.Max.ToString("R", CultureInfo.InvariantCulture)}]");
                    _columns[key] = null;
                    d = (d - scale.Min) / (scale.Max - scale.Min);
                    if (!_byRow.TryGetValue(row, out var scaled)) _byRow[row] = scaled = [];
                    scaled.Add((key, d));
                    continue;
                }
                if (!_columns.TryGetValue(key, out var why)) _columns[key] = why = NameReason(key);
                if (why is null && d is < 0 or > 1) _columns[key] = $"values outside [0, 1] ({d.ToString("R", CultureInfo.InvariantCulture)} at {where}), so not a score on [0, 1]";
                if (!_byRow.TryGetValue(row, out var list)) _byRow[row] = list = [];
                list.Add((key, d));
            }
        }

        public void Decide()
        {
            foreach (var column in scales.Keys)
            {
                if (!_columns.ContainsKey(column))
                    throw new FormatException($"a scale was declared for column '{column}', but no row has a numeric '{column}'" + (Cli(_columns.Keys) is { Length: > 0 } seen ? $" (the numeric columns: {seen})" : ""));
            }
            foreach (var (column, why) in _columns)
            {
                if (why is null) Imported.Add($"{format}/{column}");
                else Ignored.Add(new IgnoredColumn(column, why));
            }
        }

        public void AddTo(JsonObject row)
        {
            if (!_byRow.TryGetValue(row, out var list)) return;
            foreach (var (column, value) in list)
            {
                if (_columns[column] is not null) continue;
                var inner = row["judgments"] as JsonObject ?? new JsonObject();
                inner[$"{format}/{column}"] ??= new JsonArray(JsonValue.Create(value));
                row["judgments"] = inner;
            }
        }

        private static string Cli(IEnumerable<string> names) => string.Join(", ", names.Take(8));

        /// <summary>Why a column's name rules it out as a judgment, or null.</summary>
        private static string? NameReason(string column)
        {
            string flat = column.ToLowerInvariant();
            var words = flat.Split(['_', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (LabelWords.Any(w => flat.Replace("_", "", StringComparison.Ordinal).Contains(w, StringComparison.Ordinal)))
                return "named like a human label (map it as labels.NAME=COLUMN, or judgments.NAME=COLUMN if it is a judge's)";
            if (words.Any(RowWords.Contains))
                return "named like a row number or a count, not a score";
            if (words.Any(w => MetricWords.Any(m => w.StartsWith(m, StringComparison.Ordinal))))
                return "named like a serving metric (map it as metrics.NAME=COLUMN)";
            return null;
        }
    }
}
