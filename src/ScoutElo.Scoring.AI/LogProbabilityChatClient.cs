using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ScoutElo.Scoring.AI;

/// <summary>Asks the endpoint for token log-probabilities (through an <see cref="IJudgeLogProbabilities"/>) and records
/// those it returns in the response's additional properties as compact JSON text, where a cache above this client keeps them:
/// a replayed answer keeps the confidence it was paid for.</summary>
internal sealed class LogProbabilityChatClient(IChatClient inner, IJudgeLogProbabilities reader) : DelegatingChatClient(inner)
{
    private const string Key = "scoutelo.logprobs";

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var asked = options?.Clone() ?? new ChatOptions();
        reader.Request(asked);
        var response = await base.GetResponseAsync(messages, asked, cancellationToken).ConfigureAwait(false);
        if (reader.Read(response) is { Count: > 0 } tokens) (response.AdditionalProperties ??= [])[Key] = Encode(tokens);
        return response;
    }

    /// <summary>The tokens recorded on <paramref name="response"/> (also after a round trip through a cache), or null.</summary>
    public static IReadOnlyList<TokenLogProbability>? Tokens(ChatResponse response)
    {
        if (response.AdditionalProperties?.TryGetValue(Key, out object? value) != true || value?.ToString() is not { Length: > 0 } text) return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return [.. doc.RootElement.EnumerateArray().Select(Decode)];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            return null; // not ours: no probabilities rather than a wrong one
        }
    }

    private static TokenLogProbability Decode(JsonElement t) =>
        new(t[0].GetString() ?? "", t[1].GetDouble()) { Alternatives = t.GetArrayLength() > 2 ? [.. t[2].EnumerateArray().Select(Decode)] : [] };

    private static string Encode(IReadOnlyList<TokenLogProbability> tokens)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var t in tokens) Write(w, t);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);

        static void Write(Utf8JsonWriter w, TokenLogProbability t)
        {
            w.WriteStartArray();
            w.WriteStringValue(t.Token);
            w.WriteNumberValue(double.IsFinite(t.LogProbability) ? t.LogProbability : -1e9);
            if (t.Alternatives.Count > 0)
            {
                w.WriteStartArray();
                foreach (var a in t.Alternatives) Write(w, a);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
    }
}
