using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring;

/// <summary>Combines quality dimensions into a composite score in [0, 1].</summary>
/// <remarks>
/// <para><c>composite = Σ wᵢ·sᵢ / Σ wᵢ</c> over the dimensions that are applicable to the input and have positive weight: a
/// dimension that cannot judge an input drops out and the others are renormalized, so it never drags the composite towards 0.
/// The composite therefore lies within [min, max] of the applicable scores and does not depend on dimension order.</para>
/// <para>Weights are per task when built from a calibration profile; otherwise one set for all tasks
/// (equal weights by default). A dimension's exception propagates to the caller.</para>
/// <para><b>Conditional weights</b> (scorers built by <see cref="Calibration.CalibrationProfile.CreateScorer(INodeQualityHistory?, IEnumerable{ScoringInput}?)"/>
/// from a regression or best-single calibration): when a positively weighted dimension cannot judge an input, the weights
/// of the others are refitted exactly as if the profile had been calibrated without it, instead of renormalizing partial
/// weights (see <see cref="Calibration.TaskCalibration"/>). The reported <see cref="DimensionResult.Weight"/> is then the
/// refitted weight. Plain scorers keep the renormalization rule above.</para>
/// <para>Instances are immutable and safe for concurrent use (given thread-safe dimensions, as all built-ins are).</para>
/// </remarks>
public sealed class QualityScorer
{
    /// <summary>Weights for the dimensions (by name) that can judge an input, or null for the plain weights: how a calibrated
    /// profile plugs its conditional weights in without this type depending on the calibration namespace.</summary>
    internal delegate double[]? ConditionalWeighting(IReadOnlyList<string> names, bool[] applicable);

    private readonly IQualityDimension[] _dimensions;
    private readonly Dictionary<TaskKind, double[]> _taskWeights;
    private readonly double[] _defaultWeights;
    private readonly Dictionary<TaskKind, Func<double, double>> _maps;
    private readonly Dictionary<TaskKind, ConditionalWeighting> _calibrations;
    private readonly string[] _names;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(TaskKind Task, ulong Mask), double[]?> _conditional = new();

    /// <summary>Creates a scorer.</summary>
    /// <param name="dimensions">The dimensions; names must be unique and non-empty.</param>
    /// <param name="weights">Weights by dimension name (finite, non-negative, at least one positive); missing names weigh 0.
    /// Null means equal weights.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dimensions"/> or an element is null.</exception>
    /// <exception cref="ArgumentException">No dimension, duplicate or empty names, a weight for an unknown dimension, or no positive weight.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or not finite.</exception>
    public QualityScorer(IEnumerable<IQualityDimension> dimensions, IReadOnlyDictionary<string, double>? weights = null)
        : this(dimensions, weights, new Dictionary<TaskKind, IReadOnlyDictionary<string, double>>(), new Dictionary<TaskKind, Func<double, double>>())
    {
    }

