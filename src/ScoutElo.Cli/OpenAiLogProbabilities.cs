using Microsoft.Extensions.AI;
using OpenAI.Chat;
using ScoutElo.Scoring.AI;

namespace ScoutElo.Cli;

/// <summary>Token log-probabilities of OpenAI-compatible chat completions: asks for <c>logprobs</c> with the top 5
/// alternatives per token and reads them from the completion (vLLM, llama.cpp, Ollama and OpenAI return them; an endpoint
/// that returns none leaves the verdict hard).</summary>
internal sealed class OpenAiLogProbabilities : IJudgeLogProbabilities
{
    private const int Alternatives = 5;

    public void Request(Microsoft.Extensions.AI.ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var previous = options.RawRepresentationFactory;
        options.RawRepresentationFactory = client =>
        {
            var o = previous?.Invoke(client) as ChatCompletionOptions ?? new ChatCompletionOptions();
            o.IncludeLogProbabilities = true;
            o.TopLogProbabilityCount = Alternatives;
            return o;
        };
    }

    public IReadOnlyList<TokenLogProbability>? Read(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.RawRepresentation is not ChatCompletion { ContentTokenLogProbabilities: { Count: > 0 } tokens }) return null;
        return [.. tokens.Select(t => new TokenLogProbability(t.Token, t.LogProbability)
        {
            Alternatives = [.. t.TopLogProbabilities.Select(a => new TokenLogProbability(a.Token, a.LogProbability))],
        })];
    }
}
