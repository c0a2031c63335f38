namespace ScoutElo.Scoring.Verification;

/// <summary>One alternative of a top-k list: a token id and its log-probability.</summary>
/// <param name="TokenId">The token id, in the served model's vocabulary.</param>
/// <param name="Logprob">Its natural-log probability (finite, at most 0).</param>
public readonly record struct TokenLogprob(int TokenId, double Logprob)
{
    /// <summary>A copy of per-position top-k lists (evidence records copy them in), or null.</summary>
    internal static IReadOnlyList<IReadOnlyList<TokenLogprob>>? Copy(IReadOnlyList<IReadOnlyList<TokenLogprob>>? lists, string paramName) =>
        lists is null ? null : [.. lists.Select(l => (IReadOnlyList<TokenLogprob>)[.. l ?? throw new ArgumentNullException(paramName)])];
}
