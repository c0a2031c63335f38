namespace ScoutElo.Scoring.Network;

/// <summary>A network's committed state as a store holds it: the header and one row per node and per evaluator (the settled
/// rounds and the payout ledger are read separately, <see cref="INetworkStateStore.ReadRounds"/> and
/// <see cref="INetworkStateStore.ReadLedger"/>).</summary>
/// <param name="Header">The header row's JSON (the state's counters, withheld budgets and rules), as the last
/// <see cref="NetworkChangeSet.Header"/> committed.</param>
/// <param name="Nodes">Every node row, in any order.</param>
/// <param name="Evaluators">Every evaluator row, in any order.</param>
public sealed record NetworkStoredState(string Header, IReadOnlyList<NetworkStateRow> Nodes, IReadOnlyList<NetworkStateRow> Evaluators);
