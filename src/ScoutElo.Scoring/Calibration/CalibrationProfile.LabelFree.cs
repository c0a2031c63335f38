using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Calibration;

// Label-free adaptation: the profile's weights combined with the traffic's own inter-dimension agreement.
public sealed partial record CalibrationProfile
{
    /// <summary>Adapts this profile to unlabeled traffic: per task, the weights move toward what the traffic's own
    /// inter-dimension agreement says, shrunk toward the profile, and dimensions the calibration never saw (an LLM judge,
    /// external evaluators' <c>agreement</c>) get weight when they agree with the rest.</summary>
    /// <remarks>
    /// <para><b>Idea</b> (credited): when several noisy predictors of the same latent quality err independently given it,
    /// their covariance off the diagonal is rank one, and its leading eigenvector ranks the predictors by their accuracy
    /// without any label — the spectral meta-learner of Parisi, Strino, Nadler and Kluger (PNAS 2014, "Ranking and combining
    /// multiple predictors without labeled data"); Dror, Nadler, Slonim and Kluger (2017) carry it to regression
    /// ("unsupervised ensemble regression").</para>
    /// <para><b>Formula</b> (ScoutElo's own design; the papers publish none for this setting). On the task's inputs, a
    /// dimension is usable when it judges at least <see cref="LabelFreeOptions.MinItems"/> inputs and half of them and is not
    /// constant. Over the usable dimensions: Spearman's ρ on the inputs each pair judges (robust to the dimensions' different,
    /// often skewed scales); a one-factor fit of the off-diagonal correlations by principal-axis iteration (communalities
    /// start at each row's largest |ρ| and are re-estimated from the leading eigenpair until stable), giving loadings
    /// <c>ℓ_d</c> oriented so the profile's weights load positively; label-free standardized weights
    /// <c>β_lf,d ∝ max(ℓ_d, 0) / (1 − min(ℓ_d², 0.9))</c> (loading over unique variance: the factor-score weights of a
    /// one-factor model). <b>Guard:</b> a dimension whose largest |ρ| with any other stays below
    /// <see cref="LabelFreeOptions.PartnerThreshold"/>, or below <c>2/√n</c> (two standard errors of a null correlation over
    /// the n inputs the pair judges: chance agreement is no agreement), has no partner in agreement; the factor cannot see it (EVOUNA-NQ: the
    /// reference match carries the signal alone), so it keeps its profile share and the partnered dimensions share the rest
    /// by their <c>β_lf</c>. The profile's standardized weights are <c>β₀,d = w₀,d·σ_d</c> (σ on the traffic; <c>w₀</c> the
    /// conditional weights of what can judge), the result <c>β_d = λ_d·β₀,d + (1 − λ_d)·β_lf,d</c> with
    /// <c>λ_d = </c><see cref="LabelFreeOptions.Shrinkage"/>, except <c>λ_d = 0</c> for a dimension whose distribution shifted
    /// away from the calibration data (the <see cref="ProfileDiagnostics.Shift"/> rule: its calibrated link to quality is
    /// unverified here) and for one the calibration never saw judge (its zero weight there is silence, not evidence): only
    /// the traffic speaks for those; the partnered dimensions' <c>β</c> are then rescaled to share exactly what the partnerless
    /// ones leave, and the raw weights are <c>w_d ∝ β_d / σ_d</c>. Dimensions that
    /// judge too few inputs get weight 0. A task the profile does not calibrate starts from equal weights.</para>
    /// <para>The adapted profile drops isotonic maps (they belong to the old composite) and regression statistics (its
    /// conditional weights renormalize). Deterministic; the result does not depend on the input order within a task.</para>
    /// </remarks>
    /// <param name="traffic">The unlabeled inputs to adapt to (labels, if any, are not read).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="history">Node history for <c>model-prior</c>; an empty one when null.</param>
    /// <param name="additionalDimensions">Dimensions computed elsewhere (judge, embedding) that will be present when scoring.</param>
    /// <returns>The adapted profile, a report per task and warnings naming what moved and why.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="traffic"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    /// <exception cref="ArgumentException">The profile weights a dimension that is not given (named <paramref name="additionalDimensions"/>).</exception>
    public LabelFreeAdaptationResult AdaptUnlabeled(IReadOnlyList<ScoringInput> traffic, LabelFreeOptions? options = null, INodeQualityHistory? history = null, IReadOnlyList<IQualityDimension>? additionalDimensions = null)
    {
        CheckTraffic(traffic);
        var all = BuiltInDimensions.Create(history, new AgreementOptions { Scales = JudgmentScalesFor(traffic) }).Concat(additionalDimensions ?? []).ToList();
        try
        {
            return AdaptUnlabeled(traffic, all, options);
        }
        catch (ArgumentException e) when (e.ParamName == "dimensions")
        {
            throw new ArgumentException(Guard.BareMessage(e), nameof(additionalDimensions), e);
        }
    }

