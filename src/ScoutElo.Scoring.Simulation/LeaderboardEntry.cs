namespace ScoutElo.Scoring.Simulation;

/// <summary>One scout identity's final standing.</summary>
/// <param name="Node">Scout identity id.</param>
/// <param name="Rating">Glicko-2 rating.</param>
/// <param name="Low">Rating − 1.96·RD.</param>
/// <param name="High">Rating + 1.96·RD.</param>
/// <param name="Elo">Batch-Elo rating (K = 16, one batch per rating period).</param>
/// <param name="Performance">Mean performance score (k1·EEL + k2·SU + k3·OTS).</param>
/// <param name="Quality">Mean settled PoQ consensus quality of its responses.</param>
/// <param name="Reward">Cumulative node reward in base units.</param>
/// <param name="TrueQuality">The simulated ground-truth quality of what it serves.</param>
/// <param name="Profile">The scout's simulated profile.</param>
/// <param name="PassesHealthCheck">Whether it passed the claimed-model health check at the end.</param>
/// <param name="Deviating">Whether this identity belongs to the deviating participant.</param>
/// <param name="Operator">The 0-based index of the operator (scout participant) behind this identity, as
/// <see cref="Deviation.Participant"/> takes it; a sybil's identities share one operator.</param>
public sealed record LeaderboardEntry(string Node, double Rating, double Low, double High, double Elo, double Performance, double Quality, UInt128 Reward,
    double TrueQuality, ScoutProfile Profile, bool PassesHealthCheck, bool Deviating, int Operator)
{
    /// <summary>Its served-model verification from token evidence at the end (unknown without enough evidence).</summary>
    public Verification.VerificationOutcome Verification { get; init; }
}
