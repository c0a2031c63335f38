using System.Collections.Immutable;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.Network;

/// <summary>The network engine: settles observed traffic round by round — trust-weighted consensus with quarantine, health
/// checks, node and evaluator payouts, Glicko-2 and Elo — and keeps the state durable through an <see cref="INetworkStateStore"/>.</summary>
/// <remarks>
/// <para><b>Rounds and periods.</b> <see cref="Submit"/> validates a round and queues it (its responses in ordinal order of
/// their ids: the order they were listed in never changes a result); every
/// <see cref="NetworkOptions.RoundsPerPeriod"/> rounds the queued period is settled and committed to the store in one step;
/// <see cref="Flush"/> settles a shorter final period. Nothing of a period is visible (standings, trust, ledgers) until it is
/// committed, so a process killed at any moment resumes from the store at the last committed period: the rounds it had queued
/// are simply submitted again. A round id that was settled or queued before with the same content is skipped and reported
/// (<see cref="RoundReceipt.Accepted"/> false), never paid twice; with different content it is refused
/// (<see cref="ArgumentException"/> naming the round): a round id names one round.</para>
/// <para><b>Cost.</b> A period costs O(its rounds and the nodes and evaluators they touch), not O(the network): settlement runs
/// on the live state (a failure reloads the committed state from the store), idle nodes' Glicko-2 deviations grow when read,
/// and the store receives only the period's changes (<see cref="NetworkChangeSet"/>). Settled round ids are not kept in
/// memory: the engine keeps a 64-bit hash of each (about 20 bytes per settled round in a hash set, at most twice that while
/// the set grows) and confirms a hit with the store, so any id length costs the same.</para>
/// <para><b>Settling a period</b> (the pipeline of the design, ScoutElo's own rules where the papers publish none):</para>
/// <list type="number">
/// <item>In round order: each response's in-round consensus is the trust-weighted mean of its evaluators' scores with
/// quarantine (an evaluator below <see cref="NetworkOptions.QuarantineFraction"/> of the highest trust among the response's
/// evaluators gets weight 0); then trust learns from the round (<see cref="TrustModel"/>: responses and spot checks).</item>
/// <item>With the trust learned by the period's end, every response is re-aggregated: the settled consensus (so an evaluator
/// ring caught during the period has no say in its payouts). A response nobody scored is scored by
/// <see cref="NetworkOptions.Scorer"/>; if that cannot judge it either, it is unrated (no pay, no match).</item>
/// <item>Per round, in response order: answered, rated responses enter the node history (<c>model-prior</c>) and the health
/// statistics — a spot check records <c>q_node − q_claimed</c> (both settled with the same weights); a judge verdict
/// <c>v</c> against the average-LLM baseline records <c>v − 0.5</c>; both use <see cref="ClaimedModelHealthCheck"/>'s bound.
/// A node fails when either check fails; with too little evidence it is unknown and treated as passing. Token evidence
/// (<see cref="ObservedResponse.Tokens"/> with the validator's <see cref="ObservedResponse.Reference"/>) feeds the node's
/// <see cref="Verification.SequentialTokenTest"/> first, in response order: once it rejects the claimed model the node fails
/// its health check from that round on; a <see cref="VerificationOptions.RulePolicy"/>, when set, fails single responses.</item>
/// <item>Node shares are <see cref="NodeRewardRule.Share"/> of the settled quality, the cost normalized by the round's highest
/// cost, the health verdict after the round's checks, and the routing weight of the Glicko-2 rating held before the period;
/// the budget is split exactly (<see cref="Rewards.Split"/>) or, when no response earned a share, withheld. Evaluators share
/// their budget by agreement with the settled consensus (<see cref="TrustModel.Agreement(double, double)"/>), summed over the round.</item>
/// <item>Every pair of rated responses of a round is a match: a healthy answer beats an unhealthy or dropped one; otherwise
/// <see cref="MatchOutcomeRule"/> decides from settled quality and performance. The period's matches update Glicko-2 and
/// batch Elo once.</item>
/// </list>
/// <para><b>Deterministic.</b> Every step runs in a defined order (submission order, ordinal ids), sequentially: the same
/// rounds in the same order give the same snapshot bytes at any degree of parallelism of the host. (The batch-Elo kernel and
/// <c>Math.Exp</c> are those of the runtime: bit-identity across processors of different vector width is not promised.)</para>
/// <para><b>All or nothing.</b> A round that fails validation throws an <see cref="ArgumentException"/> naming the round and
/// the field and changes nothing; a settlement that fails (including a failed commit) leaves the engine at its last committed
/// state, with the period's rounds still queued.</para>
/// <para>Thread-safe: every member takes one lock.</para>
/// </remarks>
public sealed partial class ScoutNetwork
{
    /// <summary>The name of the engine's <see cref="System.Diagnostics.Metrics.Meter"/>: rounds settled, skipped and pending,
    /// periods settled and failed, period duration, base units paid (by party) and health-check failures, over every engine
    /// of the process (for OpenTelemetry: <c>AddMeter(ScoutNetwork.MeterName)</c>).</summary>
    public const string MeterName = "ScoutElo.Scoring.Network";

