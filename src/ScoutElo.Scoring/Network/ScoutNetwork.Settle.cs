using System.Globalization;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.Network;

public sealed partial class ScoutNetwork
{
    /// <summary>Throughput is capped here so a reported latency near 0 cannot dominate OTS (tokens per second).</summary>
    internal const double MaxTokensPerSecond = 10_000;

    /// <summary>The consensus of a panel by the network's <see cref="NetworkOptions.Aggregation"/> rule
    /// (<see cref="ProofOfQuality.Consensus.Aggregate"/>), over the evaluators that survive quarantine, each weighted by its
    /// trust; the quarantined weights of <paramref name="basis"/> (the response's own panel) apply, so a spot check is weighed
    /// exactly like the response it checks. When no weighted evaluator scored the panel (a spot check scored only by
    /// quarantined evaluators, or a zero trust floor), the plain mean of the panel rather than no consensus at all. Panels are
    /// ascending evaluator indices of <see cref="PeriodPanels"/>; <paramref name="trust"/> is indexed the same way.</summary>
    private double Consensus(double[] trust, ReadOnlySpan<int> basis, ReadOnlySpan<int> panel, ReadOnlySpan<double> values)
    {
        int m = basis.Length;
        Span<double> weights = m <= 64 ? stackalloc double[m] : new double[m];
        Span<double> kept = m <= 64 ? stackalloc double[m] : new double[m];
        double max = 0;
        for (int i = 0; i < m; i++) max = Math.Max(max, weights[i] = trust[basis[i]]);
        for (int i = 0; i < m; i++) if (weights[i] < _options.QuarantineFraction * max) weights[i] = 0;
        int count = 0;
        for (int i = 0, j = 0; i < m; i++)
        {
            if (weights[i] <= 0) continue;
            while (j < panel.Length && panel[j] < basis[i]) j++;
            if (j < panel.Length && panel[j] == basis[i])
            {
                kept[count] = values[j];
                weights[count] = weights[i];
                count++;
            }
        }
        if (count == 0)
        {
            double sum = 0;
            foreach (double v in values) sum += v;
            return Math.Clamp(sum / values.Length, 0, 1);
        }
        return Math.Clamp(ProofOfQuality.Consensus.Aggregate(_options.Aggregation, kept[..count], weights[..count]), 0, 1);
    }

