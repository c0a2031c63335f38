using System.Globalization;

namespace ScoutElo.Scoring.Calibration;

/// <summary>Drift and applicability diagnostics without labels: does a calibration profile apply to the traffic being scored?</summary>
/// <remarks>
/// <para>Compares the dimension scores of the scored inputs with the <see cref="TaskCalibration.Statistics"/> stored in the
/// profile, per task. The rules and thresholds are ScoutElo's own design (the papers publish none):</para>
/// <list type="bullet">
/// <item><description><see cref="NoProfile"/>: inputs of a task the profile does not calibrate (or no profile at all): equal
/// weights are used, which are not evidence of anything.</description></item>
/// <item><description><see cref="NotApplicable"/>: a positively weighted dimension judges less than half as many of the inputs
/// as it judged in calibration (for example <c>model-prior</c> without node history, <c>semantic</c> without references).
/// Regression profiles refit their weights without it (conditional weights), so the composite still means "the best
/// calibrated combination of what can judge", but not the combination the report proved.</description></item>
/// <item><description><see cref="Shift"/>: a positively weighted dimension's mean moved by more than half a calibration standard
/// deviation (a "medium" standardized difference, Cohen 1988), or its spread changed by more than a factor of two. Its
/// correlation with quality on the new traffic is then unknown; recalibrate, or adapt with a few labels
/// (<see cref="Calibrator.Adapt"/>).</description></item>
/// </list>
/// <para>At least <see cref="MinInputs"/> judged inputs are needed for a shift warning. Stateless and thread-safe.</para>
/// </remarks>
public static class ProfileDiagnostics
{
    /// <summary>Code of the warning that a task has no calibration and equal weights are used.</summary>
    public const string NoProfile = "no-profile";

    /// <summary>Code of the warning that a weighted dimension judges far fewer inputs than in calibration.</summary>
    public const string NotApplicable = "not-applicable";

    /// <summary>Code of the warning that a weighted dimension's distribution moved away from the calibration data.</summary>
    public const string Shift = "shift";

    /// <summary>Code of the note that label-free adaptation moved a dimension's weight (<see cref="CalibrationProfile.AdaptUnlabeled(IReadOnlyList{ScoringInput}, LabelFreeOptions?, Dimensions.INodeQualityHistory?, IReadOnlyList{IQualityDimension}?)"/>).</summary>
    public const string Reweighted = "reweighted";

    /// <summary>Code of the note that label-free adaptation left a task's weights as they were (too few inputs or usable dimensions).</summary>
    public const string NotAdapted = "not-adapted";

    /// <summary>Code of the note that a dimension agrees with no other, so label-free adaptation kept its profile weight.</summary>
    public const string NoPartner = "no-partner";

    /// <summary>Fewest inputs of a task on which a dimension must judge before its distribution is compared.</summary>
    public const int MinInputs = 20;

