namespace ScoutElo.Fleet;

/// <summary>The flags of one <c>scoutelo-fleet silo</c>.</summary>
internal sealed record SiloSettings(string Redis, string Postgres, string Cluster, int SiloPort, int GatewayPort, string Advertise, int Period, int? MetricsPort);
