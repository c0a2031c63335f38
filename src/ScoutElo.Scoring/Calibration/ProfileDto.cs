using System.Text.Json.Serialization;
using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.Calibration;

internal sealed class ProfileDto
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; set; }
    [JsonPropertyName("label")] public string? Label { get; set; }
    [JsonPropertyName("folds")] public int Folds { get; set; }
    [JsonPropertyName("seed")] public int Seed { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("provenance")] public List<ProvenanceDto>? Provenance { get; set; }
    [JsonPropertyName("tasks")] public SortedDictionary<string, TaskDto>? Tasks { get; set; }

    public static ProfileDto From(CalibrationProfile p) => new()
    {
        SchemaVersion = p.SchemaVersion,
        Label = p.Label,
        Folds = p.Folds,
        Seed = p.Seed,
        Description = p.Description,
        Provenance = p.Provenance.Count == 0 ? null : [.. p.Provenance.Select(x => new ProvenanceDto { Task = WireName.Of(x.Task), Name = x.Name, Label = x.Label, Items = x.Items, InDomainPearson = x.InDomainPearson, LeftOutPearson = x.LeftOutPearson })],
        Tasks = new SortedDictionary<string, TaskDto>(p.Tasks.ToDictionary(t => WireName.Of(t.Key), t => new TaskDto
        {
            Policy = t.Value.Policy.ToString(),
            Weights = new SortedDictionary<string, double>(t.Value.Weights.ToDictionary(), StringComparer.Ordinal),
            Dropped = new SortedDictionary<string, string>(t.Value.Dropped.ToDictionary(), StringComparer.Ordinal),
            Isotonic = t.Value.Isotonic is { } m ? new IsotonicDto { X = [.. m.X], Y = [.. m.Y] } : null,
            JudgmentScales = new SortedDictionary<string, double[]>(t.Value.JudgmentScales.ToDictionary(s => s.Key, s => new[] { s.Value.Min, s.Value.Max }), StringComparer.Ordinal),
            Items = t.Value.Items,
            OutOfFoldPearson = t.Value.OutOfFoldPearson,
            Statistics = t.Value.Statistics.Count == 0 ? null : new SortedDictionary<string, StatisticsDto>(t.Value.Statistics.ToDictionary(
                x => x.Key, x => new StatisticsDto { Applicability = x.Value.Applicability, Mean = x.Value.Mean, StandardDeviation = x.Value.StandardDeviation, Pearson = x.Value.Pearson }), StringComparer.Ordinal),
            Fit = t.Value.Fit is { } f ? new FitDto { Names = f.Names, StandardDeviations = f.StandardDeviations, Gram = f.Gram, Target = f.Target, Lambda = f.Lambda, Prior = f.Prior } : null,
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
            var task = ParseTask(name);
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
                Statistics = (t.Statistics ?? []).ToDictionary(x => x.Key, x => ReadStatistics(x.Key, x.Value), StringComparer.Ordinal),
                Fit = t.Fit is { } f ? ReadFit(name, f) : null,
            };
        }
        var provenance = (Provenance ?? []).Select(x => x is { Name.Length: > 0, Label.Length: > 0, Items: >= 0 } && ValidR(x.InDomainPearson) && ValidR(x.LeftOutPearson)
            ? new DatasetProvenance(ParseTask(x.Task), x.Name, x.Label, x.Items, x.InDomainPearson, x.LeftOutPearson)
            : throw new ArgumentException("A provenance entry needs a name, a label, a non-negative item count and correlations in [-1, 1].", "provenance")).ToList();
        return new CalibrationProfile { SchemaVersion = SchemaVersion, Label = Label, Folds = Folds, Seed = Seed, Tasks = tasks, Provenance = provenance, Description = Description };
    }

    private static TaskKind ParseTask(string? name) =>
        WireName.TryParse<TaskKind>(name, out var task) ? task : throw new ArgumentException($"Unknown task '{name}'.", TasksParam);

    private static readonly string TasksParam = "tasks";

    private static bool ValidR(double? r) => r is null || r is >= -1 and <= 1;

    private static readonly string StatisticsParam = "statistics";
    private static readonly string FitParam = "fit";

    private static DimensionStatistics ReadStatistics(string name, StatisticsDto? d)
    {
        if (d is null || !(d.Applicability is >= 0 and <= 1) || !double.IsFinite(d.Mean) || !(d.StandardDeviation >= 0) || !double.IsFinite(d.StandardDeviation)
            || d.Pearson is { } r && !(r is >= -1 and <= 1))
            throw new ArgumentException($"Statistics of '{name}' are invalid (applicability in [0, 1], finite mean, non-negative spread, Pearson in [-1, 1]).", StatisticsParam);
        return new DimensionStatistics(d.Applicability, d.Mean, d.StandardDeviation, d.Pearson);
    }

    private static FitStatistics ReadFit(string task, FitDto f)
    {
        int p = f.Names?.Length ?? 0;
        bool ok = p > 0 && f.StandardDeviations?.Length == p && f.Gram?.Length == p * p && f.Target?.Length == p && (f.Prior is null || f.Prior.Length == p)
            && f.Names!.All(n => !string.IsNullOrEmpty(n)) && f.StandardDeviations!.All(v => double.IsFinite(v) && v >= 0)
            && f.Gram!.All(double.IsFinite) && f.Target!.All(double.IsFinite) && (f.Prior?.All(double.IsFinite) ?? true) && double.IsFinite(f.Lambda) && f.Lambda >= 0;
        if (!ok) throw new ArgumentException($"The fit statistics of '{task}' are inconsistent (lengths, finite values, non-negative spreads and λ).", FitParam);
        return new FitStatistics(f.Names!, f.StandardDeviations!, f.Gram!, f.Target!, f.Lambda, f.Prior);
    }
}

