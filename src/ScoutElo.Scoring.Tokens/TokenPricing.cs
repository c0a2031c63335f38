namespace ScoutElo.Scoring.Tokens;

/// <summary>A model's list price per million tokens, for estimating the cost of logged outputs that lack one.</summary>
/// <param name="UsdPerMillionInputTokens">Price of prompt tokens (query and context), non-negative.</param>
/// <param name="UsdPerMillionOutputTokens">Price of generated tokens, non-negative.</param>
public sealed record TokenPricing(double UsdPerMillionInputTokens, double UsdPerMillionOutputTokens);
