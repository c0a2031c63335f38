using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.Calibration;

/// <summary>How a calibration profile performs on other labeled data (the transfer check).</summary>
/// <remarks>Nothing is fitted on the evaluated data: the composite uses the profile's weights, <c>model-prior</c> starts with
/// an empty history (so it is not applicable), and judgment scales are the profile's, completed by scales inferred over the
/// data for evaluators the profile has not seen. Immutable.</remarks>
public sealed record EvaluationReport
{
    /// <summary>Labeled items evaluated.</summary>
    public required int Items { get; init; }

    /// <summary>Records skipped because they lack the label.</summary>
    public required int SkippedMissingLabel { get; init; }

    /// <summary>The profile's composite against the label.</summary>
    public required CorrelationSummary Composite { get; init; }

    /// <summary>Each dimension alone, by name (over the items where it applies).</summary>
    public required IReadOnlyDictionary<string, CorrelationSummary> Dimensions { get; init; }

    /// <summary>Each external evaluator (mean of its samples), by name.</summary>
    public required IReadOnlyDictionary<string, CorrelationSummary> Judgments { get; init; }

    /// <summary>Mean of the external evaluators rescaled to [0, 1]; null when the data has no judgments.</summary>
    public CorrelationSummary? ConsensusMean { get; init; }

    /// <summary>Median of the external evaluators rescaled to [0, 1]; null when the data has no judgments.</summary>
    public CorrelationSummary? ConsensusMedian { get; init; }

    /// <summary>Label-free drift and applicability warnings for this data (<see cref="ProfileDiagnostics"/>).</summary>
    public IReadOnlyList<ProfileWarning> Warnings { get; init; } = [];

    /// <summary>Applies a profile to labeled data and correlates everything with the label.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="data">Labeled records (records without the label are skipped and counted).</param>
    /// <param name="label">The label name.</param>
    /// <param name="maxDegreeOfParallelism">Scoring parallelism (results do not depend on it); −1 for all cores.</param>
    /// <param name="history">Node history for <c>model-prior</c> (for example <c>NodeHistoryJsonl.ReadFile</c> of ScoutElo.Scoring.Reporting);
    /// an empty one when null, which makes <c>model-prior</c> not applicable and is reported in <see cref="Warnings"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="label"/> is empty, or fewer than 3 records carry the label (named <paramref name="data"/>).</exception>
    public static EvaluationReport Evaluate(CalibrationProfile profile, IReadOnlyList<LoggedOutput> data, string label, int maxDegreeOfParallelism = -1, Dimensions.INodeQualityHistory? history = null) =>
        Evaluate(profile, data, label, [], maxDegreeOfParallelism, history);

    /// <summary>Applies a profile to labeled data, with dimensions computed elsewhere (an LLM judge, an embedding similarity)
    /// beside the built-ins, and correlates everything with the label.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="data">Labeled records (records without the label are skipped and counted).</param>
    /// <param name="label">The label name.</param>
    /// <param name="additionalDimensions">Extra dimensions (see <see cref="CalibrationProfile.CreateScorer(Dimensions.INodeQualityHistory?, IEnumerable{ScoringInput}?, IEnumerable{IQualityDimension})"/>).</param>
    /// <param name="maxDegreeOfParallelism">Scoring parallelism (results do not depend on it); −1 for all cores.</param>
    /// <param name="history">Node history for <c>model-prior</c>; an empty one when null.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="label"/> is empty, fewer than 3 records carry the label (named
    /// <paramref name="data"/>), or the profile weights a dimension that is not given.</exception>
    public static EvaluationReport Evaluate(CalibrationProfile profile, IReadOnlyList<LoggedOutput> data, string label, IReadOnlyList<IQualityDimension> additionalDimensions, int maxDegreeOfParallelism = -1, Dimensions.INodeQualityHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(additionalDimensions);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(label);
        var labeled = data.Where(r => r is not null && r.Labels.ContainsKey(label)).ToList();
        int skipped = data.Count - labeled.Count;
        if (labeled.Count < 3) throw new ArgumentException($"Evaluation needs at least 3 records labeled '{label}'; found {labeled.Count}.", nameof(data));
        var inputs = labeled.Select(r => r.Input).ToList();
        var y = labeled.Select(r => r.Labels[label]).ToArray();

        var scales = profile.JudgmentScalesFor(inputs);
        var scorer = additionalDimensions.Count == 0 ? profile.CreateScorer(history, data: inputs) : profile.CreateScorer(history, inputs, additionalDimensions);
        var reports = scorer.ScoreBatch(inputs, maxDegreeOfParallelism);

        CorrelationSummary Column(Func<QualityReport, DimensionScore> pick)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < reports.Length; i++)
            {
                if (pick(reports[i]).TryGetValue(out double v)) { xs.Add(v); ys.Add(y[i]); }
            }
            return CorrelationSummary.Of([.. xs], [.. ys]);
        }

        var dims = scorer.Dimensions.ToDictionary(d => d.Name, d => Column(r => r[d.Name]), StringComparer.Ordinal);
        var baselines = Calibrator.EvaluatorBaselines(inputs, y, scales).ToList();
        return new EvaluationReport
        {
            Items = labeled.Count,
            SkippedMissingLabel = skipped,
            Composite = Column(r => r.Composite),
            Dimensions = dims,
            Judgments = baselines.Where(b => b.Kind == BaselineKind.Evaluator).ToDictionary(b => b.Name, b => b.Correlation, StringComparer.Ordinal),
            ConsensusMean = baselines.FirstOrDefault(b => b.Kind == BaselineKind.ConsensusMean)?.Correlation,
            ConsensusMedian = baselines.FirstOrDefault(b => b.Kind == BaselineKind.ConsensusMedian)?.Correlation,
            Warnings = ProfileDiagnostics.Check(profile, inputs, reports),
        };
    }
}
