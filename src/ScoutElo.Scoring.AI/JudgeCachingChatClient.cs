using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;

namespace ScoutElo.Scoring.AI;

/// <summary>Microsoft.Extensions.AI's <see cref="DistributedCachingChatClient"/> (responses keyed by the messages and the
/// options, stored as JSON in any <see cref="IDistributedCache"/>), marking the responses it replays so the judge counts cache
/// hits apart from calls and never counts a replayed answer's tokens as spent again.</summary>
internal sealed class JudgeCachingChatClient(IChatClient inner, IDistributedCache cache) : DistributedCachingChatClient(inner, cache)
{
    private const string HitKey = "scoutelo.cacheHit";

    /// <summary>Whether <paramref name="response"/> was replayed from the cache.</summary>
    public static bool IsHit(ChatResponse response) =>
        response.AdditionalProperties?.TryGetValue(HitKey, out object? value) == true && value is true;

    protected override async Task<ChatResponse?> ReadCacheAsync(string key, CancellationToken cancellationToken)
    {
        var response = await base.ReadCacheAsync(key, cancellationToken).ConfigureAwait(false);
        if (response is not null) (response.AdditionalProperties ??= [])[HitKey] = true;
        return response;
    }
}
