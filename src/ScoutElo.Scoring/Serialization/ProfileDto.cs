using System.Text.Json.Serialization;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.Serialization;

internal sealed class ProfileDto
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; set; }
    [JsonPropertyName("label")] public string? Label { get; set; }
    [JsonPropertyName("folds")] public int Folds { get; set; }
    [JsonPropertyName("seed")] public int Seed { get; set; }
    [JsonPropertyName("tasks")] public SortedDictionary<string, TaskDto>? Tasks { get; set; }

    public static ProfileDto From(CalibrationProfile p) => new()
    {
        SchemaVersion = p.SchemaVersion,
        Label = p.Label,
        Folds = p.Folds,
        Seed = p.Seed,
        Tasks = new SortedDictionary<string, TaskDto>(p.Tasks.ToDictionary(t => LoggedOutputJsonl.TaskName(t.Key), t => new TaskDto
        {
            Policy = t.Value.Policy.ToString(),
            Weights = new SortedDictionary<string, double>(t.Value.Weights.ToDictionary(), StringComparer.Ordinal),
            Dropped = new SortedDictionary<string, string>(t.Value.Dropped.ToDictionary(), StringComparer.Ordinal),
            Isotonic = t.Value.Isotonic is { } m ? new IsotonicDto { X = [.. m.X], Y = [.. m.Y] } : null,
            JudgmentScales = new SortedDictionary<string, double[]>(t.Value.JudgmentScales.ToDictionary(s => s.Key, s => new[] { s.Value.Min, s.Value.Max }), StringComparer.Ordinal),
            Items = t.Value.Items,
            OutOfFoldPearson = t.Value.OutOfFoldPearson,
        }), StringComparer.Ordinal),
    };

    public CalibrationProfile ToProfile()
    {
        if (SchemaVersion != CalibrationProfile.CurrentSchemaVersion)
            throw new ArgumentException($"Unsupported schemaVersion {SchemaVersion}; this library reads version {CalibrationProfile.CurrentSchemaVersion}.", "schemaVersion");
        if (string.IsNullOrEmpty(Label)) throw new ArgumentException("'label' is missing.", "label");
        var tasks = new Dictionary<TaskKind, TaskCalibration>();
        foreach (var (name, t) in Tasks ?? [])
        {
            var task = name switch
            {
                "qa" => TaskKind.Qa,
                "summarization" => TaskKind.Summarization,
                "dialogue" => TaskKind.Dialogue,
                "open" => TaskKind.Open,
                _ => throw new ArgumentException($"Unknown task '{name}'.", "tasks"),
            };
            if (!Enum.TryParse<CalibrationPolicy>(t.Policy, out var policy)) throw new ArgumentException($"Unknown policy '{t.Policy}'.", "policy");
            var weights = t.Weights ?? [];
            if (weights.Values.Any(w => !double.IsFinite(w) || w < 0) || Math.Abs(weights.Values.Sum() - 1) > 1e-9)
                throw new ArgumentException($"Weights of '{name}' must be non-negative and sum to 1.", "weights");
            tasks[task] = new TaskCalibration
            {
                Policy = policy,
                Weights = weights,
                Dropped = t.Dropped ?? [],
                Isotonic = t.Isotonic is { } m ? IsotonicMap.FromKnots(m.X ?? [], m.Y ?? []) : null,
                JudgmentScales = (t.JudgmentScales ?? []).ToDictionary(s => s.Key, s => s.Value is [var lo, var hi] && hi > lo ? new JudgmentScale(lo, hi) : throw new ArgumentException($"Bad scale of '{s.Key}'.", "judgmentScales"), StringComparer.Ordinal),
                Items = t.Items,
                OutOfFoldPearson = t.OutOfFoldPearson,
            };
        }
        return new CalibrationProfile { SchemaVersion = SchemaVersion, Label = Label, Folds = Folds, Seed = Seed, Tasks = tasks };
    }
}

internal sealed class TaskDto
{
    [JsonPropertyName("policy")] public string? Policy { get; set; }
    [JsonPropertyName("weights")] public SortedDictionary<string, double>? Weights { get; set; }
    [JsonPropertyName("dropped")] public SortedDictionary<string, string>? Dropped { get; set; }
    [JsonPropertyName("isotonic")] public IsotonicDto? Isotonic { get; set; }
    [JsonPropertyName("judgmentScales")] public SortedDictionary<string, double[]>? JudgmentScales { get; set; }
    [JsonPropertyName("items")] public int Items { get; set; }
    [JsonPropertyName("outOfFoldPearson")] public double? OutOfFoldPearson { get; set; }
}

internal sealed class IsotonicDto
{
    [JsonPropertyName("x")] public double[]? X { get; set; }
    [JsonPropertyName("y")] public double[]? Y { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProfileDto))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext;
