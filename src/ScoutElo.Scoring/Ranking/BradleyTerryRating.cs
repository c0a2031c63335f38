namespace ScoutElo.Scoring.Ranking;

/// <summary>A node's Bradley–Terry rating on the Elo scale with its confidence interval and rank.</summary>
/// <param name="Node">The node id.</param>
/// <param name="Rating">The rating: base + 400·log₁₀(strength / geometric-mean strength).</param>
/// <param name="Low">Lower confidence bound.</param>
/// <param name="High">Upper confidence bound.</param>
/// <param name="Rank">1 + the number of nodes whose lower bound exceeds this node's upper bound.</param>
/// <param name="Strength">The strength p, normalized to geometric mean 1.</param>
/// <param name="Matches">Total match weight of the node.</param>
public sealed record BradleyTerryRating(string Node, double Rating, double Low, double High, int Rank, double Strength, double Matches);
