namespace ScoutElo.Scoring.Ranking;

/// <summary>The fitted model.</summary>
/// <param name="Ratings">Ratings ordered by rating, highest first (ties by node id).</param>
/// <param name="Iterations">Newton iterations of the full-data fit.</param>
/// <param name="PriorDraws">The virtual draws used (0 for the pure maximum-likelihood estimate).</param>
public sealed record BradleyTerryResult(IReadOnlyList<BradleyTerryRating> Ratings, int Iterations, double PriorDraws);
