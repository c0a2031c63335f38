using System.Collections.Immutable;
using System.Text.Json;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Serialization;

namespace ScoutElo.Scoring.Calibration;

/// <summary>The calibrated weights (and optional isotonic map and judgment scales) of one task.</summary>
/// <remarks>Immutable; weights are non-negative and sum to 1.</remarks>
public sealed record TaskCalibration
{
    /// <summary>The policy that produced the weights.</summary>
    public required CalibrationPolicy Policy { get; init; }

    /// <summary>Weights by dimension name (non-negative, summing to 1); dropped dimensions have weight 0 or are absent.</summary>
    public required IReadOnlyDictionary<string, double> Weights
    {
        get;
        init => field = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, value ?? throw new ArgumentNullException(nameof(Weights)));
    }

    /// <summary>Why each dropped dimension was dropped.</summary>
    public IReadOnlyDictionary<string, string> Dropped
    {
        get;
        init => field = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, value ?? throw new ArgumentNullException(nameof(Dropped)));
    } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Optional monotone map from composite to the label scale.</summary>
    public IsotonicMap? Isotonic { get; init; }

    /// <summary>Judgment scales inferred over the calibration data (used by <c>agreement</c>).</summary>
    public IReadOnlyDictionary<string, JudgmentScale> JudgmentScales
    {
        get;
        init => field = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, value ?? throw new ArgumentNullException(nameof(JudgmentScales)));
    } = ImmutableSortedDictionary<string, JudgmentScale>.Empty;

    /// <summary>Labeled items the weights were fitted on.</summary>
    public int Items { get; init; }

    /// <summary>The calibrated composite's out-of-fold Pearson, when defined.</summary>
    public double? OutOfFoldPearson { get; init; }

    /// <summary>How each dimension behaved on the calibration data (applicability, mean, spread, correlation with the label):
    /// the reference for <see cref="ProfileDiagnostics"/> and for conditional weights. Empty for hand-written profiles.</summary>
    public IReadOnlyDictionary<string, DimensionStatistics> Statistics
    {
        get;
        init => field = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, value ?? throw new ArgumentNullException(nameof(Statistics)));
    } = ImmutableSortedDictionary<string, DimensionStatistics>.Empty;

    /// <summary>Sufficient statistics of a regression fit, for exact refits on a subset of dimensions.</summary>
    internal FitStatistics? Fit { get; init; }

    /// <summary>The weights (summing to 1, aligned with <paramref name="names"/>) for an input on which only the dimensions
    /// marked in <paramref name="applicable"/> can judge; null when the plain weights renormalized over the applicable ones are
    /// what applies (no positively weighted dimension is missing, or the policy keeps no fit).</summary>
    /// <remarks>
    /// <para>ScoutElo's own rule (the papers publish none). Regression weights are <em>partial</em> effects: a dimension that
    /// is strong alone gets little weight beside a correlated stronger one (for example <c>alignment</c> beside
    /// <c>model-prior</c>). Renormalizing those partial weights when the stronger one cannot judge (a node with no history)
    /// keeps the small weight and loses the signal. For <see cref="CalibrationPolicy.NonNegativeLeastSquares"/> and
    /// <see cref="CalibrationPolicy.Ridge"/> (and <see cref="CalibrationPolicy.FewShot"/>, with its pull towards the base weights)
    /// the weights are therefore refitted exactly from <see cref="Fit"/> on the
    /// applicable dimensions, which equals calibrating without the missing ones. For <see cref="CalibrationPolicy.BestSingle"/>
    /// the best applicable dimension by calibration Pearson (positive) takes over.</para>
    /// </remarks>
    internal double[]? ConditionalWeights(IReadOnlyList<string> names, bool[] applicable)
    {
        bool missing = false;
        for (int i = 0; i < names.Count; i++)
        {
            if (!applicable[i] && Weights.TryGetValue(names[i], out double w) && w > 0) missing = true;
        }
        if (!missing) return null;
        switch (Policy)
        {
            case CalibrationPolicy.NonNegativeLeastSquares or CalibrationPolicy.Ridge or CalibrationPolicy.FewShot when Fit is { } fit:
            {
                var available = new bool[fit.Names.Length];
                var position = new int[fit.Names.Length];
                for (int k = 0; k < fit.Names.Length; k++)
                {
                    position[k] = -1;
                    for (int i = 0; i < names.Count; i++)
                    {
                        if (string.Equals(names[i], fit.Names[k], StringComparison.Ordinal)) { position[k] = i; available[k] = applicable[i]; }
                    }
                }
                var solved = fit.Solve(available);
                if (solved is null) return null;
                var result = new double[names.Count];
                for (int k = 0; k < solved.Length; k++)
                {
                    if (position[k] >= 0) result[position[k]] = solved[k];
                }
                return result.Sum() > 0 ? result : null;
            }
            case CalibrationPolicy.BestSingle:
            {
                int best = -1;
                double bestR = 0;
                for (int i = 0; i < names.Count; i++)
                {
                    if (applicable[i] && Statistics.TryGetValue(names[i], out var st) && st.Pearson is > 0 and var r && r > bestR) { best = i; bestR = r; }
                }
                if (best < 0) return null;
                var result = new double[names.Count];
                result[best] = 1;
                return result;
            }
            default:
                return null;
        }
    }
}

/// <summary>A versioned, serializable calibration: per task, the weights of the composite.</summary>
/// <remarks>
/// <para>JSON round-trips exactly (doubles are written in shortest round-trip form). <see cref="SchemaVersion"/> is checked on
/// reading: a profile written by a newer schema is rejected with a clear error rather than misread. Immutable.</para>
/// </remarks>
public sealed record CalibrationProfile
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

    /// <summary>Builds a scorer that applies this profile's per-task weights (and isotonic maps) to the built-in dimensions.</summary>
    /// <param name="history">Node history for <c>model-prior</c>; a new empty one when null.</param>
    /// <param name="embedder">Optional embedder for <c>semantic</c>.</param>
    /// <param name="data">Inputs about to be scored: judgment scales of evaluators the profile has not seen are inferred over
    /// them (<see cref="JudgmentScale.InferAll"/>); the profile's own scales always win. Null uses the profile's scales only.</param>
    /// <returns>The scorer. Tasks absent from the profile use equal weights.</returns>
    public QualityScorer CreateScorer(INodeQualityHistory? history = null, ITextEmbedder? embedder = null, IEnumerable<ScoringInput>? data = null) =>
        CreateScorer(QualityScorer.DefaultDimensions(history, embedder, new AgreementOptions { Scales = JudgmentScalesFor(data) }));

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
        var maps = new Dictionary<TaskKind, IsotonicMap>();
        var calibrations = new Dictionary<TaskKind, TaskCalibration>();
        foreach (var (task, t) in Tasks)
        {
            var w = t.Weights.Where(p => p.Value > 0).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var missing = w.Keys.Where(k => !names.Contains(k)).ToList();
            if (missing.Count > 0) throw new ArgumentException($"The profile weights unknown dimension(s): {string.Join(", ", missing)}.", nameof(dimensions));
            weights[task] = w;
            calibrations[task] = t;
            if (t.Isotonic is not null) maps[task] = t.Isotonic;
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
            throw new FormatException($"Calibration profile is not valid JSON at '{e.Path}': {e.Message}", e);
        }
        if (dto is null) throw new FormatException("Calibration profile is null.");
        try
        {
            return dto.ToProfile();
        }
        catch (ArgumentException e)
        {
            throw new FormatException("Calibration profile holds invalid values: " + e.Message, e);
        }
    }
}
