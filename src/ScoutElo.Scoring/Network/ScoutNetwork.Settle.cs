using System.Globalization;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.Network;

public sealed partial class ScoutNetwork
{
    /// <summary>Throughput is capped here so a reported latency near 0 cannot dominate OTS (tokens per second).</summary>
    internal const double MaxTokensPerSecond = 10_000;

    /// <summary>Checks a round exactly as <see cref="Submit"/> would (ids, duplicate response ids, scores, spot checks,
    /// verdicts, the metrics the reward rule needs, and a round id queued or settled before with different content) without
    /// queuing it or changing anything: a caller validates a whole input before its first commit, so a bad round at the end
    /// changes nothing.</summary>
    /// <param name="round">The round.</param>
    /// <exception cref="ArgumentNullException"><paramref name="round"/> is null.</exception>
    /// <exception cref="ArgumentException">The round is invalid, or its id names another round (the message names the round
    /// and the field).</exception>
    public void ValidateRound(ObservedRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        lock (_lock)
        {
            if (Known(round, out _)) return; // would be skipped, unread
            Validate(round);
        }
    }

    private void Validate(ObservedRound round)
    {
        const string P = "round";
        if (string.IsNullOrEmpty(round.RoundId)) throw new ArgumentException("Round id must be non-empty.", P);
        // The messages are built only when one is thrown (a period validates every score of every response).
        string R() => $"Round '{round.RoundId}'";
        if (round.Responses.Count == 0) throw new ArgumentException($"{R()}: responses must hold at least one response.", P);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < round.Responses.Count; k++)
        {
            var r = round.Responses[k] ?? throw new ArgumentException($"{R()}: responses[{k}] is null.", P);
            int at = k;
            string F() => $"{R()}: responses[{at}]";
            if (string.IsNullOrEmpty(r.ResponseId)) throw new ArgumentException($"{F()}.responseId must be non-empty.", P);
            if (!ids.Add(r.ResponseId)) throw new ArgumentException($"{F()}.responseId '{r.ResponseId}' is a duplicate response id.", P);
            if (string.IsNullOrEmpty(r.Node)) throw new ArgumentException($"{F()}.node must be non-empty.", P);
            if (!nodes.Add(r.Node)) throw new ArgumentException($"{F()}.node '{r.Node}' answers twice in one round.", P);
            foreach (var (e, v) in r.Scores) if (BadScore(e, v)) throw ScoreError(F(), ".scores", e, v);
            if (!r.Dropped)
            {
                var m = r.Metrics;
                if (m.LatencyMs is null) throw new ArgumentException($"{F()}.metrics.latency_ms is required for an answered response (it decides performance).", P);
                if (m.OutputTokens is null) throw new ArgumentException($"{F()}.metrics.output_tokens is required for an answered response (it decides performance).", P);
                if (m.Uptime is null) throw new ArgumentException($"{F()}.metrics.uptime is required for an answered response (it decides performance).", P);
                if (_options.RewardRule.Kind == NodeRewardKind.CostAware && m.CostUsd is null)
                    throw new ArgumentException($"{F()}.metrics.cost_usd is required by the cost-aware reward rule.", P);
            }
            if (r.SpotCheck is { } sc)
            {
                if (r.Dropped) throw new ArgumentException($"{F()}.spotCheck: a dropped request cannot be spot-checked.", P);
                if (sc.Scores.Count == 0) throw new ArgumentException($"{F()}.spotCheck.scores must hold at least one evaluator's score.", P);
                foreach (var (e, v) in sc.Scores)
                {
                    if (BadScore(e, v)) throw ScoreError(F(), ".spotCheck.scores", e, v);
                    if (!r.Scores.ContainsKey(e))
                        throw new ArgumentException($"{F()}.spotCheck.scores: unknown evaluator '{e}' (a spot check is scored blind by the evaluators that scored the response).", P);
                }
            }
            if (r.Reference is not null && r.Tokens is null) throw new ArgumentException($"{F()}.reference: reference evidence needs the node's token evidence (tokens).", P);
            if (r.Tokens is { } tokens)
            {
                if (r.Dropped) throw new ArgumentException($"{F()}.tokens: a dropped request has no tokens.", P);
                if (Verification.TokenEvidenceCheck.Find(tokens, r.Reference) is { } bad)
                    throw new ArgumentException($"{R()}: responses[{k}] ('{r.ResponseId}').{bad.Field} {bad.Message}", P);
            }
            for (int i = 0; i < r.BaselineVerdicts.Count; i++)
            {
                double v = r.BaselineVerdicts[i];
                if (!double.IsFinite(v) || v is < 0 or > 1) throw new ArgumentException($"{F()}.baselineVerdicts[{i}] = {Show(v)} is outside [0, 1].", P);
                if (r.Dropped) throw new ArgumentException($"{F()}.baselineVerdicts: a dropped request has no answer to judge.", P);
            }
        }

