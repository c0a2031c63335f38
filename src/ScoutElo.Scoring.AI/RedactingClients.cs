using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ScoutElo.Scoring.AI;

/// <summary>A chat client that redacts answers and failures (<see cref="SecretRedactor.Wrap(IChatClient)"/>).</summary>
internal sealed class RedactingChatClient(IChatClient inner, SecretRedactor redactor) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw redactor.Failure(e);
        }
        string text = response.Text ?? "";
        string clean = redactor.Redact(text);
        return clean == text ? response : new ChatResponse(new ChatMessage(ChatRole.Assistant, clean)) { Usage = response.Usage, ModelId = response.ModelId, FinishReason = response.FinishReason };
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Not used by the judge; streamed text is redacted per update (a secret split across updates is caught by the
        // non-streaming path only).
        await using var e = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                if (!await e.MoveNextAsync().ConfigureAwait(false)) yield break;
                update = e.Current;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw redactor.Failure(ex);
            }
            yield return update.Text is { Length: > 0 } t && redactor.Redact(t) is var clean && clean != t ? new ChatResponseUpdate(update.Role ?? ChatRole.Assistant, clean) : update;
        }
    }
}

/// <summary>An embedding generator that redacts failures (<see cref="SecretRedactor.Wrap(IEmbeddingGenerator{string, Embedding{float}})"/>).</summary>
internal sealed class RedactingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, SecretRedactor redactor)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw redactor.Failure(e);
        }
    }
}
