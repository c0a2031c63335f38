using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.Network;

/// <summary>The engine's working state: live rating tables, trust, history and ledgers, built from a snapshot and written back
/// to one. Settlement always runs on a fresh copy, so a failure anywhere leaves the committed state untouched.</summary>
internal sealed partial class NetworkState
{
    internal sealed class NodeRecord
    {
        public UInt128 Reward;
        public long Responses;
        public long Dropped;
        public double PerformanceSum;
        public double? LastQuality;
        public string? ClaimedModel;
        public Verification.SequentialTestState Verification;
        public long RuleChecks;
        public long RuleFailures;
        public string? LastRuleFailure;
    }

    internal sealed class EvaluatorRecord
    {
        public UInt128 Reward;
        public long Scores;
    }

    public required TrustModel Trust { get; init; }
    public required InMemoryNodeQualityHistory History { get; init; }
    public required ClaimedModelHealthCheck SpotChecks { get; init; }
    public required ClaimedModelHealthCheck JudgeChecks { get; init; }
    public required Verification.SequentialTokenTest Sequential { get; init; }
    public required Glicko2RatingTable Glicko { get; init; }
    public required EloRatingTable Elo { get; init; }
    // Hash maps: a period looks nodes up many times (O(1) at any network size); the few ordered walks (exports) sort.
    public Dictionary<string, NodeRecord> Nodes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, EvaluatorRecord> Evaluators { get; } = new(StringComparer.Ordinal);
    public string? Rules;
    public long Periods;
    public long RoundsSettled;
    public string? LastRound;
    public UInt128 UnallocatedNode;
    public UInt128 UnallocatedEvaluator;

    public static NetworkState Empty(NetworkOptions o) => new()
    {
        Trust = new TrustModel(o.Trust),
        History = new InMemoryNodeQualityHistory(),
        SpotChecks = new ClaimedModelHealthCheck(o.HealthCheck),
        JudgeChecks = new ClaimedModelHealthCheck(o.HealthCheck),
        Sequential = new Verification.SequentialTokenTest(o.Verification?.Sequential),
        Glicko = new Glicko2RatingTable(o.Glicko2),
        Elo = new EloRatingTable(o.Elo ?? DefaultElo),
    };

    /// <summary>The verification of a node with no token evidence.</summary>
    internal static readonly NodeVerification NoVerification = new(Verification.VerificationOutcome.Unknown, 0, 1, 0, 0, "no token evidence logged.");

    public NodeVerification VerificationOf(string node)
    {
        if (!Nodes.TryGetValue(node, out var r) || (r.Verification.Tokens == 0 && r.RuleChecks == 0)) return NoVerification;
        var v = Sequential.Verdict(r.Verification);
        string reason = r.Verification.Tokens == 0 ? "no sequential evidence." : v.Reason;
        if (r.LastRuleFailure is { } last) reason += $" {r.RuleFailures} of {r.RuleChecks} responses failed the rule policy; last: {last}";
        return new NodeVerification(v.Outcome, r.Verification.Tokens, v.Statistic ?? 1, r.RuleChecks, r.RuleFailures, reason);
    }


    internal static readonly EloOptions DefaultElo = new() { InitialRating = 1500, KFactor = KFactorPolicy.Fixed(16) };

    public NodeRecord Node(string id)
    {
        if (!Nodes.TryGetValue(id, out var r)) Nodes[id] = r = new NodeRecord();
        return r;
    }

    public EvaluatorRecord Evaluator(string id)
    {
        if (!Evaluators.TryGetValue(id, out var r)) Evaluators[id] = r = new EvaluatorRecord();
        return r;
    }

    public HealthStatus Health(string node)
    {
        bool spot = SpotChecks.ShortfallUpperBound(node) is not null, judge = JudgeChecks.ShortfallUpperBound(node) is not null;
        var tokens = Nodes.TryGetValue(node, out var r) ? Sequential.Outcome(r.Verification) : Verification.VerificationOutcome.Unknown;
        if (!SpotChecks.Passes(node) || !JudgeChecks.Passes(node) || tokens == Verification.VerificationOutcome.Fail) return HealthStatus.Fail;
        return spot || judge || tokens == Verification.VerificationOutcome.Pass ? HealthStatus.Pass : HealthStatus.Unknown;
    }

