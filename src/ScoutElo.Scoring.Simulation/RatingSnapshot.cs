namespace ScoutElo.Scoring.Simulation;

/// <summary>Ratings at one point of a simulation.</summary>
/// <param name="Round">Rounds completed.</param>
/// <param name="Ratings">Scout identity → Glicko-2 rating.</param>
public sealed record RatingSnapshot(int Round, IReadOnlyDictionary<string, double> Ratings);
