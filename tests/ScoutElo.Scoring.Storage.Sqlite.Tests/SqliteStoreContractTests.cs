using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Storage.Sqlite.Tests;

/// <summary>The store contract (<see cref="NetworkStoreContract"/>) on SQLite files: every reopen is a new connection.</summary>
public sealed class SqliteStoreContractTests : NetworkStoreContract, IDisposable
{
    private readonly string _dir = TestFiles.TempDirectory();
    private readonly List<SqliteNetworkStateStore> _open = [];

    protected override INetworkStateStore Create(out string key)
    {
        key = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".db");
        return Reopen(key);
    }

    protected override INetworkStateStore Reopen(string key)
    {
        var store = new SqliteNetworkStateStore(key);
        _open.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var s in _open) s.Dispose();
    }
}
