using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace ScoutElo.Scoring.AI;

/// <summary>Embeds distinct texts in batches; the first failure stops and is returned as a reason (shared by the embedding dimensions).</summary>
internal static class EmbeddingBatches
{
    public static async Task<(ReadOnlyMemory<float>[] Vectors, string? Failure)> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> generator, List<string> texts, int batchSize, CancellationToken cancellationToken)
    {
        var vectors = new ReadOnlyMemory<float>[texts.Count];
        string? failure = null;
        for (int start = 0; start < texts.Count && failure is null; start += batchSize)
        {
            var chunk = texts.GetRange(start, Math.Min(batchSize, texts.Count - start));
            try
            {
                var embeddings = await generator.GenerateAsync(chunk, null, cancellationToken).ConfigureAwait(false);
                if (embeddings.Count != chunk.Count) failure = $"generator returned {embeddings.Count} embeddings for {chunk.Count} texts";
                else for (int k = 0; k < chunk.Count; k++) vectors[start + k] = embeddings[k].Vector;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failure = EndpointException.Describe(e); // recorded in every affected score's reason
            }
        }
        return (vectors, failure);
    }

    /// <summary>The best cosine (clamped to [0, 1]) between the response's vector and the candidates' vectors, with
    /// <paramref name="reason"/> as the score's reason; not applicable when two vectors differ in length. A zero vector has
    /// no direction and so no similarity.</summary>
    public static DimensionScore BestCosine(ReadOnlyMemory<float>[] vectors, Dictionary<string, int> index, string response, IEnumerable<string> candidates, string reason)
    {
        var r = vectors[index[response]].Span;
        double best = 0;
        foreach (var candidate in candidates)
        {
            var e = vectors[index[candidate]].Span;
            if (e.Length != r.Length || e.Length == 0) return DimensionScore.NotApplicable($"embedding failed: embedding lengths {r.Length} and {e.Length} differ");
            if (TensorPrimitives.Norm(r) == 0 || TensorPrimitives.Norm(e) == 0) continue;
            double cos = TensorPrimitives.CosineSimilarity(r, e);
            if (double.IsFinite(cos)) best = Math.Max(best, cos);
        }
        return DimensionScore.Of(Math.Clamp(best, 0, 1), reason);
    }
}