    /// <summary>Adapts this profile to unlabeled traffic scored by the given dimensions (as
    /// <see cref="AdaptUnlabeled(IReadOnlyList{ScoringInput}, LabelFreeOptions?, INodeQualityHistory?, IReadOnlyList{IQualityDimension}?)"/>,
    /// for custom dimension sets: the same set <see cref="CreateScorer(IEnumerable{IQualityDimension})"/> will score with).</summary>
    /// <param name="traffic">The unlabeled inputs to adapt to.</param>
    /// <param name="dimensions">Every dimension that will score; every weighted name in the profile must be among them.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <returns>The adapted profile, a report per task and warnings naming what moved and why.</returns>
    /// <exception cref="ArgumentNullException">An argument or an element is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    /// <exception cref="ArgumentException">The profile weights a dimension that is not given, or names repeat (named <paramref name="dimensions"/>).</exception>
    public LabelFreeAdaptationResult AdaptUnlabeled(IReadOnlyList<ScoringInput> traffic, IReadOnlyList<IQualityDimension> dimensions, LabelFreeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        options ??= new LabelFreeOptions();
        options.Validate(nameof(options));
        CheckTraffic(traffic);
        if (dimensions.Any(d => d is null) || dimensions.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count() != dimensions.Count)
            throw new ArgumentException("Dimensions must be non-null with unique names.", nameof(dimensions));
        var scorer = CreateScorer(dimensions);
        var names = scorer.Dimensions.Select(d => d.Name).ToArray();
        var reportsOf = scorer.ScoreBatch(traffic, -1);
        var scales = JudgmentScalesFor(traffic);
        var tasks = new Dictionary<TaskKind, TaskCalibration>(Tasks);
        var reports = new List<LabelFreeReport>();
        var warnings = new List<ProfileWarning>();
        foreach (var group in Enumerable.Range(0, traffic.Count).GroupBy(i => traffic[i].Task).OrderBy(g => g.Key))
        {
            var idx = group.ToArray();
            var s = new double[names.Length][];
            for (int d = 0; d < names.Length; d++)
            {
                s[d] = new double[idx.Length];
                for (int k = 0; k < idx.Length; k++) s[d][k] = reportsOf[idx[k]].Dimensions[d].Score.TryGetValue(out double v) ? v : double.NaN;
            }
            Tasks.TryGetValue(group.Key, out var basis);
            var (report, weights) = LabelFreeAdaptation.AdaptTask(group.Key, basis, names, s, options, warnings);
            reports.Add(report);
            if (!report.Adapted) continue;
            tasks[group.Key] = new TaskCalibration
            {
                Policy = CalibrationPolicy.LabelFree,
                Weights = weights,
                Dropped = weights.Where(kv => kv.Value <= 0).ToDictionary(kv => kv.Key, _ => "zero weight after label-free adaptation", StringComparer.Ordinal),
                JudgmentScales = scales,
                Items = basis?.Items ?? 0,
                OutOfFoldPearson = null,
                Statistics = basis?.Statistics ?? new Dictionary<string, DimensionStatistics>(),
            };
        }
        return new LabelFreeAdaptationResult(this with { Tasks = tasks }, reports, warnings);
    }

    private static void CheckTraffic(IReadOnlyList<ScoringInput> traffic)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        for (int i = 0; i < traffic.Count; i++)
        {
            if (traffic[i] is null) throw new ArgumentNullException(nameof(traffic), $"Input {i} is null.");
        }
    }
}
