
namespace ScoutElo.Scoring.AI.Tests;

public sealed class PublicApiShapeTests
{
    private static readonly Type[] Exported = typeof(JudgeDimension).Assembly.GetExportedTypes();

    [Fact]
    public void Every_public_class_is_sealed_static_or_abstract() =>
        Assert.Empty(Exported.Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract).Select(t => t.FullName));

    [Fact]
    public void The_public_api_matches_the_approved_snapshot() => ScoutElo.Scoring.Tests.ApiSnapshot.Verify(typeof(JudgeDimension).Assembly, "ScoutElo.Scoring.AI");

    [Fact]
    public void The_embeddings_package_api_matches_the_approved_snapshot() =>
        ScoutElo.Scoring.Tests.ApiSnapshot.Verify(typeof(ScoutElo.Scoring.Embeddings.MiniLmEmbeddingGenerator).Assembly, "ScoutElo.Scoring.Embeddings");
}
