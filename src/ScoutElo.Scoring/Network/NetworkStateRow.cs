namespace ScoutElo.Scoring.Network;

/// <summary>One stored row of a network's state: a node's or an evaluator's record, as the engine serialized it.</summary>
/// <remarks>The JSON is owned by the engine (versioned by the state's header, <see cref="NetworkSnapshot.SchemaVersion"/>): a
/// store keeps it verbatim, keyed by <see cref="Id"/>, and gives it back from <see cref="INetworkStateStore.Load"/>.</remarks>
/// <param name="Id">The node or evaluator id (unique within its table).</param>
/// <param name="Json">The row's compact JSON.</param>
public readonly record struct NetworkStateRow(string Id, string Json);
