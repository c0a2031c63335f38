using Microsoft.Extensions.AI;
using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.AI;

/// <summary>The embedding variant of <c>semantic</c>: cosine similarity of response and reference embeddings from any
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
/// <remarks>
/// <para><c>semantic = max(0, max over references of cos(e(response), e(reference)))</c>; not applicable without references, and
/// not applicable with a diagnostic when the generator fails (never 0, never NaN). One call embeds the response with all its
/// references; <see cref="ScoreBatchAsync"/> embeds the distinct texts of many inputs in chunks of <c>batchSize</c>.
/// Caller cancellation propagates. Thread-safe when the generator is.</para>
/// </remarks>
public sealed class EmbeddingSemanticDimension : IAsyncQualityDimension
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;

    /// <summary>Creates the dimension.</summary>
    /// <param name="generator">The embedding generator.</param>
    /// <exception cref="ArgumentNullException"><paramref name="generator"/> is null.</exception>
    public EmbeddingSemanticDimension(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        _generator = generator;
    }

    /// <inheritdoc/>
    public string Name => SemanticDimension.DimensionName;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async ValueTask<DimensionScore> ScoreAsync(ScoringInput input, CancellationToken cancellationToken = default) =>
        (await ScoreBatchAsync([input], 64, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Scores many inputs with batched embedding calls.</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="batchSize">Texts per embedding call (at least 1).</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>One score per input, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or an element is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<DimensionScore[]> ScoreBatchAsync(IReadOnlyList<ScoringInput> inputs, int batchSize = 64, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is null) throw new ArgumentNullException(nameof(inputs), $"Input {i} is null.");
        }
        var texts = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var input in inputs.Where(i => i.References.Count > 0))
        {
            foreach (var t in input.References.Prepend(input.Response))
            {
                if (!index.ContainsKey(t)) { index[t] = texts.Count; texts.Add(t); }
            }
        }
        var (vectors, failure) = await EmbeddingBatches.EmbedAsync(_generator, texts, batchSize, cancellationToken).ConfigureAwait(false);
        var result = new DimensionScore[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (input.References.Count == 0) { result[i] = DimensionScore.NotApplicable("no references"); continue; }
            if (failure is not null) { result[i] = DimensionScore.NotApplicable("embedding failed: " + failure); continue; }
            result[i] = EmbeddingBatches.BestCosine(vectors, index, input.Response, input.References, "embedding cosine");
        }
        return result;
    }
}