    /// <summary>The name of the engine's <see cref="System.Diagnostics.ActivitySource"/>: one activity per period settled
    /// (<c>scoutelo.network.period</c>, tagged with the period and its counts of rounds, nodes and evaluators; an error status
    /// when the settlement failed), never any text of a round (for OpenTelemetry: <c>AddSource(ScoutNetwork.ActivitySourceName)</c>).</summary>
    public const string ActivitySourceName = "ScoutElo.Scoring.Network";

    private readonly Lock _lock = new();
    private readonly NetworkOptions _options;
    private readonly INetworkStateStore _store;
    private readonly ScoutPerformance _performance;
    private readonly MatchOutcomeRule _outcome;
    private readonly List<ObservedRound> _pending = [];
    private readonly Dictionary<string, string> _pendingHashes = new(StringComparer.Ordinal);
    private readonly string _rules;
    private HashSet<ulong> _settledIds = [];
    private NetworkState? _state;

    /// <summary>Creates an engine and loads the committed state from <paramref name="store"/>.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="store">Where the state is kept; a new <see cref="InMemoryNetworkStateStore"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    /// <exception cref="FormatException">The stored state is invalid.</exception>
    public ScoutNetwork(NetworkOptions? options = null, INetworkStateStore? store = null)
    {
        _options = options ?? new NetworkOptions();
        _options.Validate(nameof(options));
        _performance = new ScoutPerformance(_options.Performance);
        _outcome = new MatchOutcomeRule(_options.MatchOutcome);
        _rules = _options.DescribeRules();
        _store = store ?? new InMemoryNetworkStateStore();
        _state = Load();
    }

    /// <summary>The working state; after a failed settlement whose reload failed too, loaded again (or the store's error).</summary>
    private NetworkState State => _state ??= Load();

    /// <summary>The options.</summary>
    public NetworkOptions Options => _options;

    /// <summary>Rating periods committed.</summary>
    public long Periods
    {
        get { lock (_lock) return State.Periods; }
    }

    /// <summary>Rounds committed.</summary>
    public long RoundsSettled
    {
        get { lock (_lock) return State.RoundsSettled; }
    }

    /// <summary>The last committed round id, if any.</summary>
    public string? LastSettledRound
    {
        get { lock (_lock) return State.LastRound; }
    }

    /// <summary>The settlement rules the committed state was settled under (<see cref="NetworkOptions.DescribeRules"/>); null
    /// before the first period.</summary>
    public string? SettledRules
    {
        get { lock (_lock) return State.Rules; }
    }

    /// <summary>Node budget withheld so far (rounds in which no response earned a share), in base units.</summary>
    public UInt128 UnallocatedNodeBudget
    {
        get { lock (_lock) return State.UnallocatedNode; }
    }

