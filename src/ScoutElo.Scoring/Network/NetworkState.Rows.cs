using System.Text.Json;

namespace ScoutElo.Scoring.Network;

/// <summary>The stored form of the working state: a header row, one row per node and per evaluator (see
/// <see cref="INetworkStateStore"/>), and the change set of one period.</summary>
internal sealed partial class NetworkState
{
    /// <summary>Restores the working state from stored rows; throws <see cref="FormatException"/> on any inconsistent value.</summary>
    public static NetworkState FromRows(NetworkStoredState stored, NetworkOptions o)
    {
        var s = Empty(o);
        var h = Read(stored.Header, "header", NetworkJsonContext.Default.HeaderDto);
        if (h.Schema != NetworkSnapshot.SchemaVersion)
            throw new FormatException($"Stored network state has schema {h.Schema}; this library reads stored rows of schema {NetworkSnapshot.SchemaVersion}.");
        s.LoadHeader(h);
        var elo = new List<(int Index, string Id, EloRowDto Elo)>();
        try
        {
            foreach (var row in stored.Nodes)
            {
                var n = Read(row.Json, $"node '{row.Id}'", NetworkJsonContext.Default.NodeDto);
                if (n.Id != row.Id) throw new FormatException($"Stored node row '{row.Id}' holds node '{n.Id}'.");
                if (n.GlickoAt is { } at && (at < 0 || at > h.Periods)) throw new FormatException($"Stored node row '{row.Id}' is as of period {at}, after the state's period {h.Periods}.");
                s.LoadNode(n);
                if (n.Elo is { } e) elo.Add((e.Index, n.Id, e));
            }
            foreach (var row in stored.Evaluators)
            {
                var e = Read(row.Json, $"evaluator '{row.Id}'", NetworkJsonContext.Default.EvaluatorDto);
                if (e.Id != row.Id) throw new FormatException($"Stored evaluator row '{row.Id}' holds evaluator '{e.Id}'.");
                s.LoadEvaluator(e);
            }
            elo.Sort((x, y) => x.Index.CompareTo(y.Index));
            for (int i = 0; i < elo.Count; i++)
            {
                var (index, id, e) = elo[i];
                if (index != i || !double.IsFinite(e.Rating)) throw new FormatException($"Stored node row '{id}' has an invalid Elo state (index {index}, expected {i}).");
                s.Elo.Load(id, e.Rating, e.Games);
            }
        }
        catch (ArgumentException e)
        {
            throw new FormatException("Stored network state holds an invalid value: " + Internal.Guard.BareMessage(e), e);
        }
        return s;
    }

    private static T Read<T>(string json, string what, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new FormatException($"Stored {what} is null.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"Stored {what}, field '{e.Path ?? "$"}': {Internal.JsonErrors.Plain(e)}", e);
        }
    }

    public string HeaderJson() => JsonSerializer.Serialize(WithHeader(new HeaderDto()), NetworkJsonContext.Default.HeaderDto);

    public NetworkStateRow NodeRow(string id) => new(id, JsonSerializer.Serialize(NodeDtoOf(id, row: true), NetworkJsonContext.Default.NodeDto));

    public NetworkStateRow EvaluatorRow(string id) => new(id, JsonSerializer.Serialize(EvaluatorDtoOf(id), NetworkJsonContext.Default.EvaluatorDto));

    /// <summary>The change set of a settled period: the rows of the nodes and evaluators it touched (ordinal), its rounds and ledger.</summary>
    public NetworkChangeSet Changes(long previousPeriod, IEnumerable<string> nodes, IEnumerable<string> evaluators, IReadOnlyList<SettledRound> rounds, IReadOnlyList<PayoutEntry> payouts) =>
        new(previousPeriod, Periods, HeaderJson(), Rows(nodes, NodeRow), Rows(evaluators, EvaluatorRow), rounds, payouts);

    private static NetworkStateRow[] Rows(IEnumerable<string> ids, Func<string, NetworkStateRow> row)
    {
        var sorted = ids.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        var rows = new NetworkStateRow[sorted.Length];
        for (int i = 0; i < rows.Length; i++) rows[i] = row(sorted[i]);
        return rows;
    }

    /// <summary>The change set that seeds an empty store with this state (restored from <paramref name="snapshot"/>): every row,
    /// every round, and an opening ledger row per balance.</summary>
    public NetworkChangeSet Import(NetworkSnapshot snapshot)
    {
        var rounds = new List<SettledRound>(snapshot.SettledRounds.Count);
        for (int i = 0; i < snapshot.SettledRounds.Count; i++) rounds.Add(new SettledRound(snapshot.SettledRounds[i], i + 1, Periods, snapshot.RoundHash(i)));
        var ledger = new List<PayoutEntry>();
        foreach (var (id, r) in Nodes.OrderBy(p => p.Key, StringComparer.Ordinal)) if (r.Reward > 0) ledger.Add(new PayoutEntry(Periods, null, PayoutParty.Node, id, r.Reward, PayoutReason.Opening));
        if (UnallocatedNode > 0) ledger.Add(new PayoutEntry(Periods, null, PayoutParty.Node, null, UnallocatedNode, PayoutReason.Opening));
        foreach (var (id, e) in Evaluators.OrderBy(p => p.Key, StringComparer.Ordinal)) if (e.Reward > 0) ledger.Add(new PayoutEntry(Periods, null, PayoutParty.Evaluator, id, e.Reward, PayoutReason.Opening));
        if (UnallocatedEvaluator > 0) ledger.Add(new PayoutEntry(Periods, null, PayoutParty.Evaluator, null, UnallocatedEvaluator, PayoutReason.Opening));
        return Changes(0, Nodes.Keys, Evaluators.Keys, rounds, ledger);
    }
}
