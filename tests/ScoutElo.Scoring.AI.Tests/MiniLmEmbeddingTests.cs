using Microsoft.Extensions.AI;
using ScoutElo.Scoring.AI;
using ScoutElo.Scoring.Embeddings;

namespace ScoutElo.Scoring.AI.Tests;

/// <summary>The offline all-MiniLM-L6-v2 embedder with the real weights: the model card's cosines, unit norm, accents folded
/// without ICU, the per-text cache, and its use as the embedding similarity dimension.</summary>
public sealed class MiniLmEmbeddingTests
{
    private static readonly Lazy<MiniLmEmbeddingGenerator> Model = new(MiniLmEmbeddingGenerator.Create);

    private static float[] Embed(string text) => Model.Value.GenerateAsync([text]).GetAwaiter().GetResult()[0].Vector.ToArray();

    private static double Cos(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    [Fact]
    public void Reproduces_the_published_cosines_of_all_MiniLM_L6_v2()
    {
        // sentence-transformers' documented similarities for this model.
        Assert.Equal(0.8939, Cos(Embed("The new movie is awesome"), Embed("The new movie is so great")), 3);
        Assert.Equal(0.7553, Cos(Embed("A man is eating food."), Embed("A man is eating a piece of bread.")), 3);
        Assert.True(Cos(Embed("A man is eating food."), Embed("The new movie is awesome")) < 0.1);
    }

    [Fact]
    public void Embeddings_are_unit_length_deterministic_and_cached_per_text()
    {
        var a = Embed("Röntgen discovered X-rays in 1895.");
        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, a.Length);
        Assert.Equal(1.0, Math.Sqrt(a.Sum(x => (double)x * x)), 5);
        int before = Model.Value.CachedTexts;
        Assert.Equal(a, Embed("Röntgen discovered X-rays in 1895."));
        Assert.Equal(before, Model.Value.CachedTexts);
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, Model.Value.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
    }

    [Fact]
    public void Accents_are_folded_without_icu()
    {
        Assert.Equal("Rontgen naive cafe strasse", MiniLmEmbeddingGenerator.Fold("Röntgen naïve café straße"));
        Assert.Equal("Rontgen", MiniLmEmbeddingGenerator.Fold("Ro\u0308ntgen")); // a combining diaeresis
        Assert.Equal(Embed("Rontgen"), Embed("Röntgen"));
    }

    [Fact]
    public async Task Drives_the_embedding_similarity_dimension()
    {
        var dimension = new EmbeddingSemanticDimension(Model.Value);
        var close = await dimension.ScoreAsync(new ScoringInput { Query = "q", Response = "The film was great.", References = ["The movie was excellent."] });
        var far = await dimension.ScoreAsync(new ScoringInput { Query = "q", Response = "Stock prices fell sharply.", References = ["The movie was excellent."] });
        Assert.True(close.Value > far.Value, $"{close} vs {far}");
    }
}
