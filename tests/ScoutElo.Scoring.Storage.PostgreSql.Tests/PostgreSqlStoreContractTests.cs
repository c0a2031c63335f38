using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Storage.PostgreSql.Tests;

/// <summary>The store contract (<see cref="NetworkStoreContract"/>) on PostgreSQL: one fresh database per test class instance, one
/// network per store, and every reopen a new connection pool, as another process would open it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlStoreContractTests(PostgresServerFixture fixture) : NetworkStoreContract, IDisposable
{
    private readonly Lazy<string> _database = new(fixture.Server.CreateDatabase);
    private readonly List<PostgreSqlNetworkStateStore> _open = [];

    protected override INetworkStateStore Create(out string key)
    {
        key = "net-" + Guid.NewGuid().ToString("N")[..8];
        return Reopen(key);
    }

    protected override INetworkStateStore Reopen(string key)
    {
        var store = new PostgreSqlNetworkStateStore(_database.Value, key);
        _open.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var s in _open) s.Dispose();
    }
}