    /// <summary>Checks scored inputs against a profile.</summary>
    /// <param name="profile">The profile used to score; null when equal default weights were used.</param>
    /// <param name="inputs">The scored inputs.</param>
    /// <param name="reports">Their reports, in the same order (from the scorer built from <paramref name="profile"/>).</param>
    /// <returns>The warnings, by task (in task order), then dimension name (ordinal).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="reports"/> (or an element) is null.</exception>
    /// <exception cref="ArgumentException">The two lists differ in length (the parameter named is <paramref name="reports"/>).</exception>
    public static IReadOnlyList<ProfileWarning> Check(CalibrationProfile? profile, IReadOnlyList<ScoringInput> inputs, IReadOnlyList<QualityReport> reports)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(reports);
        if (inputs.Count != reports.Count) throw new ArgumentException($"Got {reports.Count} reports for {inputs.Count} inputs.", nameof(reports));
        var byTask = new SortedDictionary<TaskKind, List<int>>();
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i] ?? throw new ArgumentNullException(nameof(inputs), $"Input {i} is null.");
            if (reports[i] is null) throw new ArgumentNullException(nameof(reports), $"Report {i} is null.");
            if (!byTask.TryGetValue(input.Task, out var list)) byTask[input.Task] = list = [];
            list.Add(i);
        }
        var warnings = new List<ProfileWarning>();
        foreach (var (task, items) in byTask)
        {
            string taskName = WireName.Of(task);
            if (profile is null || !profile.Tasks.TryGetValue(task, out var calibration))
            {
                warnings.Add(new ProfileWarning(NoProfile, task, null, profile is null
                    ? $"{items.Count} {taskName} inputs were scored with equal default weights (no profile); calibrate one on labeled data from this traffic."
                    : $"The profile has no '{taskName}' calibration; its {items.Count} inputs were scored with equal default weights."));
                continue;
            }
            foreach (var (name, weight) in calibration.Weights)
            {
                if (weight <= 0 || !calibration.Statistics.TryGetValue(name, out var stats)) continue;
                // Reports of one scorer list the dimensions in one order: find this one's position once, not per item.
                int at = IndexOf(reports[items[0]].Dimensions, name);
                if (at < 0) continue;
                var judged = default(Internal.CoMoments); // count, mean and spread of the judged values (y unused)
                foreach (int i in items)
                {
                    var dims = reports[i].Dimensions;
                    int k = at < dims.Count && string.Equals(dims[at].Name, name, StringComparison.Ordinal) ? at : IndexOf(dims, name);
                    if (k >= 0 && dims[k].Score.TryGetValue(out double v)) judged = judged.Add(v, 0);
                }
                double share = (double)judged.Count / items.Count;
                string pct = Percent(weight);
                if (stats.Applicability > 0 && share < stats.Applicability / 2)
                {
                    warnings.Add(new ProfileWarning(NotApplicable, task, name,
                        $"'{name}' carries {pct} of the {taskName} weight and judged {Percent(stats.Applicability)} of the calibration items, but judges {Percent(share)} of these {items.Count} inputs{Hint(name)}; the composite leans on the other dimensions."));
                    continue;
                }
                if (judged.Count < MinInputs || !(stats.StandardDeviation > 0)) continue;
                double mean = judged.MeanX, sd = judged.StdDevX;
                double z = (mean - stats.Mean) / stats.StandardDeviation;
                if (IsShift(stats, mean, sd))
                {
                    warnings.Add(new ProfileWarning(Shift, task, name, string.Create(CultureInfo.InvariantCulture,
                        $"'{name}' ({pct} of the {taskName} weight) has mean {mean:0.000} and spread {sd:0.000} on these inputs against {stats.Mean:0.000} and {stats.StandardDeviation:0.000} in calibration ({z:+0.00;-0.00} sd); its link to quality here is unverified.")));
                }
            }
        }
        return warnings;
    }

    /// <summary>The shift rule: the mean moved by more than half a calibration sd, or the spread changed by more than 2×.</summary>
    internal static bool IsShift(DimensionStatistics calibration, double mean, double sd)
    {
        if (!(calibration.StandardDeviation > 0)) return false;
        double z = (mean - calibration.Mean) / calibration.StandardDeviation;
        double ratio = sd / calibration.StandardDeviation;
        return Math.Abs(z) > 0.5 || ratio > 2 || ratio < 0.5;
    }

    private static int IndexOf(IReadOnlyList<DimensionResult> dimensions, string name)
    {
        for (int i = 0; i < dimensions.Count; i++)
        {
            if (string.Equals(dimensions[i].Name, name, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    /// <summary>A share as a whole percentage ("55%"), for warning messages.</summary>
    internal static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Hint(string name) => name switch
    {
        Dimensions.ModelPriorDimension.DimensionName => " (no history for these nodes; supply one, for example with scoutelo --history)",
        Dimensions.SemanticDimension.DimensionName => " (no references)",
        Dimensions.FaithfulnessDimension.DimensionName or Dimensions.SalienceDimension.DimensionName => " (no context)",
        Dimensions.CostPriorDimension.DimensionName => " (no serving metrics)",
        Dimensions.AgreementDimension.DimensionName => " (no judgments, samples or log-probabilities)",
        _ => "",
    };
}
