namespace ScoutElo.Scoring.Storage.PostgreSql.Tests;

/// <summary>The package's public surface: shape rules and the approved API snapshot (api/ScoutElo.Scoring.Storage.PostgreSql.approved.txt).</summary>
public sealed class PublicApiShapeTests
{
    [Fact]
    public void The_public_api_keeps_its_shape_and_matches_the_approved_snapshot() =>
        ScoutElo.Scoring.Tests.PackageShape.Verify(typeof(ScoutElo.Scoring.Storage.PostgreSql.PostgreSqlNetworkStateStore).Assembly, "ScoutElo.Scoring.Storage.PostgreSql");
}