    /// <summary>Restores the working state from a snapshot; throws <see cref="FormatException"/> on any inconsistent value.</summary>
    public static NetworkState FromSnapshot(NetworkSnapshot? snapshot, NetworkOptions o)
    {
        var s = Empty(o);
        if (snapshot is null) return s;
        var d = snapshot.State;
        s.LoadHeader(d);
        try
        {
            foreach (var n in d.Nodes)
            {
                if (n.GlickoAt is not null || n.Elo is not null) throw new FormatException($"Node '{n.Id}' holds fields of a stored row, not of a snapshot.");
                s.LoadNode(n);
            }
            foreach (var e in d.Evaluators) s.LoadEvaluator(e);
            foreach (var e in d.Elo)
            {
                if (string.IsNullOrEmpty(e.Id) || !double.IsFinite(e.Rating)) throw new FormatException($"Elo node '{e.Id}' is invalid.");
                s.Elo.Load(e.Id, e.Rating, e.Games);
            }
        }
        catch (ArgumentException e)
        {
            throw new FormatException("Network snapshot holds an invalid value: " + Internal.Guard.BareMessage(e), e);
        }
        return s;
    }

    private void LoadHeader(HeaderDto h)
    {
        if (h.Periods < 0 || h.RoundsSettled < 0) throw new FormatException("Network state holds a negative count.");
        Rules = h.Rules;
        Periods = h.Periods;
        RoundsSettled = h.RoundsSettled;
        LastRound = h.LastRound;
        UnallocatedNode = h.UnallocatedNode;
        UnallocatedEvaluator = h.UnallocatedEvaluator;
        Glicko.Period = h.Periods; // a snapshot's deviations are as of its last period
    }

    /// <summary>Writes the header's scalars into <paramref name="h"/> (the header row, or the snapshot's first fields).</summary>
    private T WithHeader<T>(T h) where T : HeaderDto
    {
        h.Schema = NetworkSnapshot.SchemaVersion;
        h.Rules = Rules;
        h.Periods = Periods;
        h.RoundsSettled = RoundsSettled;
        h.LastRound = LastRound;
        h.UnallocatedNode = UnallocatedNode;
        h.UnallocatedEvaluator = UnallocatedEvaluator;
        return h;
    }

    private void LoadNode(NodeDto n)
    {
        if (string.IsNullOrEmpty(n.Id) || Nodes.ContainsKey(n.Id)) throw new FormatException($"Node id '{n.Id}' is empty or appears twice.");
        if (n.Responses < 0 || n.Dropped < 0 || n.Dropped > n.Responses || !double.IsFinite(n.PerformanceSum))
            throw new FormatException($"Node '{n.Id}' holds invalid totals.");
        var r = Nodes[n.Id] = new NodeRecord
        {
            Reward = n.Reward, Responses = n.Responses, Dropped = n.Dropped, PerformanceSum = n.PerformanceSum,
            LastQuality = n.LastQuality, ClaimedModel = n.ClaimedModel,
        };
        if (n.Verification is { } v) LoadVerification(r, n.Id, v);
        if (n.HistoryCount > 0) History.Record(n.Id, new NodeQualityStats(n.HistoryCount, n.HistoryMean));
        if (n.Glicko is { } g)
        {
            if (g.Length != 3) throw new FormatException($"Node '{n.Id}' has a malformed Glicko-2 state.");
            Glicko.Load(n.Id, new Glicko2Rating(g[0], g[1], g[2]), n.GlickoAt ?? Periods);
        }
        LoadCheck(SpotChecks, n.Id, n.SpotChecks);
        LoadCheck(JudgeChecks, n.Id, n.JudgeChecks);

        static void LoadVerification(NodeRecord r, string node, VerificationDto v)
        {
            var state = new Verification.SequentialTestState(v.Tokens, v.Sum, v.LogEValue, v.PeakLogEValue);
            if (!state.IsValid || v.RuleChecks < 0 || v.RuleFailures < 0 || v.RuleFailures > v.RuleChecks || (v.RuleFailures > 0) != (v.LastRuleFailure is not null))
                throw new FormatException($"Node '{node}' has malformed verification statistics.");
            r.Verification = state;
            r.RuleChecks = v.RuleChecks;
            r.RuleFailures = v.RuleFailures;
            r.LastRuleFailure = v.LastRuleFailure;
        }

        static void LoadCheck(ClaimedModelHealthCheck check, string node, double[]? v)
        {
            if (v is null) return;
            if (v.Length != 3 || v[2] != Math.Floor(v[2]) || v[2] is < 0 or > int.MaxValue) throw new FormatException($"Node '{node}' has malformed health-check statistics.");
            check.Load(node, v[0], v[1], (int)v[2]);
        }
    }

