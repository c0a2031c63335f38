using System.Collections.Immutable;
using System.Text.Json;

namespace ScoutElo.Scoring.Network;

/// <summary>An immutable, versioned snapshot of a <see cref="ScoutNetwork"/>'s committed state: ratings, deviations,
/// volatilities, Elo, trust, node history, health-check statistics, ledgers, and the settled round ids.</summary>
/// <remarks>
/// <para><see cref="ToJson"/> and <see cref="FromJson"/> round-trip exactly (doubles in their shortest round-trip form, every
/// list in a defined order), so the same state always has the same bytes. The schema is versioned
/// (<see cref="SchemaVersion"/>); a snapshot of another version is rejected rather than misread. Schema 1 (before per-node
/// verification statistics) is read as it is: it holds no token evidence; schemas 1 and 2 (before content hashes) hold no
/// round hashes, so a round id they settled is skipped on a second submission whatever its content.</para>
/// <para>A snapshot is the export of a state (<see cref="ScoutNetwork.ExportSnapshot"/>, O(state + history)); an engine settles
/// on rows (<see cref="INetworkStateStore"/>), and <see cref="NetworkChangeSet.FromSnapshot"/> imports a snapshot into a store.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class NetworkSnapshot
{
    /// <summary>The schema version this library writes and reads.</summary>
    public const int SchemaVersion = 3;

    private readonly NetworkSnapshotDto _state; // never mutated after construction; SettledRounds kept apart
    private readonly ImmutableList<string> _rounds;
    private readonly ImmutableList<string?> _hashes;

    internal NetworkSnapshot(NetworkSnapshotDto state, ImmutableList<string> rounds, ImmutableList<string?>? hashes = null)
    {
        _state = state;
        _state.SettledRounds = null;
        _state.RoundHashes = null;
        _rounds = rounds;
        _hashes = hashes ?? [.. Enumerable.Repeat<string?>(null, rounds.Count)];
    }

    /// <summary>The content hash of the i-th settled round (null when it was settled before content hashes existed).</summary>
    internal string? RoundHash(int i) => _hashes[i];

    internal NetworkSnapshotDto State => _state;

    /// <summary>The settlement rules the state was settled under (<see cref="NetworkOptions.DescribeRules"/>); null before the
    /// first period.</summary>
    public string? Rules => _state.Rules;

    /// <summary>Rating periods settled.</summary>
    public long Periods => _state.Periods;

    /// <summary>Rounds settled.</summary>
    public long RoundsSettled => _state.RoundsSettled;

    /// <summary>The last settled round id, if any.</summary>
    public string? LastSettledRound => _state.LastRound;

    /// <summary>Every settled round id, in settlement order.</summary>
    public IReadOnlyList<string> SettledRounds => _rounds;

    /// <summary>Serializes the snapshot.</summary>
    /// <param name="includeSettledRounds">Whether to include <see cref="SettledRounds"/> (a store that keeps them apart passes false).</param>
    /// <returns>Compact JSON, identical for identical states.</returns>
    public string ToJson(bool includeSettledRounds = true)
    {
        var copy = Copy(_state);
        copy.SettledRounds = includeSettledRounds ? [.. _rounds] : null;
        copy.RoundHashes = includeSettledRounds && _state.Schema >= 3 ? [.. _hashes] : null; // older schemas are written as read
        return JsonSerializer.Serialize(copy, NetworkJsonContext.Default.NetworkSnapshotDto);
    }

    /// <summary>Restores a snapshot from <see cref="ToJson"/> output.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="settledRounds">The settled round ids when the JSON was written without them; null to read them from the JSON.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">Malformed JSON, another schema version, or inconsistent values.</exception>
    public static NetworkSnapshot FromJson(string json, IEnumerable<string>? settledRounds = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        NetworkSnapshotDto dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, NetworkJsonContext.Default.NetworkSnapshotDto) ?? throw new FormatException("Network snapshot is null.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"Network snapshot field '{e.Path ?? "$"}': {Internal.JsonErrors.Plain(e)}", e);
        }
        if (dto.Schema is < 1 or > SchemaVersion) throw new FormatException($"Network snapshot has schema {dto.Schema}; this library reads schemas 1 to {SchemaVersion}.");
        if (dto.Schema == 1 && dto.Nodes.Any(n => n.Verification is not null)) throw new FormatException("Network snapshot of schema 1 holds verification statistics, which schema 1 does not have.");
        if (dto.Schema < 3 && dto.RoundHashes is not null) throw new FormatException($"Network snapshot of schema {dto.Schema} holds round hashes, which schema {dto.Schema} does not have.");
        var rounds = (settledRounds ?? dto.SettledRounds ?? []).ToImmutableList();
        if (rounds.Count != dto.RoundsSettled) throw new FormatException($"Network snapshot settled {dto.RoundsSettled} rounds but lists {rounds.Count} round ids.");
        if (rounds.Distinct(StringComparer.Ordinal).Count() != rounds.Count) throw new FormatException("Network snapshot lists a round id twice.");
        var hashes = settledRounds is null ? dto.RoundHashes?.ToImmutableList() : null;
        if (hashes is not null && hashes.Count != rounds.Count) throw new FormatException($"Network snapshot lists {rounds.Count} round ids but {hashes.Count} round hashes.");
        if (hashes is not null && hashes.Any(h => h is not null && (h.Length != 64 || !h.All(char.IsAsciiHexDigitLower))))
            throw new FormatException("Network snapshot holds a round hash that is not 64 lower-case hex digits.");
        var snapshot = new NetworkSnapshot(dto, rounds, hashes);
        NetworkState.FromSnapshot(snapshot, new NetworkOptions()); // validates every value
        return snapshot;
    }

    internal static NetworkSnapshotDto Copy(NetworkSnapshotDto s) => new()
    {
        Schema = s.Schema, Rules = s.Rules, Periods = s.Periods, RoundsSettled = s.RoundsSettled, LastRound = s.LastRound,
        UnallocatedNode = s.UnallocatedNode, UnallocatedEvaluator = s.UnallocatedEvaluator,
        Nodes = s.Nodes, Evaluators = s.Evaluators, Elo = s.Elo,
    };
}
