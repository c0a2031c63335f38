namespace ScoutElo.Scoring.Dimensions;

/// <summary>The <c>model-prior</c> dimension: expected quality of the producing node from its history.</summary>
/// <remarks>
/// <para>Formula (normal–normal conjugate posterior mean with a pseudo-count prior):
/// <c>model-prior = (k·m₀ + n·q̄) / (k + n)</c>, where <c>q̄</c> and <c>n</c> are the node's observed mean quality and count,
/// <c>m₀</c> the node's prior-table entry (or <see cref="ModelPriorOptions.PriorMean"/>), and <c>k</c> the prior strength.
/// With no history it is <c>m₀</c> when the table has the node. Not applicable when the input has no node id, or the node has
/// neither history nor a table entry (a constant for every unknown node would only dilute the composite).</para>
/// <para>This formula is ScoutElo's own design (the source papers publish none). The history must hold past <em>consensus</em>
/// quality (PoQ) or caller-supplied labels of other items, never the item being scored: inside calibration the history is
/// rebuilt from the training folds only.</para>
/// <para>Immutable and safe for concurrent use when the history is.</para>
/// </remarks>
public sealed class ModelPriorDimension : INodeHistoryDimension
{
    /// <summary>The dimension name, <c>model-prior</c>.</summary>
    public const string DimensionName = "model-prior";

    private readonly INodeQualityHistory _history;
    private readonly ModelPriorOptions _options;
    private readonly Dictionary<string, double> _table;

    /// <summary>Creates the dimension.</summary>
    /// <param name="history">The node history.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (prior mean or a table entry outside [0, 1], strength negative).</exception>
    public ModelPriorDimension(INodeQualityHistory history, ModelPriorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        _history = history;
        _options = options ?? new ModelPriorOptions();
        if (!double.IsFinite(_options.PriorMean) || _options.PriorMean is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(options), _options.PriorMean, "PriorMean must be in [0, 1].");
        if (!double.IsFinite(_options.PriorStrength) || _options.PriorStrength < 0)
            throw new ArgumentOutOfRangeException(nameof(options), _options.PriorStrength, "PriorStrength must be finite and non-negative.");
        ArgumentNullException.ThrowIfNull(_options.PriorTable, nameof(options));
        _table = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (node, q) in _options.PriorTable)
        {
            if (!double.IsFinite(q) || q is < 0 or > 1)
                throw new ArgumentOutOfRangeException(nameof(options), q, $"PriorTable['{node}'] must be in [0, 1].");
            _table[node] = q;
        }
    }

    /// <inheritdoc/>
    public string Name => DimensionName;

    /// <summary>The same dimension (same options) over another history; calibration uses it to learn from training folds only.</summary>
    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    public IQualityDimension WithHistory(INodeQualityHistory history) => new ModelPriorDimension(history, _options);

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public DimensionScore Score(ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrEmpty(input.Node)) return DimensionScore.NotApplicable("no node id");
        bool inTable = _table.TryGetValue(input.Node, out double m0);
        if (!inTable) m0 = _options.PriorMean;
        if (_history.TryGetStats(input.Node, out var stats) && stats.Count > 0)
        {
            double k = _options.PriorStrength;
            double value = ((k * m0) + (stats.Count * stats.Mean)) / (k + stats.Count);
            return DimensionScore.Of(Math.Clamp(value, 0, 1), $"n={stats.Count}");
        }
        return inTable ? DimensionScore.Of(m0, "prior table") : DimensionScore.NotApplicable("no history or prior for node");
    }
}
