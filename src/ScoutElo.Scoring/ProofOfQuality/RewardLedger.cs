namespace ScoutElo.Scoring.ProofOfQuality;

/// <summary>Per-round and cumulative rewards of inference nodes and evaluators.</summary>
/// <remarks>
/// <para>Each round pays a node budget in proportion to <c>max(0, α·quality − β·normalizedCost)</c> (cost-aware PoQ; cost
/// normalized by the round's largest cost) and an evaluator budget in proportion to <c>weight·agreement</c>, where agreement
/// is the evaluator's closeness to consensus (<see cref="TrustModel.Agreement(double, double)"/>). When every share is zero the budget is
/// withheld (nothing is paid), as in the network engine. Not thread-safe: synchronize externally. A failed
/// <see cref="PayRound"/> changes nothing.</para>
/// </remarks>
internal sealed class RewardLedger
{
    private readonly SortedDictionary<string, UInt128> _cumulative = new(StringComparer.Ordinal);
    private readonly List<RoundPayout> _rounds = [];

    /// <summary>Cumulative payouts by participant id (ordinal order).</summary>
    public IReadOnlyDictionary<string, UInt128> Cumulative => _cumulativeView ??= new System.Collections.ObjectModel.ReadOnlyDictionary<string, UInt128>(_cumulative); // live, read-only

    /// <summary>Every recorded round, in order.</summary>
    public IReadOnlyList<RoundPayout> Rounds => _roundsView ??= _rounds.AsReadOnly(); // live, read-only

    private System.Collections.ObjectModel.ReadOnlyDictionary<string, UInt128>? _cumulativeView;
    private System.Collections.ObjectModel.ReadOnlyCollection<RoundPayout>? _roundsView;

    /// <summary>Total paid so far.</summary>
    public UInt128 TotalPaid => _cumulative.Values.Aggregate(UInt128.Zero, (a, b) => checked(a + b));

    /// <summary>Splits a budget over participants by their shares and records it as one round.</summary>
    /// <param name="budget">Budget in base units.</param>
    /// <param name="shares">Participant id → non-negative share.</param>
    /// <returns>The recorded round.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shares"/> is null.</exception>
    /// <exception cref="ArgumentException">No participants or an empty id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative budget or an invalid share.</exception>
    public RoundPayout PayRound(UInt128 budget, IReadOnlyDictionary<string, double> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Keys.Any(string.IsNullOrEmpty)) throw new ArgumentException("Participant ids must be non-empty.", nameof(shares));
        var ids = shares.Keys.Order(StringComparer.Ordinal).ToArray();
        var s = ids.Select(id => shares[id]).ToArray();
        var payouts = new UInt128[ids.Length];
        Rewards.Split(budget, s, payouts);
        var round = new RoundPayout(_rounds.Count, new SortedDictionary<string, UInt128>(ids.Zip(payouts).ToDictionary(p => p.First, p => p.Second), StringComparer.Ordinal));
        var totals = new UInt128[ids.Length];
        for (int i = 0; i < ids.Length; i++) totals[i] = checked(_cumulative.GetValueOrDefault(ids[i]) + payouts[i]); // all or nothing
        for (int i = 0; i < ids.Length; i++) _cumulative[ids[i]] = totals[i];
        _rounds.Add(round);
        return round;
    }

    /// <summary>Pays inference nodes of a round: each node's share is <see cref="Rewards.NodeReward"/> of its quality and its
    /// cost normalized by the round's highest cost, under <paramref name="rule"/>.</summary>
    /// <param name="budget">Budget in base units.</param>
    /// <param name="nodes">Node id → (consensus quality in [0, 1], non-negative cost).</param>
    /// <param name="rule">The reward rule (no default: see <see cref="Rewards.NodeReward"/>).</param>
    /// <returns>The recorded round.</returns>
    /// <exception cref="ArgumentException">No nodes or an empty id.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> or <paramref name="rule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A quality or cost out of range.</exception>
    public RoundPayout PayNodes(UInt128 budget, IReadOnlyDictionary<string, (double Quality, double Cost)> nodes, NodeRewardRule rule)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(rule);
        double maxCost = 0;
        foreach (var (_, (q, c)) in nodes)
        {
            Internal.Guard.UnitInterval(q, nameof(nodes));
            Internal.Guard.NonNegative(c, nameof(nodes));
            maxCost = Math.Max(maxCost, c);
        }
        var shares = nodes.ToDictionary(p => p.Key, p => Rewards.NodeReward(p.Value.Quality, maxCost > 0 ? p.Value.Cost / maxCost : 0, rule), StringComparer.Ordinal);
        return PayRound(budget, shares);
    }
}
