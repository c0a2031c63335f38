using System.Collections.Immutable;
using System.Text.Json;
using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.Calibration;

/// <summary>A versioned, serializable calibration: per task, the weights of the composite.</summary>
/// <remarks>
/// <para>JSON round-trips exactly (doubles are written in shortest round-trip form). <see cref="SchemaVersion"/> is checked on
/// reading: a profile written by a newer schema is rejected with a clear error rather than misread. Immutable.</para>
/// </remarks>
public sealed partial record CalibrationProfile
{
    /// <summary>The schema version this library writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The schema version of this profile.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The label the profile was calibrated against.</summary>
    public required string Label { get; init; }

    /// <summary>Calibration per task.</summary>
    public required IReadOnlyDictionary<TaskKind, TaskCalibration> Tasks
    {
        get;
        init => field = ImmutableSortedDictionary.CreateRange(value ?? throw new ArgumentNullException(nameof(Tasks)));
    }

    /// <summary>Cross-validation folds used.</summary>
    public int Folds { get; init; }

    /// <summary>Seed used.</summary>
    public int Seed { get; init; }

    /// <summary>The datasets the profile was fitted on, with its in-domain and left-out figures there (set by
    /// <see cref="Calibrator.CalibrateDomains"/>; empty for other profiles).</summary>
    public IReadOnlyList<DatasetProvenance> Provenance { get; init => field = [.. value ?? throw new ArgumentNullException(nameof(Provenance))]; } = [];

    /// <summary>A free-text note on where the profile comes from (for example the script that fitted it); null when none.</summary>
    public string? Description { get; init; }

    /// <summary>The shipped default profile: per task (summarization, qa, dialogue), weights fitted across the public
    /// datasets by multi-domain calibration (<see cref="Calibrator.CalibrateDomains"/>) with the repository's
    /// <c>scripts/fit-default-profiles.sh</c>; <see cref="Provenance"/> names the datasets, labels and each one's in-domain and
    /// left-out figures. The command line uses it when no profile is given, adapted label-free to the traffic
    /// (<see cref="AdaptUnlabeled(IReadOnlyList{ScoringInput}, LabelFreeOptions?, Dimensions.INodeQualityHistory?, IReadOnlyList{IQualityDimension}?)"/>). Tasks it does not calibrate (<c>open</c>) score with equal weights.</summary>
    /// <remarks>It never weighs <c>model-prior</c> (node identities do not carry over between datasets) nor signals computed
    /// outside the core (judge, embedding). Parsed once; immutable.</remarks>
    public static CalibrationProfile Default => DefaultProfile.Value;

