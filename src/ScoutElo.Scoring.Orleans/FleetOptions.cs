using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Orleans;

/// <summary>Options of the validator fleet's grains, the same on every silo.</summary>
public sealed class FleetOptions
{
    /// <summary>The PostgreSQL database every silo keeps the networks' state in (an Npgsql connection string): one
    /// <see cref="Storage.PostgreSql.PostgreSqlNetworkStateStore"/> per network (the grain's key names it) and the journal of
    /// acknowledged rounds not yet settled. No silo needs a shared directory. <value>Required.</value></summary>
    public string PostgresConnectionString { get; set; } = "";

    /// <summary>The engine's options; every silo must use the same. <value>Defaults when null.</value></summary>
    public NetworkOptions? Network { get; set; }
}
