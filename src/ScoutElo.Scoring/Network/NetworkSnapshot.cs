using System.Collections.Immutable;
using System.Text.Json;

namespace ScoutElo.Scoring.Network;

/// <summary>An immutable, versioned snapshot of a <see cref="ScoutNetwork"/>'s committed state: ratings, deviations,
/// volatilities, Elo, trust, node history, health-check statistics, ledgers, and the settled round ids.</summary>
/// <remarks>
/// <para><see cref="ToJson"/> and <see cref="FromJson"/> round-trip exactly (doubles in their shortest round-trip form, every
/// list in a defined order), so the same state always has the same bytes. The schema is versioned
/// (<see cref="SchemaVersion"/>); a snapshot of another version is rejected rather than misread. Schema 1 (before per-node
/// verification statistics) is read as it is: it holds no token evidence.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class NetworkSnapshot
{
    /// <summary>The schema version this library writes and reads.</summary>
    public const int SchemaVersion = 2;

    private readonly NetworkSnapshotDto _state; // never mutated after construction; SettledRounds kept apart
    private readonly ImmutableList<string> _rounds;

    internal NetworkSnapshot(NetworkSnapshotDto state, ImmutableList<string> rounds)
    {
        _state = state;
        _state.SettledRounds = null;
        _rounds = rounds;
    }

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
        if (dto.Schema != SchemaVersion && dto.Schema != 1) throw new FormatException($"Network snapshot has schema {dto.Schema}; this library reads schemas 1 and {SchemaVersion}.");
        if (dto.Schema == 1 && dto.Nodes.Any(n => n.Verification is not null)) throw new FormatException("Network snapshot of schema 1 holds verification statistics, which schema 1 does not have.");
        var rounds = (settledRounds ?? dto.SettledRounds ?? []).ToImmutableList();
        if (rounds.Count != dto.RoundsSettled) throw new FormatException($"Network snapshot settled {dto.RoundsSettled} rounds but lists {rounds.Count} round ids.");
        if (rounds.Distinct(StringComparer.Ordinal).Count() != rounds.Count) throw new FormatException("Network snapshot lists a round id twice.");
        var snapshot = new NetworkSnapshot(dto, rounds);
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