    private static readonly Lazy<CalibrationProfile> DefaultProfile = new(() =>
    {
        using var stream = typeof(CalibrationProfile).Assembly.GetManifestResourceStream("ScoutElo.Scoring.Calibration.Profiles.default.json")
            ?? throw new InvalidOperationException("The default profile resource is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    });

    /// <summary>Builds a scorer that applies this profile's per-task weights (and isotonic maps) to the built-in dimensions.</summary>
    /// <param name="history">Node history for <c>model-prior</c>; a new empty one when null.</param>
    /// <param name="data">Inputs about to be scored: judgment scales of evaluators the profile has not seen are inferred over
    /// them (<see cref="JudgmentScale.InferAll"/>); the profile's own scales always win. Null uses the profile's scales only.</param>
    /// <returns>The scorer. Tasks absent from the profile use equal weights.</returns>
    public QualityScorer CreateScorer(INodeQualityHistory? history = null, IEnumerable<ScoringInput>? data = null) =>
        CreateScorer(BuiltInDimensions.Create(history, new AgreementOptions { Scales = JudgmentScalesFor(data) }));

    /// <summary>Builds a scorer over the built-in dimensions (as <see cref="CreateScorer(INodeQualityHistory?, IEnumerable{ScoringInput}?)"/>)
    /// plus dimensions computed elsewhere (an LLM judge's scores, an embedding similarity), with this profile's weights; a
    /// dimension the profile does not weigh is scored and reported but has no weight in the composite.</summary>
    /// <param name="history">Node history for <c>model-prior</c>; a new empty one when null.</param>
    /// <param name="data">Inputs about to be scored (judgment scales of evaluators the profile has not seen are inferred over them).</param>
    /// <param name="additionalDimensions">The extra dimensions; their names must differ from the built-ins'.</param>
    /// <returns>The scorer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="additionalDimensions"/> is null.</exception>
    /// <exception cref="ArgumentException">The profile weights a dimension that is neither built in nor given, or a name is repeated.</exception>
    public QualityScorer CreateScorer(INodeQualityHistory? history, IEnumerable<ScoringInput>? data, IEnumerable<IQualityDimension> additionalDimensions)
    {
        ArgumentNullException.ThrowIfNull(additionalDimensions);
        return CreateScorer([.. BuiltInDimensions.Create(history, new AgreementOptions { Scales = JudgmentScalesFor(data) }), .. additionalDimensions]);
    }

    /// <summary>Judgment scales inferred over <paramref name="data"/> (if any), overridden by the profile's (first task in task order wins).</summary>
    internal SortedDictionary<string, JudgmentScale> JudgmentScalesFor(IEnumerable<ScoringInput>? data)
    {
        var scales = new SortedDictionary<string, JudgmentScale>(StringComparer.Ordinal);
        if (data is not null)
        {
            foreach (var (k, v) in JudgmentScale.InferAll(data)) scales[k] = v;
        }
        var fromProfile = new Dictionary<string, JudgmentScale>(StringComparer.Ordinal);
        foreach (var t in Tasks.Values)
        {
            foreach (var (k, v) in t.JudgmentScales) fromProfile.TryAdd(k, v); // tasks in order: the first task's scale wins
        }
        foreach (var (k, v) in fromProfile) scales[k] = v;
        return scales;
    }

    /// <summary>Builds a scorer over the given dimensions with this profile's per-task weights.</summary>
    /// <param name="dimensions">The dimensions; every weighted name in the profile must be among them.</param>
    /// <returns>The scorer.</returns>
    /// <exception cref="ArgumentException">The profile weights a dimension that is not given.</exception>
    public QualityScorer CreateScorer(IEnumerable<IQualityDimension> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        var list = dimensions.ToList();
        var names = list.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var weights = new Dictionary<TaskKind, IReadOnlyDictionary<string, double>>();
        var maps = new Dictionary<TaskKind, Func<double, double>>();
        var calibrations = new Dictionary<TaskKind, QualityScorer.ConditionalWeighting>();
        foreach (var (task, t) in Tasks)
        {
            var w = t.Weights.Where(p => p.Value > 0).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var missing = w.Keys.Where(k => !names.Contains(k)).ToList();
            if (missing.Count > 0) throw new ArgumentException($"The profile weights unknown dimension(s): {string.Join(", ", missing)}.", nameof(dimensions));
            weights[task] = w;
            calibrations[task] = t.ConditionalWeights;
            if (t.Isotonic is { } map) maps[task] = map.Apply;
        }
        return new QualityScorer(list, null, weights, maps, calibrations);
    }

    /// <summary>Serializes to indented JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(ProfileDto.From(this), ProfileJsonContext.Default.ProfileDto);

    /// <summary>Reads a profile from JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The JSON is malformed, of an unsupported schema version, or holds invalid values.</exception>
    public static CalibrationProfile FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ProfileDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, ProfileJsonContext.Default.ProfileDto);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Calibration profile field '{e.Path ?? "$"}': {Internal.JsonErrors.Plain(e)}", e);
        }
        if (dto is null) throw new FormatException("Calibration profile is null.");
        try
        {
            return dto.ToProfile();
        }
        catch (ArgumentException e)
        {
            throw new FormatException("Calibration profile holds invalid values: " + Internal.Guard.BareMessage(e), e);
        }
    }
}
