namespace ScoutElo.Scoring.Verification;

/// <summary>One alternative of a top-k list: a token id and its log-probability.</summary>
/// <param name="TokenId">The token id, in the served model's vocabulary.</param>
/// <param name="Logprob">Its natural-log probability (finite, at most 0).</param>
public readonly record struct TokenLogprob(int TokenId, double Logprob);
