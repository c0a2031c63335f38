using System.CommandLine;
using System.Text.Json;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Calibration;

using ScoutElo.Scoring.Reporting.Results;

namespace ScoutElo.Cli;


/// <summary>Profiles and node history for score and evaluate: the shipped default or a file, adapted without labels or not, its warnings on stderr and in JSON.</summary>
internal static class ProfileOptions
{
    /// <summary>Whether a profile gives a dimension weight in any task.</summary>
    public static bool Weighs(CalibrationProfile profile, string dimension) =>
        profile.Tasks.Values.Any(t => t.Weights.TryGetValue(dimension, out double w) && w > 0);
    /// <summary>A profile's scorer over the built-ins plus signals computed in this run (judge, embedding); a profile that weighs
    /// a signal this run does not compute is an error naming the flag that provides it.</summary>
    public static QualityScorer ProfileScorer(CalibrationProfile profile, Scoring.Dimensions.INodeQualityHistory? history, IReadOnlyList<ScoringInput> inputs, IReadOnlyList<IQualityDimension> extras)
    {
        CheckProfileSignals(profile, extras);
        return extras.Count == 0 ? profile.CreateScorer(history, data: inputs) : profile.CreateScorer(history, inputs, extras);
    }
    /// <summary>Refuses a profile that weighs a signal this run does not compute, naming the flag that provides it.</summary>
    public static void CheckProfileSignals(CalibrationProfile profile, IReadOnlyList<IQualityDimension> extras)
    {
        foreach (var (name, flag) in new[] { (EmbedderCli.DimensionName, "--embedder"), (Scoring.AI.EmbeddingSourceDimension.DimensionName, "--embedder"), (Scoring.AI.JudgeDimension.DimensionName, "--judge-endpoint") })
        {
            if (Weighs(profile, name) && !extras.Any(x => x.Name == name))
                throw new ArgumentException($"--profile: the profile weighs '{name}', which this run does not compute; pass {flag} as when the profile was calibrated.");
        }
    }
    /// <summary>The <c>--adapt</c> option of score and evaluate.</summary>
    public static readonly Option<bool> Adapt = new("--adapt")
    {
        Description = "Adapt --profile's weights to this traffic without labels (the default profile, used without --profile, always is unless --no-adapt): toward the dimensions' mutual agreement (spectral, shrunk toward the profile), weighing signals the calibration never saw when they agree with the rest; what moved is printed as warnings.",
    };
    /// <summary>The <c>--no-adapt</c> option: use the shipped default profile as fitted.</summary>
    public static readonly Option<bool> NoAdapt = new("--no-adapt")
    {
        Description = "Without --profile: use the shipped default profile as fitted, without adapting it to this traffic.",
    };
    /// <summary>The profile a scoring verb uses: --profile (adapted with --adapt), else the shipped default profile adapted to
    /// the inputs without labels (as fitted with --no-adapt). Refuses a profile that weighs a signal this run does not compute.</summary>
    public static CalibrationProfile ResolveProfile(CliContext r, string? path, IReadOnlyList<ScoringInput> inputs, Scoring.Dimensions.INodeQualityHistory? history, IReadOnlyList<IQualityDimension> extras)
    {
        if (path is not null)
        {
            if (r.GetValue(NoAdapt)) throw new ArgumentException("--no-adapt: applies to the shipped default profile (without --profile); a given profile is adapted only with --adapt.");
            var loaded = LoadProfile(path);
            CheckProfileSignals(loaded, extras);
            return r.GetValue(Adapt) ? AdaptUnlabeled(r, loaded, inputs, history, extras) : loaded;
        }
        if (r.GetValue(Adapt) && r.GetValue(NoAdapt)) throw new ArgumentException("--adapt: conflicts with --no-adapt.");
        bool adapt = !r.GetValue(NoAdapt);
        r.Error.WriteLine($"profile: the shipped default (fitted across public datasets; see docs/calibration.md){(adapt ? ", adapted to these inputs without labels (--no-adapt to use it as fitted)" : ", as fitted")}");
        return adapt ? AdaptUnlabeled(r, CalibrationProfile.Default, inputs, history, extras) : CalibrationProfile.Default;
    }
    /// <summary>Label-free adaptation of a profile to the inputs about to be scored; prints what moved as warnings.</summary>
    public static CalibrationProfile AdaptUnlabeled(CliContext r, CalibrationProfile profile, IReadOnlyList<ScoringInput> inputs, Scoring.Dimensions.INodeQualityHistory? history, IReadOnlyList<IQualityDimension> extras)
    {
        var adapted = profile.AdaptUnlabeled(inputs, history: history, additionalDimensions: extras);
        Warn(r, adapted.Warnings);
        r.AdaptationWarnings.AddRange(adapted.Warnings);
        return adapted.Profile;
    }
    public static CalibrationProfile LoadProfile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Profile '{path}' not found.", path);
        return CalibrationProfile.FromJson(File.ReadAllText(path));
    }
    /// <summary>The <c>--history</c> option of score and evaluate.</summary>
    public static Option<string?> HistoryOption() => new("--history")
    {
        Description = "Node history for model-prior (JSONL lines {\"node\":..,\"count\":..,\"mean\":0..1}, e.g. from calibrate --history-out); without it model-prior is not applicable.",
    };
    public static Scoring.Dimensions.InMemoryNodeQualityHistory? LoadHistory(string? path)
    {
        if (path is null) return null;
        if (!File.Exists(path)) throw new FileNotFoundException($"History file '{path}' not found.", path);
        return NodeHistoryJsonl.ReadFile(path);
    }
    /// <summary>Prints profile warnings on stderr (always: stdout stays machine-readable under --json).</summary>
    public static void Warn(CliContext r, IReadOnlyList<ProfileWarning> warnings)
    {
        foreach (var w in warnings) r.Error.WriteLine($"warning [{w.Code}]: {w.Message}");
    }
    /// <summary>The run's warnings for its result: the input's, then what adaptation moved, then <paramref name="warnings"/>.</summary>
    public static IReadOnlyList<ResultWarning> Warnings(CliContext r, IReadOnlyList<ProfileWarning> warnings) =>
        [.. r.InputWarnings.Select(x => new ResultWarning(x.Code, null, null, x.Message)), .. r.AdaptationWarnings.Concat(warnings).Select(ResultWarning.From)];
    public static TaskKind? ParseTask(string? task) =>
        task is null ? null
        : WireName.TryParse<TaskKind>(task, out var kind) ? kind
        : throw new ArgumentException($"--task: unknown task '{task}'" + Cli.Suggest(task, [.. WireName.All<TaskKind>()]));
}
