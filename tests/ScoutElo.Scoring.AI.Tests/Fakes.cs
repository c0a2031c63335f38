using Microsoft.Extensions.AI;

namespace ScoutElo.Scoring.AI.Tests;

/// <summary>A deterministic in-process chat client whose answers, delays and failures are scripted per call.</summary>
internal sealed class ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, int, CancellationToken, Task<string>> script) : IChatClient
{
    private int _calls;
    private int _inFlight;

    public int Calls => _calls;

    public int MaxInFlight { get; private set; }

    public List<IReadOnlyList<ChatMessage>> Requests { get; } = [];

    public static ScriptedChatClient Answer(string text) => new((_, _, _) => Task.FromResult(text));

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        int n = Interlocked.Increment(ref _calls);
        lock (Requests) Requests.Add(list);
        int now = Interlocked.Increment(ref _inFlight);
        lock (Requests) MaxInFlight = Math.Max(MaxInFlight, now);
        try
        {
            string text = await script(list, n, cancellationToken);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 7 } };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", null, "scripted-model") : null;

    public void Dispose()
    {
    }
}

/// <summary>A deterministic embedding generator over a fixed table; counts calls and can fail.</summary>
internal sealed class FixedEmbeddingGenerator(Dictionary<string, float[]> table, bool fail = false) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Calls { get; private set; }

    public List<int> BatchSizes { get; } = [];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls++;
        var list = values.ToList();
        BatchSizes.Add(list.Count);
        if (fail) throw new HttpRequestException("service unavailable");
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(list.Select(v => new Embedding<float>(table[v]))));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

/// <summary>Log-probabilities made up from the response text: three tokens (before the tag's value, the value, the rest); the
/// value's alternatives come from <paramref name="alternatives"/> (null: the endpoint returned none).</summary>
internal sealed class FakeLogProbabilities(Func<string, IReadOnlyList<TokenLogProbability>?> alternatives) : IJudgeLogProbabilities
{
    private int _requested;

    public int Requested => _requested;

    public void Request(ChatOptions options)
    {
        Interlocked.Increment(ref _requested);
        (options.AdditionalProperties ??= [])["logprobs"] = true;
    }

    public IReadOnlyList<TokenLogProbability>? Read(ChatResponse response)
    {
        string text = response.Text;
        var m = System.Text.RegularExpressions.Regex.Match(text, "<(?:verdict|score)>([^<]*)<");
        if (!m.Success || alternatives(text) is not { } alts) return null;
        int at = m.Groups[1].Index;
        string value = m.Groups[1].Value;
        double own = alts.FirstOrDefault(a => a.Token.Trim('>') == value)?.LogProbability ?? -9;
        return [new(text[..at], -0.01), new(value, own) { Alternatives = alts }, new(text[(at + value.Length)..], -0.01)];
    }
}

/// <summary>An in-memory <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/> (no expiry): what the
/// judge's caching middleware stores, countable.</summary>
internal sealed class DictionaryCache : Microsoft.Extensions.Caching.Distributed.IDistributedCache
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public byte[]? Get(string key) => _entries.TryGetValue(key, out var v) ? v : null;

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));

    public void Set(string key, byte[] value, Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions options) => _entries[key] = value;

    public Task SetAsync(string key, byte[] value, Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Set(key, value, options);
        return Task.CompletedTask;
    }

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => _entries.TryRemove(key, out _);

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }
}
