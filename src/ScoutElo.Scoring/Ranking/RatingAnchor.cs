namespace ScoutElo.Scoring.Ranking;

/// <summary>Pins one node at a fixed rating: every other rating, and every bootstrap round or sandwich interval, is measured
/// relative to it (the anchor's own interval has zero width).</summary>
/// <param name="Node">The anchored node's id; it must occur in the comparisons.</param>
/// <param name="Rating">Its rating, finite.</param>
public readonly record struct RatingAnchor(string Node, double Rating);