internal sealed class ProvenanceDto
{
    [JsonPropertyName("task")] public string? Task { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("label")] public string? Label { get; set; }
    [JsonPropertyName("items")] public int Items { get; set; }
    [JsonPropertyName("inDomainPearson")] public double? InDomainPearson { get; set; }
    [JsonPropertyName("leftOutPearson")] public double? LeftOutPearson { get; set; }
}

internal sealed class TaskDto
{
    [JsonPropertyName("statistics")] public SortedDictionary<string, StatisticsDto>? Statistics { get; set; }
    [JsonPropertyName("fit")] public FitDto? Fit { get; set; }
    [JsonPropertyName("policy")] public string? Policy { get; set; }
    [JsonPropertyName("weights")] public SortedDictionary<string, double>? Weights { get; set; }
    [JsonPropertyName("dropped")] public SortedDictionary<string, string>? Dropped { get; set; }
    [JsonPropertyName("isotonic")] public IsotonicDto? Isotonic { get; set; }
    [JsonPropertyName("judgmentScales")] public SortedDictionary<string, double[]>? JudgmentScales { get; set; }
    [JsonPropertyName("items")] public int Items { get; set; }
    [JsonPropertyName("outOfFoldPearson")] public double? OutOfFoldPearson { get; set; }
}

internal sealed class StatisticsDto
{
    [JsonPropertyName("applicability")] public double Applicability { get; set; }
    [JsonPropertyName("mean")] public double Mean { get; set; }
    [JsonPropertyName("sd")] public double StandardDeviation { get; set; }
    [JsonPropertyName("pearson")] public double? Pearson { get; set; }
}

internal sealed class FitDto
{
    [JsonPropertyName("names")] public string[]? Names { get; set; }
    [JsonPropertyName("sd")] public double[]? StandardDeviations { get; set; }
    [JsonPropertyName("gram")] public double[]? Gram { get; set; }
    [JsonPropertyName("target")] public double[]? Target { get; set; }
    [JsonPropertyName("lambda")] public double Lambda { get; set; }
    [JsonPropertyName("prior")] public double[]? Prior { get; set; }
}

internal sealed class IsotonicDto
{
    [JsonPropertyName("x")] public double[]? X { get; set; }
    [JsonPropertyName("y")] public double[]? Y { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProfileDto))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext;