    /// <summary>Evaluator budget withheld so far (rounds that no evaluator scored), in base units.</summary>
    public UInt128 UnallocatedEvaluatorBudget
    {
        get { lock (_lock) return State.UnallocatedEvaluator; }
    }

    /// <summary>The node history of settled consensus quality (what <c>model-prior</c> learns), read-only.</summary>
    public INodeQualityHistory History => _history ??= new ReadOnlyHistory(this);

    private ReadOnlyHistory? _history;

    /// <summary>The leaderboard: every node's standing, by Glicko-2 rating (best first), then id (ordinal).</summary>
    /// <returns>A copy.</returns>
    public IReadOnlyList<NodeStanding> Nodes()
    {
        lock (_lock)
        {
            return [.. State.Nodes.Keys.Select(StandingOf).OrderByDescending(n => n.Rating).ThenBy(n => n.Node, StringComparer.Ordinal)];
        }
    }

    /// <summary>One node's standing.</summary>
    /// <param name="node">The node id.</param>
    /// <param name="standing">Its standing when known.</param>
    /// <returns>Whether the node has settled responses.</returns>
    public bool TryGetNode(string node, out NodeStanding standing)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_lock)
        {
            if (!State.Nodes.ContainsKey(node))
            {
                standing = null!;
                return false;
            }
            standing = StandingOf(node);
            return true;
        }
    }

    /// <summary>One node's standing.</summary>
    /// <param name="node">The node id.</param>
    /// <returns>Its standing.</returns>
    /// <exception cref="ArgumentException"><paramref name="node"/> is null or empty.</exception>
    /// <exception cref="KeyNotFoundException">The node has no settled response (as <see cref="Ranking.EloRatingTable.Rating"/> for an
    /// unknown id): a default standing would pass its health check unseen. <see cref="TryGetNode"/> asks without throwing,
    /// <see cref="NewcomerStanding"/> gives where a new node starts.</exception>
    public NodeStanding Standing(string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        return TryGetNode(node, out var standing) ? standing : throw new KeyNotFoundException($"Node '{node}' has no settled response.");
    }

    /// <summary>Where a node with no settled response starts: the initial ratings, nothing paid or served, health unknown.</summary>
    /// <param name="node">The node id.</param>
    /// <returns>The standing.</returns>
    /// <exception cref="ArgumentException"><paramref name="node"/> is null or empty.</exception>
    public NodeStanding NewcomerStanding(string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        lock (_lock)
        {
            var g = State.Glicko.StateOf(node);
            return new NodeStanding { Node = node, Rating = g.Rating, Deviation = g.Deviation, Volatility = g.Volatility, Elo = State.Elo.Options.InitialRating, Health = HealthStatus.Unknown };
        }
    }

    /// <summary>Every evaluator's standing, ordinal by id.</summary>
    /// <returns>A copy.</returns>
    public IReadOnlyList<EvaluatorStanding> Evaluators()
    {
        lock (_lock)
        {
            var s = State;
            return [.. s.Evaluators.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new EvaluatorStanding(p.Key, s.Trust.TrustOf(p.Key), p.Value.Reward, p.Value.Scores))];
        }
    }

    private NodeStanding StandingOf(string node)
    {
        var s = State;
        var r = s.Nodes[node];
        var g = s.Glicko.StateOf(node);
        double elo = s.Elo.Contains(node) ? s.Elo.Rating(node) : s.Elo.Options.InitialRating;
        // The node history holds exactly the answered, rated responses: its count is the denominator, its mean the quality.
        var h = s.History.TryGetStats(node, out var stats) ? stats : default;
        return new NodeStanding
        {
            Node = node,
            Rating = g.Rating,
            Deviation = g.Deviation,
            Volatility = g.Volatility,
            Elo = elo,
            Reward = r.Reward,
            Responses = r.Responses,
            Dropped = r.Dropped,
            MeanPerformance = h.Count > 0 ? r.PerformanceSum / h.Count : 0,
            MeanQuality = h.Count > 0 ? h.Mean : 0,
            LastQuality = r.LastQuality,
            ClaimedModel = r.ClaimedModel,
            SpotChecks = s.SpotChecks.Checks(node),
            JudgeVerdicts = s.JudgeChecks.Checks(node),
            Health = s.Health(node),
            Verification = s.VerificationOf(node),
        };
    }

    /// <summary>Validates a round and queues it; settles and commits the period when it is full.</summary>
    /// <param name="round">The round.</param>
    /// <returns>Whether it was accepted, and the settled period if this round completed one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="round"/> is null.</exception>
    /// <exception cref="ArgumentException">The round is invalid (the message names the round and the field); nothing changed.</exception>
    /// <exception cref="InvalidOperationException">The store refused the commit, or the state was settled under other rules
    /// (<see cref="NetworkSnapshot.Rules"/>); the engine is still at its last committed state.</exception>
    /// <exception cref="OverflowException">A total (a node's or evaluator's reward, the withheld budget) would pass 2^128 − 1
    /// base units; the period is refused and the engine is still at its last committed state.</exception>
    public RoundReceipt Submit(ObservedRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        lock (_lock)
        {
            // Settled in ordinal order of response ids: the order a round's responses were listed or arrived in never changes a
            // result (as it does not change its content hash); sorted once, so the hash does not sort again.
            var ordered = RoundContent.InResponseIdOrder(round);
            if (Known(round, ordered, out string? hash))
            {
                NetworkMetrics.RoundsSkipped.Add(1);
                return new RoundReceipt(round.RoundId, false, null); // skipped
            }
            EnsureRules();
            Validate(round); // as listed, so a message's responses[k] is the caller's k
            _pendingHashes.Add(round.RoundId, hash ?? RoundContent.Hash(ordered));
            _pending.Add(ordered);
            NetworkMetrics.RoundsPending.Add(1);
            PeriodSettlement? settled = null;
            if (_pending.Count >= _options.RoundsPerPeriod)
            {
                try
                {
                    settled = SettlePending();
                }
                catch
                {
                    // All or nothing: the round is taken back, so the engine is exactly as before this call.
                    if (_pending.Count > 0 && ReferenceEquals(_pending[^1], ordered)) // (a commit that landed before it failed settled it after all)
                    {
                        _pending.RemoveAt(_pending.Count - 1);
                        _pendingHashes.Remove(round.RoundId);
                        NetworkMetrics.RoundsPending.Add(-1);
                    }
                    throw;
                }
            }
            return new RoundReceipt(round.RoundId, true, settled);
        }
    }

    /// <summary>Settles and commits the queued rounds as a (possibly shorter) period.</summary>
    /// <returns>The settled period, or null when nothing was queued.</returns>
    /// <exception cref="InvalidOperationException">The store refused the commit, or the state was settled under other rules;
    /// the engine is still at its last committed state.</exception>
    /// <exception cref="OverflowException">A total would pass 2^128 − 1 base units; nothing of the period is committed.</exception>
    public PeriodSettlement? Flush()
    {
        lock (_lock)
        {
            if (_pending.Count == 0) return null;
            EnsureRules();
            return SettlePending();
        }
    }

    /// <summary>A state settled under other rules is not settled further under these (its periods would mean something else).</summary>
    private void EnsureRules()
    {
        if (State.Rules is { } stored && stored != _rules)
        {
            throw new InvalidOperationException(
                $"The state was settled under other rules; settle it with the same options or start a new state. Stored: {stored}. Now: {_rules}.");
        }
    }

    private sealed class ReadOnlyHistory(ScoutNetwork network) : INodeQualityHistory
    {
        public bool TryGetStats(string node, out NodeQualityStats stats)
        {
            lock (network._lock) return network.State.History.TryGetStats(node, out stats);
        }

        public void Record(string node, double quality) =>
            throw new NotSupportedException("The network's history learns only from settled periods; it cannot be written from outside.");
    }
}
