using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Orleans;

/// <summary>Options of the validator fleet's grains, the same on every silo.</summary>
public sealed class FleetOptions
{
    /// <summary>Directory of the durable state: one SQLite file per network (<c>{id}.db</c>, the engine's
    /// <see cref="Storage.Sqlite.SqliteNetworkStateStore"/>) and one journal of acknowledged, not yet settled rounds
    /// (<c>{id}.journal.db</c>). Every silo must see the same directory. <value>Required.</value></summary>
    public string StateDirectory { get; set; } = "";

    /// <summary>The engine's options; every silo must use the same. <value>Defaults when null.</value></summary>
    public NetworkOptions? Network { get; set; }
}
