using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Storage.PostgreSql.Tests;

/// <summary>One throw-away server for the whole test assembly (started on first use, stopped at the end).</summary>
public sealed class PostgresServerFixture : IDisposable
{
    private readonly Lazy<ThrowawayPostgres> _server = new(() => new ThrowawayPostgres());

    /// <summary>The server.</summary>
    public ThrowawayPostgres Server => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated) _server.Value.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "postgres";
}
