using Microsoft.Extensions.AI;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.AI;

/// <summary>Source-grounded semantic similarity: the best cosine between the response's embedding and the embeddings of
/// windows of consecutive source sentences (3 by default), clamped to [0, 1]; not applicable without a context.</summary>
/// <remarks>
/// <para>A candidate signal beside the lexical <c>faithfulness</c> and <c>salience</c>, never a replacement: calibration
/// decides where it helps. Windows rather than the whole source, because a summary sentence paraphrases a few source
/// sentences, and one embedding of a long article blurs them (and is truncated by the model). The window length and the
/// stride of one sentence are this project's choices. Thread-safe when the generator is.</para>
/// </remarks>
public sealed class EmbeddingSourceDimension : IAsyncQualityDimension
{
    /// <summary>The dimension's name.</summary>
    public const string DimensionName = "embedding-source";

    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly int _window;

    /// <summary>Creates the dimension.</summary>
    /// <param name="generator">The embedding generator (for example all-MiniLM-L6-v2 from ScoutElo.Scoring.Embeddings).</param>
    /// <param name="window">Sentences per source window. <value>Default 3; at least 1.</value></param>
    /// <exception cref="ArgumentNullException"><paramref name="generator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1.</exception>
    public EmbeddingSourceDimension(IEmbeddingGenerator<string, Embedding<float>> generator, int window = 3)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _generator = generator;
        _window = window;
    }

    /// <inheritdoc />
    public string Name => DimensionName;

    /// <inheritdoc />
    public async ValueTask<DimensionScore> ScoreAsync(ScoringInput input, CancellationToken cancellationToken = default) =>
        (await ScoreBatchAsync([input], 64, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>The source windows of a context: every run of <c>window</c> consecutive sentences (the whole context when it
    /// has fewer).</summary>
    internal static List<string> Windows(string context, int window)
    {
        var sentences = SentenceSplitter.Split(context).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        if (sentences.Count <= window) return sentences.Count == 0 ? [] : [string.Join(' ', sentences)];
        return [.. Enumerable.Range(0, sentences.Count - window + 1).Select(i => string.Join(' ', sentences.Skip(i).Take(window)))];
    }

    /// <summary>Scores many inputs, embedding each distinct text once in batches.</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="batchSize">Texts per generator call. <value>Default 64; at least 1.</value></param>
    /// <param name="cancellationToken">Cancels the remaining calls.</param>
    /// <returns>One score per input, in order; not applicable without a context or when the generator fails (with the reason).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or an element is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    public async Task<DimensionScore[]> ScoreBatchAsync(IReadOnlyList<ScoringInput> inputs, int batchSize = 64, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is null) throw new ArgumentNullException(nameof(inputs), $"Input {i} is null.");
        }
        var windows = inputs.Select(x => string.IsNullOrWhiteSpace(x.Context) || string.IsNullOrWhiteSpace(x.Response) ? [] : Windows(x.Context, _window)).ToArray();
        var texts = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (windows[i].Count == 0) continue;
            foreach (var t in windows[i].Prepend(inputs[i].Response))
            {
                if (index.TryAdd(t, texts.Count)) texts.Add(t);
            }
        }
        var (vectors, failure) = await EmbeddingBatches.EmbedAsync(_generator, texts, batchSize, cancellationToken).ConfigureAwait(false);
        var result = new DimensionScore[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            if (windows[i].Count == 0) { result[i] = DimensionScore.NotApplicable(string.IsNullOrWhiteSpace(inputs[i].Context) ? "no context" : "empty response"); continue; }
            if (failure is not null) { result[i] = DimensionScore.NotApplicable("embedding failed: " + failure); continue; }
            result[i] = EmbeddingBatches.BestCosine(vectors, index, inputs[i].Response, windows[i], $"best cosine over {windows[i].Count} source window(s)");
        }
        return result;
    }
}