    private void LoadEvaluator(EvaluatorDto e)
    {
        if (string.IsNullOrEmpty(e.Id) || Evaluators.ContainsKey(e.Id)) throw new FormatException($"Evaluator id '{e.Id}' is empty or appears twice.");
        if (e.Scores < 0) throw new FormatException($"Evaluator '{e.Id}' holds invalid totals.");
        Evaluators[e.Id] = new EvaluatorRecord { Reward = e.Reward, Scores = e.Scores };
        if (e.Trust is { } t) Trust.Load(e.Id, t);
    }

    /// <summary>The full snapshot form (every deviation grown to the current period, Elo in its own list).</summary>
    public NetworkSnapshotDto ToDto()
    {
        var nodes = new List<NodeDto>(Nodes.Count);
        foreach (var id in Nodes.Keys.Order(StringComparer.Ordinal)) nodes.Add(NodeDtoOf(id, row: false));
        var evaluators = Evaluators.Keys.Order(StringComparer.Ordinal).Select(EvaluatorDtoOf).ToList();
        var elo = Elo.Nodes.Select(id => new EloDto { Id = id, Rating = Elo.Rating(id), Games = Elo.Games(id) }).ToList();
        return WithHeader(new NetworkSnapshotDto { Nodes = nodes, Evaluators = evaluators, Elo = elo });
    }

    /// <summary>One node's record: as the snapshot holds it, or as a stored row (Glicko-2 as of its period, with its Elo state).</summary>
    private NodeDto NodeDtoOf(string id, bool row)
    {
        var r = Nodes[id];
        var h = History.TryGetStats(id, out var stats) ? stats : default;
        double[]? glicko = null;
        long? glickoAt = null;
        if (Glicko.Contains(id))
        {
            var (g, asOf) = row ? Glicko.Raw(id) : (Glicko.Rating(id), Periods);
            glicko = [g.Rating, g.Deviation, g.Volatility];
            if (row) glickoAt = asOf;
        }
        return new NodeDto
        {
            Id = id, Reward = r.Reward, Responses = r.Responses, Dropped = r.Dropped, PerformanceSum = r.PerformanceSum,
            LastQuality = r.LastQuality, ClaimedModel = r.ClaimedModel, HistoryCount = h.Count, HistoryMean = h.Mean,
            Glicko = glicko, SpotChecks = Check(SpotChecks, id), JudgeChecks = Check(JudgeChecks, id),
            Verification = r.Verification.Tokens == 0 && r.RuleChecks == 0 ? null : new VerificationDto
            {
                Tokens = r.Verification.Tokens, Sum = r.Verification.Sum, LogEValue = r.Verification.LogEValue,
                PeakLogEValue = r.Verification.PeakLogEValue, RuleChecks = r.RuleChecks, RuleFailures = r.RuleFailures, LastRuleFailure = r.LastRuleFailure,
            },
            GlickoAt = glickoAt,
            Elo = row && Elo.Contains(id) ? new EloRowDto { Index = Elo.IndexOf(id), Rating = Elo.Rating(id), Games = Elo.Games(id) } : null,
        };

        static double[]? Check(ClaimedModelHealthCheck check, string id)
        {
            var (sum, squares, count) = check.Export(id);
            return count == 0 ? null : [sum, squares, count];
        }
    }

    private EvaluatorDto EvaluatorDtoOf(string id)
    {
        var e = Evaluators[id];
        return new EvaluatorDto { Id = id, Reward = e.Reward, Scores = e.Scores, Trust = Trust.Has(id) ? Trust.TrustOf(id) : null };
    }
}
