namespace ScoutElo.Scoring.Dimensions;

/// <summary>Turns text into an embedding vector; plugs embedding cosine into <see cref="SemanticDimension"/>.</summary>
/// <remarks>Implementations must be deterministic and thread-safe, and return vectors of one fixed length. Remote
/// embedders (Microsoft.Extensions.AI) live in the ScoutElo.Scoring.AI package.</remarks>
public interface ITextEmbedder
{
    /// <summary>Embeds one text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The embedding vector.</returns>
    ReadOnlyMemory<float> Embed(string text);
}
