using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring;

/// <summary>Combines synchronous dimensions with dimensions that call out (an LLM judge, a remote embedder) into one composite.</summary>
/// <remarks>
/// <para>The composite is exactly <see cref="QualityScorer"/>'s (<c>Σ wᵢ·sᵢ / Σ wᵢ</c> over the applicable dimensions): the
/// synchronous dimensions are scored first, the asynchronous ones are awaited concurrently, and
/// <see cref="QualityScorer.Combine"/> merges them in dimension order (synchronous first). An asynchronous dimension that fails
/// should return "not applicable" with a diagnostic (the built-in judge does); an exception propagates.</para>
/// <para>Immutable and safe for concurrent use when the dimensions are.</para>
/// </remarks>
public sealed class AsyncQualityScorer
{
    private readonly IQualityDimension[] _sync;
    private readonly IAsyncQualityDimension[] _async;
    private readonly QualityScorer _combiner;

    /// <summary>Creates the scorer.</summary>
    /// <param name="dimensions">Synchronous dimensions (may be empty).</param>
    /// <param name="asyncDimensions">Asynchronous dimensions (may be empty).</param>
    /// <param name="weights">Weights by dimension name, as for <see cref="QualityScorer"/>; equal weights when null.</param>
    /// <exception cref="ArgumentNullException">An argument or element is null.</exception>
    /// <exception cref="ArgumentException">No dimension at all, duplicate names, or invalid weights.</exception>
    public AsyncQualityScorer(IEnumerable<IQualityDimension> dimensions, IEnumerable<IAsyncQualityDimension> asyncDimensions, IReadOnlyDictionary<string, double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(asyncDimensions);
        _sync = [.. dimensions];
        _async = [.. asyncDimensions];
        if (_async.Any(d => d is null)) throw new ArgumentNullException(nameof(asyncDimensions), "An asynchronous dimension is null.");
        _combiner = new QualityScorer(_sync.Concat(_async.Select(a => (IQualityDimension)new NameOnly(a.Name))), weights);
    }

    /// <summary>Dimension names in combination order (synchronous first).</summary>
    public IReadOnlyList<string> DimensionNames => [.. _combiner.Dimensions.Select(d => d.Name)];

    /// <summary>Scores one input on every dimension and combines them.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Cancels the asynchronous dimensions.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async ValueTask<QualityReport> ScoreAsync(ScoringInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scores = new DimensionScore[_sync.Length + _async.Length];
        for (int i = 0; i < _sync.Length; i++) scores[i] = _sync[i].Score(input);
        var pending = new Task<DimensionScore>[_async.Length];
        for (int i = 0; i < _async.Length; i++) pending[i] = _async[i].ScoreAsync(input, cancellationToken).AsTask();
        var done = await Task.WhenAll(pending).ConfigureAwait(false);
        done.CopyTo(scores, _sync.Length);
        return _combiner.Combine(input.Task, scores);
    }

    /// <summary>Stands in for an asynchronous dimension inside the combiner; it is never asked to score.</summary>
    private sealed class NameOnly(string name) : IQualityDimension
    {
        public string Name => name;

        public DimensionScore Score(ScoringInput input) => throw new InvalidOperationException("Asynchronous dimensions are scored by AsyncQualityScorer.");
    }
}
