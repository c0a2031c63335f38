namespace ScoutElo.Scoring.Ranking;

/// <summary>A node's rating with a 95% interval.</summary>
/// <param name="Node">The node id.</param>
/// <param name="Rating">The point rating (from the full match log).</param>
/// <param name="Low">Lower end of the 95% interval.</param>
/// <param name="High">Upper end of the 95% interval.</param>
public sealed record RatingInterval(string Node, double Rating, double Low, double High);
