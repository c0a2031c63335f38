namespace ScoutElo.Scoring.Simulation;

/// <summary>One sampled response: its true quality and its settled consensus.</summary>
/// <param name="TrueQuality">Ground truth.</param>
/// <param name="Consensus">PoQ consensus.</param>
public readonly record struct QualityPoint(double TrueQuality, double Consensus);
