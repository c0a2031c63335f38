using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Orleans.Tests;

/// <summary>One throw-away PostgreSQL and one redis-server for the whole assembly, started on first use.</summary>
public sealed class FleetServers : IDisposable
{
    private readonly Lazy<ThrowawayPostgres> _postgres = new(() => new ThrowawayPostgres());
    private readonly Lazy<ThrowawayRedis> _redis = new(() => new ThrowawayRedis());

    public ThrowawayPostgres Postgres => _postgres.Value;

    public ThrowawayRedis Redis => _redis.Value;

    public void Dispose()
    {
        if (_redis.IsValueCreated) _redis.Value.Dispose();
        if (_postgres.IsValueCreated) _postgres.Value.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class FleetCollection : ICollectionFixture<FleetServers>
{
    public const string Name = "fleet servers";
}

/// <summary>A fact that needs PostgreSQL (and Redis, for real silos): skips with the reason where they are not installed.</summary>
public sealed class FleetFactAttribute : FactAttribute
{
    public FleetFactAttribute(bool redis = false) => Skip = ThrowawayPostgres.SkipReason ?? (redis ? ThrowawayRedis.SkipReason : null);
}
