namespace ScoutElo.Scoring.Ranking;

/// <summary>A log's fitted tie parameter with its confidence interval.</summary>
/// <param name="Log">The log index (<see cref="PairwiseComparison.Log"/>).</param>
/// <param name="Model">The tie model.</param>
/// <param name="Value">Davidson's ν or Rao–Kupper's η (0 when the log holds no tie).</param>
/// <param name="Low">Lower confidence bound (never below 0).</param>
/// <param name="High">Upper confidence bound.</param>
public sealed record TieParameter(int Log, TieModel Model, double Value, double Low, double High);
