namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One node of a <see cref="RankingReport"/>.</summary>
/// <param name="Node">The node id.</param>
/// <param name="Rating">The point rating.</param>
/// <param name="Low">The interval's lower bound.</param>
/// <param name="High">The interval's upper bound.</param>
/// <param name="Rank">1 + the number of nodes whose lower bound exceeds this node's upper bound (nodes the intervals cannot
/// separate share a rank).</param>
public sealed record RankedNode(string Node, double Rating, double Low, double High, int Rank);
