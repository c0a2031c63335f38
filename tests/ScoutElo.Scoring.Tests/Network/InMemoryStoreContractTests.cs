using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Tests.Network;

/// <summary>The store contract (<see cref="NetworkStoreContract"/>) on the in-memory store.</summary>
public sealed class InMemoryStoreContractTests : NetworkStoreContract
{
    private readonly Dictionary<string, InMemoryNetworkStateStore> _stores = [];

    protected override INetworkStateStore Create(out string key)
    {
        key = Guid.NewGuid().ToString("N");
        return _stores[key] = new InMemoryNetworkStateStore();
    }

    protected override INetworkStateStore Reopen(string key) => _stores[key];
}
