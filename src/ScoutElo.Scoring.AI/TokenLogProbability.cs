namespace ScoutElo.Scoring.AI;

/// <summary>One output token with its natural-log probability and, for a generated token, the most likely alternatives at its
/// position (the token itself usually among them).</summary>
/// <param name="Token">The token's text.</param>
/// <param name="LogProbability">Its natural-log probability (≤ 0).</param>
public sealed record TokenLogProbability(string Token, double LogProbability)
{
    /// <summary>The most likely tokens at this position. <value>Default empty.</value></summary>
    public IReadOnlyList<TokenLogProbability> Alternatives { get; init; } = [];
}
