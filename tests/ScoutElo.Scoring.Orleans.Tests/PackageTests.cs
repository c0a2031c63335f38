using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Orleans.Tests;

public sealed class PackageTests
{
    [Fact]
    public void The_orleans_package_api_matches_the_approved_snapshot() =>
        ScoutElo.Scoring.Tests.ApiSnapshot.Verify(typeof(INetworkGrain).Assembly, "ScoutElo.Scoring.Orleans", ["OrleansCodeGen"]); // generated codecs and proxies left out

    [Fact]
    public void The_core_and_the_engine_stay_free_of_orleans() =>
        Assert.DoesNotContain(typeof(ScoutNetwork).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("Orleans", StringComparison.Ordinal));
}