    private PeriodSettlement Settle(NetworkState s, List<ObservedRound> rounds, IEnumerable<string> evaluators, List<PayoutEntry> ledger)
    {
        var panels = new PeriodPanels(s, rounds, evaluators);
        var inRound = LearnTrust(s, rounds, panels);
        var ctx = new PeriodContext(s, _options, ledger, panels);
        var results = new List<RoundSettlement>(rounds.Count);
        for (int t = 0; t < rounds.Count; t++)
        {
            results.Add(SettleRound(ctx, t, rounds[t], inRound[t]));
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
    /// rule of <see cref="TrustModel.Update"/>, each evaluator's agreements summed in the same order, on the period's arrays:
    /// a period does this for every score).</summary>
    private double?[][] LearnTrust(NetworkState s, List<ObservedRound> rounds, PeriodPanels panels)
    {
        var inRound = new double?[rounds.Count][];
        var sums = new double[panels.Ids.Length];
        var counts = new int[panels.Ids.Length];
        var stepped = new List<int>();
        for (int t = 0; t < rounds.Count; t++)
        {
            var round = rounds[t];
            inRound[t] = new double?[round.Responses.Count];
            for (int k = 0; k < round.Responses.Count; k++)
            {
                var r = round.Responses[k];
                if (r.Scores.Count == 0) continue;
                var own = panels.Scores(t, k);
                var values = PeriodPanels.Of(r.Scores).ValueSpan;
                double c = Consensus(panels.Trust, own, own, values);
                inRound[t][k] = c;
                Agree(own, values, c);
                if (r.SpotCheck is { } sc)
                {
                    var spot = panels.Spot(t, k)!;
                    var spotValues = PeriodPanels.Of(sc.Scores).ValueSpan;
                    Agree(spot, spotValues, Consensus(panels.Trust, own, spot, spotValues));
                }
            }
            foreach (int e in stepped)
            {
                panels.Learn(e, sums[e] / counts[e], s.Trust.Options);
                sums[e] = 0;
                counts[e] = 0;
            }
            stepped.Clear();
        }
        panels.CommitTrust(s.Trust);
        return inRound;

        void Agree(int[] panel, ReadOnlySpan<double> values, double consensus)
        {
            for (int j = 0; j < panel.Length; j++)
            {
                int e = panel[j];
                if (counts[e]++ == 0) stepped.Add(e);
                sums[e] += s.Trust.Agreement(values[j], consensus);
                panels.Records[e].Scores++;
            }
        }
    }

    /// <summary>What the rounds of one period share: the state, the period's matches, the scorer for unscored responses (built
    /// on first use) and the routing weights from the ratings held before the period (they only change at its end).</summary>
    private sealed class PeriodContext(NetworkState state, NetworkOptions options, List<PayoutEntry> ledger, PeriodPanels panels)
    {
        private readonly Dictionary<string, double> _routing = new(StringComparer.Ordinal);
        private QualityScorer? _scorer;

        public NetworkState State { get; } = state;

        public List<MatchResult> Matches { get; } = [];

        /// <summary>The period's evaluators, interned, with their settled trust.</summary>
        public PeriodPanels Panels { get; } = panels;

        /// <summary>Per evaluator index: its agreement share in the round being settled (cleared after each round).</summary>
        public double[] Shares { get; } = new double[panels.Ids.Length];

        /// <summary>Per evaluator index: whether it scored in the round being settled (cleared after each round).</summary>
        public bool[] Sharing { get; } = new bool[panels.Ids.Length];

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

    private RoundSettlement SettleRound(PeriodContext ctx, int t, ObservedRound round, double?[] inRound)
    {
        var s = ctx.State;
        var panels = ctx.Panels;
        int n = round.Responses.Count;
        // 2. Settled consensus with the trust learned by the period's end.
        var settled = new double?[n];
        var performance = new double[n];
        var paid = new List<int>(); // evaluator indices with a share this round
        for (int k = 0; k < n; k++)
        {
            var r = round.Responses[k];
            if (r.Scores.Count > 0)
            {
                var own = panels.Scores(t, k);
                var values = PeriodPanels.Of(r.Scores).ValueSpan;
                double c = Consensus(panels.Trust, own, own, values);
                settled[k] = c;
                for (int j = 0; j < own.Length; j++)
                {
                    int e = own[j];
                    if (!ctx.Sharing[e])
                    {
                        ctx.Sharing[e] = true;
                        paid.Add(e);
                    }
                    ctx.Shares[e] += s.Trust.Agreement(values[j], c);
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
        var passes = RecordHistoryAndHealth(ctx, t, round, settled, performance, verdicts);
        var (nodePayouts, withheldNode) = PayNodes(ctx, round, settled, passes);
        paid.Sort(); // evaluator indices are ordinal
        var ids = new string[paid.Count];
        var shares = new double[paid.Count];
        for (int i = 0; i < paid.Count; i++)
        {
            ids[i] = panels.Ids[paid[i]];
            shares[i] = ctx.Shares[paid[i]];
            ctx.Shares[paid[i]] = 0;
            ctx.Sharing[paid[i]] = false;
        }
        var evaluatorPayouts = Split(_options.EvaluatorBudgetPerRound, ids, shares, out UInt128 withheldEvaluator);
        s.UnallocatedEvaluator = Money.Add(s.UnallocatedEvaluator, withheldEvaluator, "the withheld evaluator budget");
        var evaluatorPaid = evaluatorPayouts.ValueSpan;
        for (int i = 0; i < evaluatorPaid.Length; i++)
        {
            var record = panels.Records[paid[i]];
            record.Reward = Money.Add(record.Reward, evaluatorPaid[i], $"evaluator '{ids[i]}'");
        }
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
    private bool[] RecordHistoryAndHealth(PeriodContext ctx, int t, ObservedRound round, double?[] settled, double[] performance, Verification.VerificationVerdict?[]? verdicts)
    {
        var s = ctx.State;
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
            if (r.SpotCheck is { } sc)
            {
                var spot = ctx.Panels.Spot(t, k)!;
                s.SpotChecks.Record(r.Node, c, Consensus(ctx.Panels.Trust, ctx.Panels.Scores(t, k), spot, PeriodPanels.Of(sc.Scores).ValueSpan));
            }
            foreach (double v in r.BaselineVerdicts)
            {
                if (_options.CountedVerdict(v) is { } counted) s.JudgeChecks.Record(r.Node, counted, 0.5);
            }
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
    private (OrdinalMap<UInt128> Payouts, UInt128 Withheld) PayNodes(PeriodContext ctx, ObservedRound round, double?[] settled, bool[] passes)
    {
        var s = ctx.State;
        int n = round.Responses.Count;
        double maxCost = 0;
        foreach (var r in round.Responses) maxCost = Math.Max(maxCost, r.Metrics.CostUsd ?? 0);
        var order = new int[n]; // responses by node id, ordinal (a node answers once per round)
        for (int k = 0; k < n; k++) order[k] = k;
        Array.Sort(order, (x, y) => string.CompareOrdinal(round.Responses[x].Node, round.Responses[y].Node));
        var ids = new string[n];
        var shares = new double[n];
        for (int i = 0; i < n; i++)
        {
            int k = order[i];
            var r = round.Responses[k];
            ids[i] = r.Node;
            if (passes[k]) shares[i] = _options.RewardRule.Share(settled[k]!.Value, maxCost > 0 ? (r.Metrics.CostUsd ?? 0) / maxCost : 0, true, ctx.RoutingOf(r.Node));
        }
        var nodePayouts = Split(_options.NodeBudgetPerRound, ids, shares, out UInt128 withheldNode);
        s.UnallocatedNode = Money.Add(s.UnallocatedNode, withheldNode, "the withheld node budget");
        var keys = nodePayouts.KeySpan;
        var amounts = nodePayouts.ValueSpan;
        for (int i = 0; i < keys.Length; i++)
        {
            var node = s.Node(keys[i]);
            node.Reward = Money.Add(node.Reward, amounts[i], $"node '{keys[i]}'");
        }
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
