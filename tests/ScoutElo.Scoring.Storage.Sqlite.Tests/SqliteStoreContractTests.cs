using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Storage.Sqlite.Tests;

/// <summary>The store contract (<see cref="NetworkStoreContract"/>) on SQLite files: every reopen is a new connection.</summary>
public class SqliteStoreContractTests : NetworkStoreContract, IDisposable
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
        var store = MinimumLogRows is { } rows ? new SqliteNetworkStateStore(key, rows, tableFactor: 0) : new SqliteNetworkStateStore(key);
        _open.Add(store);
        return store;
    }

    /// <summary>The row log's folding limit (null: the shipped one, which these small states never reach).</summary>
    protected virtual int? MinimumLogRows => null;

    public void Dispose()
    {
        foreach (var s in _open) s.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same contract with a row log folded at 3 rows whatever the tables hold: most commits fold, some only append, so every contract
/// test also holds across folds (the state read back is the tables' rows overlaid by the log's latest).</summary>
public sealed class SqliteFoldingStoreContractTests : SqliteStoreContractTests
{
    protected override int? MinimumLogRows => 3;
}