        static bool BadScore(string evaluator, double v) => string.IsNullOrEmpty(evaluator) || !double.IsFinite(v) || v is < 0 or > 1;

        static ArgumentException ScoreError(string where, string field, string evaluator, double v) => string.IsNullOrEmpty(evaluator)
            ? new ArgumentException($"{where}{field}: evaluator ids must be non-empty.", P)
            : new ArgumentException($"{where}{field}['{evaluator}'] = {Show(v)} is outside [0, 1].", P);
    }

    private static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Quarantined trust weights of one panel (evaluators in ordinal order, as <see cref="ObservedResponse.Scores"/> holds them).</summary>
    private void Weights(TrustModel trust, IReadOnlyDictionary<string, double> panel, Span<double> weights)
    {
        int i = 0;
        double max = 0;
        foreach (var e in panel.Keys)
        {
            max = Math.Max(max, weights[i] = trust.TrustOf(e));
            i++;
        }
        for (int j = 0; j < i; j++) if (weights[j] < _options.QuarantineFraction * max) weights[j] = 0;
    }

    /// <summary>The consensus of a panel by the network's <see cref="NetworkOptions.Aggregation"/> rule
    /// (<see cref="ProofOfQuality.Consensus.Aggregate"/>), over the evaluators that survive quarantine, each weighted by its
    /// trust; the quarantined weights of <paramref name="weightsOf"/> (the response's own panel) apply, so a spot check is
    /// weighed exactly like the response it checks. When no weighted evaluator scored the panel (a spot check scored only by
    /// quarantined evaluators, or a zero trust floor), the plain mean of the panel rather than no consensus at all.</summary>
    private double Consensus(TrustModel trust, IReadOnlyDictionary<string, double> panel, IReadOnlyDictionary<string, double>? weightsOf = null)
    {
        var basis = weightsOf ?? panel;
        Span<double> weights = basis.Count <= 64 ? stackalloc double[basis.Count] : new double[basis.Count];
        Span<double> values = basis.Count <= 64 ? stackalloc double[basis.Count] : new double[basis.Count];
        Weights(trust, basis, weights);
        int i = 0, kept = 0;
        foreach (var (e, _) in basis)
        {
            if (weights[i] > 0 && panel.TryGetValue(e, out double v))
            {
                values[kept] = v;
                weights[kept] = weights[i];
                kept++;
            }
            i++;
        }
        if (kept == 0)
        {
            double sum = 0;
            foreach (var v in panel.Values) sum += v;
            return Math.Clamp(sum / panel.Count, 0, 1);
        }
        return Math.Clamp(ProofOfQuality.Consensus.Aggregate(_options.Aggregation, values[..kept], weights[..kept]), 0, 1);
    }

    private PeriodSettlement Settle(NetworkState s, List<ObservedRound> rounds, List<PayoutEntry> ledger)
    {
        var inRound = LearnTrust(s, rounds);
        var ctx = new PeriodContext(s, _options, ledger);
        var results = new List<RoundSettlement>(rounds.Count);
        for (int t = 0; t < rounds.Count; t++)
        {
            results.Add(SettleRound(ctx, rounds[t], inRound[t]));
            s.RoundsSettled++;
            s.LastRound = rounds[t].RoundId;
        }

        // 6. Ratings, once per period.
        s.Glicko.ApplyBatch(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ctx.Matches));
        s.Elo.ApplyBatchTouched(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ctx.Matches)); // O(the period's nodes)
        s.Periods++;
        return new PeriodSettlement(s.Periods, results.AsReadOnly(), ctx.Matches.Count);
    }

    /// <summary>1. In round order: in-round consensus with the trust as of the round, then trust learns from the round (the
    /// rule of <see cref="TrustModel.Update"/>, each evaluator's agreements summed in the same order, without building its
    /// keyed inputs: a period does this for every score).</summary>
    private double?[][] LearnTrust(NetworkState s, List<ObservedRound> rounds)
    {
        var inRound = new double?[rounds.Count][];
        var sums = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        for (int t = 0; t < rounds.Count; t++)
        {
            var round = rounds[t];
            inRound[t] = new double?[round.Responses.Count];
            sums.Clear();
            for (int k = 0; k < round.Responses.Count; k++)
            {
                var r = round.Responses[k];
                if (r.Scores.Count == 0) continue;
                double c = Consensus(s.Trust, r.Scores);
                inRound[t][k] = c;
                Agree(r.Scores, c);
                if (r.SpotCheck is { } sc) Agree(sc.Scores, Consensus(s.Trust, sc.Scores, r.Scores));
            }
            s.Trust.Apply(sums);
        }
        return inRound;

        void Agree(IReadOnlyDictionary<string, double> panel, double consensus)
        {
            foreach (var (e, v) in panel)
            {
                ref var acc = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sums, e, out _);
                acc = (acc.Sum + s.Trust.Agreement(v, consensus), acc.Count + 1);
                s.Evaluator(e).Scores++;
            }
        }
    }

    /// <summary>What the rounds of one period share: the state, the period's matches, the scorer for unscored responses (built
    /// on first use) and the routing weights from the ratings held before the period (they only change at its end).</summary>
    private sealed class PeriodContext(NetworkState state, NetworkOptions options, List<PayoutEntry> ledger)
    {
        private readonly Dictionary<string, double> _routing = new(StringComparer.Ordinal);
        private QualityScorer? _scorer;

        public NetworkState State { get; } = state;

        public List<MatchResult> Matches { get; } = [];

        /// <summary>The period's payout ledger rows.</summary>
        public List<PayoutEntry> Ledger { get; } = ledger;

        /// <summary>The period being settled.</summary>
        public long Period { get; } = state.Periods + 1;

        public QualityScorer Scorer => _scorer ??= options.Scorer?.Invoke(State.History) ?? BuiltInDimensions.CreateScorer(State.History);

        public double RoutingOf(string node)
        {
            if (!options.RatingWeightedRewards) return 1.0;
            if (!_routing.TryGetValue(node, out double w))
            {
                var g = State.Glicko.StateOf(node);
                _routing[node] = w = NodeRewardRule.RoutingWeight(g.Rating, g.Deviation, State.Glicko.Options.InitialRating);
            }
            return w;
        }
    }

    private RoundSettlement SettleRound(PeriodContext ctx, ObservedRound round, double?[] inRound)
    {
        var s = ctx.State;
        int n = round.Responses.Count;
        // 2. Settled consensus with the trust learned by the period's end.
        var settled = new double?[n];
        var performance = new double[n];
        var evaluatorShares = new Dictionary<string, double>(StringComparer.Ordinal); // ordered once, for the split
        for (int k = 0; k < n; k++)
        {
            var r = round.Responses[k];
            if (r.Scores.Count > 0)
            {
                double c = Consensus(s.Trust, r.Scores);
                settled[k] = c;
                foreach (var (e, v) in r.Scores)
                {
                    ref double share = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(evaluatorShares, e, out _);
                    share += s.Trust.Agreement(v, c);
                }
            }
            else if (!r.Dropped)
            {
                settled[k] = ctx.Scorer.Score(InputOf(round, r)).Composite.Value;
            }
            if (!r.Dropped)
            {
                var m = r.Metrics;
                double tps = m.TokensPerSecond is { } x ? Math.Min(x, MaxTokensPerSecond) : MaxTokensPerSecond;
                performance[k] = _performance.Score(m.LatencyMs!.Value, m.Uptime!.Value, tps);
            }
        }
        var verdicts = Verify(s, round);
        var passes = RecordHistoryAndHealth(s, round, settled, performance, verdicts);
        var (nodePayouts, withheldNode) = PayNodes(ctx, round, settled, passes);
        var evaluatorPayouts = Split(_options.EvaluatorBudgetPerRound, new SortedDictionary<string, double>(evaluatorShares, StringComparer.Ordinal), out UInt128 withheldEvaluator);
        s.UnallocatedEvaluator = Money.Add(s.UnallocatedEvaluator, withheldEvaluator, "the withheld evaluator budget");
        foreach (var (id, paid) in evaluatorPayouts) s.Evaluator(id).Reward = Money.Add(s.Evaluator(id).Reward, paid, $"evaluator '{id}'");
        Record(ctx, round, settled, passes, nodePayouts, withheldNode, evaluatorPayouts, withheldEvaluator);
        AddMatches(ctx.Matches, round, settled, performance, passes);
        var responses = new ResponseSettlement[n];
        for (int k = 0; k < n; k++)
        {
            var r = round.Responses[k];
            responses[k] = new ResponseSettlement(r.ResponseId, r.Node, inRound[k], settled[k], performance[k], r.Dropped, passes[k], nodePayouts.GetValueOrDefault(r.Node))
            {
                Verification = verdicts?[k],
            };
        }
        return new RoundSettlement(round.RoundId, responses.AsReadOnly(), nodePayouts, evaluatorPayouts, withheldNode, withheldEvaluator);
    }

    /// <summary>3a. Token evidence, in response order: the node's sequential test, and the rule policy's verdict per response
    /// (null when no response of the round carries evidence or no rule policy is set).</summary>
    private Verification.VerificationVerdict?[]? Verify(NetworkState s, ObservedRound round)
    {
        Verification.VerificationVerdict?[]? verdicts = null;
        var rule = _options.Verification?.RulePolicy;
        for (int k = 0; k < round.Responses.Count; k++)
        {
            var r = round.Responses[k];
            if (r.Tokens is not { } tokens || r.Reference is not { } reference) continue;
            var node = s.Node(r.Node);
            node.Verification = s.Sequential.Accumulate(node.Verification, tokens, reference);
            if (rule is null) continue;
            var verdict = rule is Verification.TokenRulePolicy p ? p.Decide(tokens, reference) : rule.Verify(tokens, reference);
            (verdicts ??= new Verification.VerificationVerdict?[round.Responses.Count])[k] = verdict;
            node.RuleChecks++;
            if (verdict.Outcome == Verification.VerificationOutcome.Fail)
            {
                node.RuleFailures++;
                node.LastRuleFailure = $"{verdict.Policy} on '{r.ResponseId}': {verdict.Reason}";
            }
        }
        return verdicts;
    }

    /// <summary>3. History and health statistics, in response order; which responses pass the health check (a response its rule
    /// policy fails does not).</summary>
    private bool[] RecordHistoryAndHealth(NetworkState s, ObservedRound round, double?[] settled, double[] performance, Verification.VerificationVerdict?[]? verdicts)
    {
        int n = round.Responses.Count;
        for (int k = 0; k < n; k++)
        {
            var r = round.Responses[k];
            var node = s.Node(r.Node);
            node.Responses++;
            if (r.ClaimedModel is not null) node.ClaimedModel = r.ClaimedModel;
            if (r.Dropped)
            {
                node.Dropped++;
                continue;
            }
            if (settled[k] is not { } c) continue;
            s.History.Record(r.Node, c);
            node.LastQuality = c;
            node.PerformanceSum += performance[k];
            if (r.SpotCheck is { } sc) s.SpotChecks.Record(r.Node, c, Consensus(s.Trust, sc.Scores, r.Scores));
            foreach (double v in r.BaselineVerdicts) s.JudgeChecks.Record(r.Node, v, 0.5);
        }
        var passes = new bool[n];
        for (int k = 0; k < n; k++)
        {
            passes[k] = !round.Responses[k].Dropped && settled[k] is not null && s.Health(round.Responses[k].Node) != HealthStatus.Fail
                && verdicts?[k]?.Outcome != Verification.VerificationOutcome.Fail;
        }
        return passes;
    }

    /// <summary>4. Node payouts: shares by the reward rule for the responses that pass, split exactly; withheld when none earns.</summary>
    private (SortedDictionary<string, UInt128> Payouts, UInt128 Withheld) PayNodes(PeriodContext ctx, ObservedRound round, double?[] settled, bool[] passes)
    {
        var s = ctx.State;
        double maxCost = 0;
        foreach (var r in round.Responses) maxCost = Math.Max(maxCost, r.Metrics.CostUsd ?? 0);
        var nodeShares = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (int k = 0; k < round.Responses.Count; k++)
        {
            var r = round.Responses[k];
            double share = 0;
            if (passes[k]) share = _options.RewardRule.Share(settled[k]!.Value, maxCost > 0 ? (r.Metrics.CostUsd ?? 0) / maxCost : 0, true, ctx.RoutingOf(r.Node));
            nodeShares[r.Node] = share;
        }
        var nodePayouts = Split(_options.NodeBudgetPerRound, nodeShares, out UInt128 withheldNode);
        s.UnallocatedNode = Money.Add(s.UnallocatedNode, withheldNode, "the withheld node budget");
        foreach (var (id, paid) in nodePayouts) s.Node(id).Reward = Money.Add(s.Node(id).Reward, paid, $"node '{id}'");
        return (nodePayouts, withheldNode);
    }

    /// <summary>5. Matches: every pair of rated responses; the health check gates the match.</summary>
    private void AddMatches(List<MatchResult> period, ObservedRound round, double?[] settled, double[] performance, bool[] passes)
    {
        int n = round.Responses.Count;
        for (int x = 0; x < n; x++)
        {
            if (settled[x] is not { } qx) continue;
            for (int y = x + 1; y < n; y++)
            {
                if (settled[y] is not { } qy) continue;
                bool px = passes[x], py = passes[y];
                double score = px == py ? _outcome.Decide(performance[x], qx, performance[y], qy) : px ? 1.0 : 0.0;
                period.Add(new MatchResult(round.Responses[x].Node, round.Responses[y].Node, score));
            }
        }
    }

    private static ScoringInput InputOf(ObservedRound round, ObservedResponse r) => new()
    {
        Task = round.Task,
        Query = round.Query,
        Context = round.Context,
        References = round.References,
        Response = r.Response,
        Node = r.Node,
        Metrics = r.Metrics,
    };
}
