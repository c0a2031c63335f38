namespace ScoutElo.Scoring.Tokens;

/// <summary>Fills serving metrics that a log lacks from model-token counts, so <c>cost-prior</c>, tokens per second and
/// token-based length bands work on logs that only kept the text.</summary>
public static class TokenMetrics
{
    /// <summary>Returns the input with missing metrics filled: <see cref="InferenceMetrics.OutputTokens"/> from the response's
    /// token count (which also makes <see cref="InferenceMetrics.TokensPerSecond"/> available when the latency is logged), and
    /// <see cref="InferenceMetrics.CostUsd"/> estimated as (prompt tokens × input price + output tokens × output price) / 10⁶
    /// when a pricing is given, the prompt being the query and the context. Logged values are never overwritten.</summary>
    /// <param name="input">The input.</param>
    /// <param name="counter">The model's token counter.</param>
    /// <param name="pricing">The model's prices; no cost estimate when null.</param>
    /// <returns>The input (the same instance when nothing was missing).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="counter"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A price is negative or not finite (named <paramref name="pricing"/>).</exception>
    public static ScoringInput FillMissing(ScoringInput input, TiktokenCounter counter, TokenPricing? pricing = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(counter);
        if (pricing is not null && (!double.IsFinite(pricing.UsdPerMillionInputTokens) || pricing.UsdPerMillionInputTokens < 0
            || !double.IsFinite(pricing.UsdPerMillionOutputTokens) || pricing.UsdPerMillionOutputTokens < 0))
            throw new ArgumentOutOfRangeException(nameof(pricing), pricing, "Prices must be finite and non-negative.");
        var m = input.Metrics;
        bool needTokens = m.OutputTokens is null;
        bool needCost = pricing is not null && m.CostUsd is null;
        if (!needTokens && !needCost) return input;
        int output = m.OutputTokens ?? counter.Count(input.Response);
        var filled = m with { OutputTokens = output };
        if (needCost)
        {
            int prompt = counter.Count(input.Query) + (input.Context is { } c ? counter.Count(c) : 0);
            filled = filled with { CostUsd = ((prompt * pricing!.UsdPerMillionInputTokens) + (output * pricing.UsdPerMillionOutputTokens)) / 1e6 };
        }
        return input with { Metrics = filled };
    }
}
