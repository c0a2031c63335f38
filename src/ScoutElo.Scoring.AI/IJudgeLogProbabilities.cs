using Microsoft.Extensions.AI;

namespace ScoutElo.Scoring.AI;

/// <summary>How the judge asks an endpoint for token log-probabilities and reads them back: the provider-specific part of a
/// verdict probability (Microsoft.Extensions.AI has no common shape for them). The <c>scoutelo</c> tool implements it for
/// OpenAI-compatible chat completions (<c>logprobs</c>, <c>top_logprobs</c>).</summary>
public interface IJudgeLogProbabilities
{
    /// <summary>Adds the request for log-probabilities (with a few top alternatives per token) to a call's options.</summary>
    /// <param name="options">The options of one judge call; changed in place.</param>
    void Request(ChatOptions options);

    /// <summary>The log-probabilities of the response's output tokens in order, or null when the endpoint returned none.</summary>
    /// <param name="response">The judge call's response.</param>
    /// <returns>The tokens, each with its alternatives, or null.</returns>
    IReadOnlyList<TokenLogProbability>? Read(ChatResponse response);
}
