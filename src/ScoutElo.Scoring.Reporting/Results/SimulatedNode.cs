namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One scout of a simulation's leaderboard.</summary>
/// <param name="Rank">1-based rank by rating.</param>
/// <param name="Node">The scout's id.</param>
/// <param name="Rating">Glicko-2 rating.</param>
/// <param name="Low">Lower end of its 95 % interval.</param>
/// <param name="High">Upper end of its 95 % interval.</param>
/// <param name="Elo">Elo rating.</param>
/// <param name="Performance">Mean k1·EEL + k2·SU + k3·OTS.</param>
/// <param name="Quality">Mean PoQ consensus quality.</param>
/// <param name="Reward">Cumulative reward, in base units.</param>
/// <param name="TrueQuality">The simulated true quality.</param>
/// <param name="Profile">The simulated profile's name.</param>
/// <param name="PassesHealthCheck">Whether it passes its health check (claimed-model checks and served-model verification).</param>
/// <param name="Verification">Its served-model verification from token evidence: <c>pass</c>, <c>fail</c> or <c>unknown</c>.</param>
public sealed record SimulatedNode(int Rank, string Node, double Rating, double Low, double High, double Elo, double Performance,
    double Quality, UInt128 Reward, double TrueQuality, string Profile, bool PassesHealthCheck, string Verification);