    internal QualityScorer(
        IEnumerable<IQualityDimension> dimensions,
        IReadOnlyDictionary<string, double>? defaultWeights,
        IReadOnlyDictionary<TaskKind, IReadOnlyDictionary<string, double>> taskWeights,
        IReadOnlyDictionary<TaskKind, Func<double, double>> maps,
        IReadOnlyDictionary<TaskKind, ConditionalWeighting>? calibrations = null)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        _dimensions = [.. dimensions];
        if (_dimensions.Length == 0) throw new ArgumentException("At least one dimension is required.", nameof(dimensions));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in _dimensions)
        {
            if (d is null) throw new ArgumentNullException(nameof(dimensions), "A dimension is null.");
            if (string.IsNullOrEmpty(d.Name) || !names.Add(d.Name))
                throw new ArgumentException($"Dimension names must be unique and non-empty ('{d.Name}').", nameof(dimensions));
        }
        _defaultWeights = defaultWeights is null ? Normalize(Enumerable.Repeat(1.0, _dimensions.Length).ToArray()) : ToArray(defaultWeights, "weights");
        _taskWeights = [];
        foreach (var (task, w) in taskWeights) _taskWeights[task] = ToArray(w, "weights");
        _maps = new Dictionary<TaskKind, Func<double, double>>(maps);
        _calibrations = calibrations is null ? [] : new Dictionary<TaskKind, ConditionalWeighting>(calibrations);
        _names = [.. _dimensions.Select(d => d.Name)];
    }

    /// <summary>The dimensions, in order.</summary>
    public IReadOnlyList<IQualityDimension> Dimensions => Array.AsReadOnly(_dimensions);

    /// <summary>The normalized weights used for a task, by dimension name (summing to 1).</summary>
    /// <param name="task">The task.</param>
    /// <returns>Dimension name → weight.</returns>
    public IReadOnlyDictionary<string, double> WeightsFor(TaskKind task)
    {
        var w = _taskWeights.GetValueOrDefault(task) ?? _defaultWeights;
        return _dimensions.Select((d, i) => (d.Name, w[i])).ToDictionary(p => p.Name, p => p.Item2, StringComparer.Ordinal);
    }

    /// <summary>Scores one input on every dimension and combines them.</summary>
    /// <param name="input">The input.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public QualityReport Score(ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scores = new DimensionScore[_dimensions.Length];
        for (int i = 0; i < scores.Length; i++) scores[i] = _dimensions[i].Score(input);
        return Combine(input.Task, scores);
    }

    /// <summary>Scores many inputs; the result is identical whatever the degree of parallelism.</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="maxDegreeOfParallelism">1 for sequential (default); more to score in parallel; -1 for all cores.</param>
    /// <returns>One report per input, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or an element is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below −1.</exception>
    /// <remarks>When a dimension throws, the exception is the one <see cref="Score"/> throws for the first failing input, at
    /// any degree of parallelism (never an <see cref="AggregateException"/>).</remarks>
    public QualityReport[] ScoreBatch(IReadOnlyList<ScoringInput> inputs, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (maxDegreeOfParallelism is 0 or < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Must be positive or -1.");
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is null) throw new ArgumentNullException(nameof(inputs), $"Input {i} is null.");
        }
        var result = new QualityReport[inputs.Count];
        if (maxDegreeOfParallelism == 1)
        {
            for (int i = 0; i < result.Length; i++) result[i] = Score(inputs[i]);
        }
        else
        {
            // The sequential loop throws the first failing input's exception; so does the parallel one. Break() lets every
            // lower index finish (one of them may fail first) and stops scheduling higher ones; the lowest failure wins.
            var failures = new System.Runtime.ExceptionServices.ExceptionDispatchInfo?[result.Length];
            Parallel.For(0, result.Length, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, (i, state) =>
            {
                try { result[i] = Score(inputs[i]); }
                catch (Exception e)
                {
                    failures[i] = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                    state.Break();
                }
            });
            foreach (var failure in failures) failure?.Throw();
        }
        return result;
    }

    /// <summary>Combines precomputed dimension scores (in dimension order) for a task.</summary>
    /// <param name="task">The task whose weights apply.</param>
    /// <param name="scores">One score per dimension.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The number of scores differs from the number of dimensions.</exception>
    public QualityReport Combine(TaskKind task, ReadOnlySpan<DimensionScore> scores)
    {
        if (scores.Length != _dimensions.Length)
            throw new ArgumentException($"Expected {_dimensions.Length} scores, got {scores.Length}.", nameof(scores));
        var w = _taskWeights.GetValueOrDefault(task) ?? _defaultWeights;
        if (_calibrations.TryGetValue(task, out var calibration)) w = ConditionalWeights(task, w, calibration, scores) ?? w;
        Span<double> values = scores.Length <= 64 ? stackalloc double[scores.Length] : new double[scores.Length];
        double total = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            values[i] = scores[i].TryGetValue(out double v) ? v : double.NaN; // NaN = not applicable, inside this method only
            if (w[i] > 0 && !double.IsNaN(values[i])) total += w[i];
        }
        double mixed = Internal.Stats.WeightedComposite(values, w); // the one composite rule, shared with the calibrator
        var results = new DimensionResult[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            double eff = total > 0 && w[i] > 0 && scores[i].IsApplicable ? w[i] / total : 0;
            results[i] = new DimensionResult(_dimensions[i].Name, scores[i], w[i], eff);
        }
        if (total <= 0) return new QualityReport(DimensionScore.NotApplicable("no weighted dimension applies"), results, null);
        double composite = Math.Clamp(mixed, 0, 1);
        double? calibrated = _maps.TryGetValue(task, out var map) ? map(composite) : null;
        return new QualityReport(DimensionScore.Of(composite), results, calibrated);
    }

    /// <summary>The profile's conditional weights when a positively weighted dimension cannot judge this input (cached per
    /// task and applicability pattern); null when the plain weights apply.</summary>
    private double[]? ConditionalWeights(TaskKind task, double[] w, ConditionalWeighting calibration, ReadOnlySpan<DimensionScore> scores)
    {
        bool missing = false;
        for (int i = 0; i < scores.Length; i++) missing |= w[i] > 0 && !scores[i].IsApplicable;
        if (!missing) return null;
        ulong mask = 0;
        bool cacheable = scores.Length <= 64;
        if (cacheable)
        {
            for (int i = 0; i < scores.Length; i++)
            {
                if (scores[i].IsApplicable) mask |= 1UL << i;
            }
            // The common case (the same dimension missing input after input) is a lookup with no allocation.
            if (_conditional.TryGetValue((task, mask), out var cached)) return cached;
        }
        var applicable = new bool[scores.Length];
        for (int i = 0; i < scores.Length; i++) applicable[i] = scores[i].IsApplicable;
        if (!cacheable) return calibration(_names, applicable);
        return _conditional.GetOrAdd((task, mask), static (_, state) => state.calibration(state.names, state.applicable), (calibration, names: _names, applicable));
    }

    private double[] ToArray(IReadOnlyDictionary<string, double> weights, string paramName)
    {
        var w = new double[_dimensions.Length];
        foreach (var (name, value) in weights)
        {
            int i = Array.FindIndex(_dimensions, d => string.Equals(d.Name, name, StringComparison.Ordinal));
            if (i < 0) throw new ArgumentException($"Weight given for unknown dimension '{name}'.", paramName);
            if (!double.IsFinite(value) || value < 0) throw new ArgumentOutOfRangeException(paramName, value, $"Weight of '{name}' must be finite and non-negative.");
            w[i] = value;
        }
        if (w.Sum() <= 0) throw new ArgumentException("At least one weight must be positive.", paramName);
        return Normalize(w);
    }

    private static double[] Normalize(double[] w)
    {
        double s = w.Sum();
        for (int i = 0; i < w.Length; i++) w[i] /= s;
        return w;
    }
}
