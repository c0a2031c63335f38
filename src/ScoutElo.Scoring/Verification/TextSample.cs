namespace ScoutElo.Scoring.Verification;

/// <summary>One sampled answer for a model-equality test: its text and, when known, the prompt it answers (samples of the two
/// sides with the same prompt are paired).</summary>
/// <param name="Text">The answer's text.</param>
/// <param name="Prompt">The prompt (for example the query), or null when unknown.</param>
public sealed record TextSample(string Text, string? Prompt = null);
