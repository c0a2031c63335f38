using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Simulation;
using ScoutElo.Scoring.Tests.PropertyTests;

namespace ScoutElo.Scoring.Tests.Network;

/// <summary>Issue 20: the network engine settles observed traffic deterministically, idempotently, all-or-nothing and
/// durably; the simulation is only its traffic generator.</summary>
public sealed class ScoutNetworkTests
{
    private static readonly NetworkSimulationOptions Small = new() { Scouts = 8, Rounds = 130, Evaluators = 5, Seed = 4 };

    private static List<ObservedRound> Traffic(NetworkSimulationOptions o, out NetworkSimulationResult result)
    {
        var rounds = new List<ObservedRound>();
        result = NetworkSimulation.Run(o, traffic: rounds.Add);
        return rounds;
    }

    private static ScoutNetwork SettleAll(IEnumerable<ObservedRound> rounds, NetworkOptions options, INetworkStateStore? store = null)
    {
        var network = new ScoutNetwork(options, store);
        foreach (var r in rounds) network.Submit(r);
        network.Flush();
        return network;
    }

    internal static ObservedResponse Answer(string id, string node, IReadOnlyDictionary<string, double>? scores = null, double latency = 800) =>
        ObservedTraffic.Answer(id, node, scores, latency);

    internal static ObservedRound Round(string id, params ObservedResponse[] responses) => ObservedTraffic.Round(id, responses);

    [Theory]
    [InlineData(ScoutElo.Scoring.ProofOfQuality.AggregationRule.TrustWeightedMean, 0.4)]
    [InlineData(ScoutElo.Scoring.ProofOfQuality.AggregationRule.Mean, 0.4)]
    [InlineData(ScoutElo.Scoring.ProofOfQuality.AggregationRule.Median, 0.2)]
    [InlineData(ScoutElo.Scoring.ProofOfQuality.AggregationRule.WeightedMedian, 0.2)]
    public void The_network_settles_consensus_by_its_aggregation_rule(ScoutElo.Scoring.ProofOfQuality.AggregationRule rule, double expected)
    {
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1, Aggregation = rule });
        var receipt = network.Submit(Round("r1", Answer("x", "n1", new Dictionary<string, double> { ["e1"] = 0.1, ["e2"] = 0.2, ["e3"] = 0.9 })));
        var response = Assert.Single(receipt.Settlement!.Rounds.Single().Responses);
        Assert.Equal(expected, response.InRoundConsensus!.Value, 12); // in-round: every trust still neutral
    }

    [Fact]
    public void A_non_default_aggregation_rule_is_part_of_the_rules_a_state_remembers() =>
        Assert.NotEqual(new NetworkOptions().DescribeRules(), new NetworkOptions { Aggregation = ScoutElo.Scoring.ProofOfQuality.AggregationRule.Median }.DescribeRules());

    [Fact]
    public void Standing_of_a_node_that_never_served_throws_and_a_newcomer_starts_at_the_initial_ratings_with_health_unknown()
    {
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 });
        network.Submit(Round("r1", Answer("x", "n1")));
        Assert.Throws<KeyNotFoundException>(() => network.Standing("ghost"));
        Assert.False(network.TryGetNode("ghost", out _));
        var newcomer = network.NewcomerStanding("ghost");
        Assert.Equal(("ghost", UInt128.Zero, 0L, HealthStatus.Unknown), (newcomer.Node, newcomer.Reward, newcomer.Responses, newcomer.Health));
        Assert.Equal(new ScoutElo.Scoring.Ranking.Glicko2Options().InitialRating, newcomer.Rating);
        Assert.Equal("n1", network.Standing("n1").Node);
    }

    [Fact]
    public void Traffic_written_as_jsonl_and_settled_again_reproduces_the_simulation_exactly()
    {
        var rounds = Traffic(Small, out var sim);
        var text = new StringWriter();
        foreach (var r in rounds) TrafficJsonl.Write(text, r);
        var read = TrafficJsonl.Read(new StringReader(text.ToString())).Select(t => t.Round).ToList();
        Assert.Equal(rounds.Count, read.Count);
        var network = SettleAll(read, NetworkSimulation.EngineOptions(Small));
        var nodes = network.Nodes().ToDictionary(n => n.Node);
        foreach (var e in sim.Leaderboard)
        {
            Assert.Equal(e.Reward, nodes[e.Node].Reward);
            Assert.Equal(e.Rating, nodes[e.Node].Rating, 1e-9);
            Assert.Equal(e.Elo, nodes[e.Node].Elo, 1e-9);
        }
        Assert.Equal(sim.UnallocatedNodeBudget, network.UnallocatedNodeBudget);
        Assert.Equal(sim.EvaluatorRewards, [.. network.Evaluators().Select(e => e.Reward)]);
    }

    [Fact]
    public void The_same_rounds_give_byte_identical_state_whatever_the_parallelism_of_the_host()
    {
        var rounds = Traffic(Small, out _);
        string reference = SettleAll(rounds, NetworkSimulation.EngineOptions(Small)).ExportSnapshot().ToJson();
        var parallel = new string[4];
        Parallel.For(0, parallel.Length, i => parallel[i] = SettleAll(rounds, NetworkSimulation.EngineOptions(Small)).ExportSnapshot().ToJson());
        Assert.All(parallel, p => Assert.Equal(reference, p));
    }

    [Fact]
    public void A_round_settled_before_is_skipped_and_never_paid_twice()
    {
        var rounds = Traffic(Small, out _);
        var store = new InMemoryNetworkStateStore();
        var network = SettleAll(rounds, NetworkSimulation.EngineOptions(Small), store);
        string before = network.ExportSnapshot().ToJson();
        Assert.All(rounds, r => Assert.False(network.Submit(r).Accepted));
        Assert.Null(network.Flush());
        Assert.Equal(before, network.ExportSnapshot().ToJson());
        // A new engine on the same store knows them too.
        var resumed = new ScoutNetwork(NetworkSimulation.EngineOptions(Small), store);
        Assert.All(rounds, r => Assert.False(resumed.Submit(r).Accepted));
        Assert.Equal(before, resumed.ExportSnapshot().ToJson());
    }

    [Property(MaxTest = 20)]
    public Property A_process_killed_after_any_round_resumes_to_the_uninterrupted_state(PositiveInt killAfter)
    {
        var rounds = Traffic(Small with { Rounds = 70 }, out _);
        var options = NetworkSimulation.EngineOptions(Small) with { RoundsPerPeriod = 7 };
        string uninterrupted = SettleAll(rounds, options).ExportSnapshot().ToJson();
        int k = killAfter.Get % rounds.Count;
        var store = new InMemoryNetworkStateStore();
        var first = new ScoutNetwork(options, store);
        foreach (var r in rounds.Take(k)) first.Submit(r); // then the process dies: its queued rounds are lost, the store keeps the committed periods
        var resumed = SettleAll(rounds, options, store);
        return (resumed.ExportSnapshot().ToJson() == uninterrupted).Label($"killed after {k} rounds");
    }

    [Fact]
    public void Snapshots_round_trip_exactly_and_a_restored_engine_continues_identically()
    {
        var rounds = Traffic(Small, out _);
        var options = NetworkSimulation.EngineOptions(Small);
        var half = SettleAll(rounds.Take(60), options);
        string json = half.ExportSnapshot().ToJson();
        Assert.Equal(json, NetworkSnapshot.FromJson(json).ToJson());
        string withoutRounds = half.ExportSnapshot().ToJson(includeSettledRounds: false);
        var given = NetworkSnapshot.FromJson(withoutRounds, half.ExportSnapshot().SettledRounds); // ids given apart carry no content hashes
        Assert.Equal(withoutRounds, given.ToJson(includeSettledRounds: false));
        Assert.Equal(half.ExportSnapshot().SettledRounds, given.SettledRounds);

        var store = new InMemoryNetworkStateStore(NetworkSnapshot.FromJson(json));
        var restored = new ScoutNetwork(options, store);
        foreach (var r in rounds.Skip(60)) { half.Submit(r); restored.Submit(r); }
        half.Flush();
        restored.Flush();
        Assert.Equal(half.ExportSnapshot().ToJson(), restored.ExportSnapshot().ToJson());
    }

    [Theory]
    [InlineData("{\"schema\":4,\"periods\":0,\"roundsSettled\":0}", "schema 4")]
    [InlineData("{\"schema\":2,\"periods\":1,\"roundsSettled\":1,\"settledRounds\":[\"a\"],\"roundHashes\":[null]}", "schema 2 holds round hashes")]
    [InlineData("{\"schema\":3,\"periods\":1,\"roundsSettled\":1,\"settledRounds\":[\"a\"],\"roundHashes\":[\"AB\"]}", "64 lower-case hex")]
    [InlineData("{\"schema\":3,\"periods\":1,\"roundsSettled\":1,\"settledRounds\":[\"a\"],\"roundHashes\":[]}", "0 round hashes")]
    [InlineData("{\"schema\":3,\"periods\":1,\"roundsSettled\":0,\"nodes\":[{\"id\":\"n\",\"glickoAt\":0}]}", "fields of a stored row")]
    [InlineData("{\"schema\":1,\"periods\":0,\"roundsSettled\":0,\"nodes\":[{\"id\":\"n\",\"verification\":{\"tokens\":1}}]}", "schema 1 holds verification")]
    [InlineData("{\"schema\":2,\"periods\":0,\"roundsSettled\":0,\"nodes\":[{\"id\":\"n\",\"verification\":{\"tokens\":2,\"sum\":5}}]}", "malformed verification")]
    [InlineData("{\"schema\":1,\"periods\":1,\"roundsSettled\":2,\"settledRounds\":[\"a\"]}", "lists 1 round ids")]
    [InlineData("{\"schema\":1,\"periods\":1,\"roundsSettled\":0,\"nodes\":[{\"id\":\"n\",\"reward\":-5}]}", "$.nodes[0].reward")]
    [InlineData("{\"schema\":1,\"periods\":1,\"roundsSettled\":0,\"evaluators\":[{\"id\":\"e\",\"trust\":7}]}", "Invalid trust")]
    [InlineData("not json", "not valid JSON")]
    public void A_corrupt_snapshot_is_rejected_with_the_reason(string json, string reason) =>
        Assert.Contains(reason, Assert.ThrowsAny<FormatException>(() => NetworkSnapshot.FromJson(json)).Message, StringComparison.Ordinal);

    public static TheoryData<string, ObservedRound> BadRounds()
    {
        var ok = Answer("a", "n1");
        return new()
        {
            { "duplicate response id", Round("r", ok, ok with { Node = "n2" }) },
            { "outside [0, 1]", Round("r", ok with { Scores = new Dictionary<string, double> { ["e1"] = 1.3 } }) },
            { "outside [0, 1]", Round("r", ok with { Scores = new Dictionary<string, double> { ["e1"] = double.NaN } }) },
            { "unknown evaluator 'e9'", Round("r", ok with { SpotCheck = new SpotCheck { Scores = new Dictionary<string, double> { ["e9"] = 0.5 } } }) },
            { "latency_ms is required", Round("r", ok with { Metrics = new InferenceMetrics { OutputTokens = 3, Uptime = 1 } }) },
            { "answers twice", Round("r", ok, ok with { ResponseId = "b" }) },
            { "baselineVerdicts[0]", Round("r", ok with { BaselineVerdicts = [2.0] }) },
            { "at least one response", Round("r") },
        };
    }

    [Theory]
    [MemberData(nameof(BadRounds))]
    public void Bad_input_names_the_round_and_the_field_and_changes_nothing(string expected, ObservedRound bad)
    {
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 2 });
        network.Submit(Round("first", Answer("a", "n1"), Answer("b", "n2")));
        network.Submit(Round("second", Answer("a", "n1")));
        string before = network.ExportSnapshot().ToJson();
        var e = Assert.ThrowsAny<ArgumentException>(() => network.Submit(bad));
        Assert.Equal("round", e.ParamName);
        Assert.Contains("Round 'r'", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, network.ExportSnapshot().ToJson());
        Assert.Equal(0, network.PendingRounds);
        Assert.False(network.Contains("r"));
    }

    /// <summary>An in-memory store whose commits fail ("disk full") while <see cref="Fail"/>.</summary>
    internal sealed class FailingStore : INetworkStateStore
    {
        public bool Fail { get; set; } = true;
        public InMemoryNetworkStateStore Inner { get; } = new();
        public NetworkStoredState? Load() => Inner.Load();
        public void Commit(NetworkChangeSet changes)
        {
            if (Fail) throw new InvalidOperationException("disk full");
            Inner.Commit(changes);
        }
        public SettledRound? FindRound(string roundId) => Inner.FindRound(roundId);
        public IEnumerable<SettledRound> ReadRounds() => Inner.ReadRounds();
        public IReadOnlyList<PayoutEntry> ReadLedger(LedgerQuery? query = null) => Inner.ReadLedger(query);
    }

    [Fact]
    public void A_failed_commit_leaves_the_engine_exactly_as_before_the_call()
    {
        var store = new FailingStore();
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 2 }, store);
        network.Submit(Round("r1", Answer("a", "n1"), Answer("b", "n2")));
        string before = network.ExportSnapshot().ToJson();
        Assert.Throws<InvalidOperationException>(() => network.Submit(Round("r2", Answer("a", "n1"), Answer("b", "n2"))));
        Assert.Equal(before, network.ExportSnapshot().ToJson());
        Assert.Equal(1, network.PendingRounds);
        Assert.False(network.Contains("r2"));
        Assert.Empty(network.Nodes());
        store.Fail = false;
        Assert.NotNull(network.Submit(Round("r2", Answer("a", "n1"), Answer("b", "n2"))).Settlement);
        Assert.Equal(2, network.Nodes().Count);
    }

    [Fact]
    public void A_failed_commit_takes_back_a_round_whose_responses_were_listed_out_of_id_order()
    {
        // The engine queues the round sorted by response id: the rollback must take back that copy.
        var store = new FailingStore();
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 2 }, store);
        network.Submit(Round("r1", Answer("b", "n2"), Answer("a", "n1")));
        Assert.Throws<InvalidOperationException>(() => network.Submit(Round("r2", Answer("b", "n2"), Answer("a", "n1"))));
        Assert.Equal(1, network.PendingRounds);
        Assert.False(network.Contains("r2"));
        store.Fail = false;
        Assert.NotNull(network.Submit(Round("r2", Answer("b", "n2"), Answer("a", "n1"))).Settlement);
    }

    private static readonly Gen<ObservedRound> RandomRound =
        from n in Gen.Choose(1, 5)
        from scored in Gen.Choose(0, 3).ArrayOf(n)
        from quality in Generators.UnitDouble.ArrayOf(n)
        from dropped in Gen.Elements(false, false, false, true).ArrayOf(n)
        select Round("r", [.. Enumerable.Range(0, n).Select(k => dropped[k]
            ? new ObservedResponse { ResponseId = $"x{k}", Node = $"n{k}", Scores = Panel(scored[k], quality[k]) }
            : Answer($"x{k}", $"n{k}", Panel(scored[k], quality[k]), 100 + (100 * k)))]);

    private static Dictionary<string, double> Panel(int evaluators, double q) =>
        Enumerable.Range(0, evaluators).ToDictionary(e => $"e{e}", e => Math.Clamp(q + (0.05 * e), 0, 1));

    [Property(MaxTest = 60)]
    public Property Every_round_pays_or_withholds_exactly_its_budgets() =>
        Prop.ForAll(RandomRound.ListOf().Select(l => l.Take(12).Select((r, i) => r with { RoundId = $"r{i}" }).ToList()).ToArbitrary(), rounds =>
        {
            var options = new NetworkOptions { RoundsPerPeriod = 3, NodeBudgetPerRound = 1_000_003, EvaluatorBudgetPerRound = 997 };
            var network = new ScoutNetwork(options);
            var settled = new List<RoundSettlement>();
            foreach (var r in rounds) if (network.Submit(r).Settlement is { } p) settled.AddRange(p.Rounds);
            if (network.Flush() is { } last) settled.AddRange(last.Rounds);
            Assert.Equal(rounds.Count, settled.Count);
            foreach (var s in settled)
            {
                Assert.Equal(options.NodeBudgetPerRound, s.NodePayouts.Values.SumMoney() + s.WithheldNodeBudget);
                Assert.Equal(options.EvaluatorBudgetPerRound, s.EvaluatorPayouts.Values.SumMoney() + s.WithheldEvaluatorBudget);
                Assert.All(s.Responses.Where(x => x.Dropped || x.Quality is null), x => Assert.Equal(UInt128.Zero, x.Reward));
            }
            Assert.Equal((uint)rounds.Count * options.NodeBudgetPerRound, network.Nodes().SumMoney(n => n.Reward) + network.UnallocatedNodeBudget);
            Assert.Equal((uint)rounds.Count * options.EvaluatorBudgetPerRound, network.Evaluators().SumMoney(e => e.Reward) + network.UnallocatedEvaluatorBudget);
        });

    [Property(MaxTest = 60)]
    public Property The_payout_ledger_sums_to_the_standings_and_has_one_node_row_per_response() =>
        Prop.ForAll(RandomRound.ListOf().Select(l => l.Take(12).Select((r, i) => r with { RoundId = $"r{i}" }).ToList()).ToArbitrary(), rounds =>
        {
            var options = new NetworkOptions { RoundsPerPeriod = 3, NodeBudgetPerRound = 1_000_003, EvaluatorBudgetPerRound = 997 };
            var network = new ScoutNetwork(options);
            foreach (var r in rounds) network.Submit(r with { Responses = [.. r.Responses.Select((x, k) => k == 0 && !x.Dropped ? x with { BaselineVerdicts = [0, 0, 0, 0] } : x)] });
            network.Flush();
            var ledger = network.Ledger();
            Assert.True(LedgerAssert.Holds(network, ledger, out string why), why);
            foreach (var r in rounds)
            {
                var rows = network.Ledger(new LedgerQuery { RoundId = r.RoundId });
                Assert.Equal(r.Responses.Select(x => x.Node), rows.Where(e => e.Party == PayoutParty.Node && e.Recipient is not null).Select(e => e.Recipient));
                Assert.Equal(options.NodeBudgetPerRound, rows.Where(e => e.Party == PayoutParty.Node).SumMoney(e => e.Amount));
                Assert.Equal(options.EvaluatorBudgetPerRound, rows.Where(e => e.Party == PayoutParty.Evaluator).SumMoney(e => e.Amount));
                Assert.All(rows.Where(e => e.Reason is PayoutReason.Dropped or PayoutReason.Unrated or PayoutReason.HealthFailed), e => Assert.Equal(UInt128.Zero, e.Amount));
            }
        });

    [Fact]
    public void A_node_failing_its_health_check_gets_a_health_failed_row()
    {
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 });
        for (int i = 0; i < 9; i++)
            network.Submit(Round($"r{i}", Answer("a", "loser") with { BaselineVerdicts = [0.0] }, Answer("b", "peer") with { BaselineVerdicts = [0.5, 1.0] }));
        var last = network.Ledger(new LedgerQuery { RoundId = "r8", Recipient = "loser" });
        Assert.Equal(PayoutReason.HealthFailed, Assert.Single(last).Reason);
        Assert.Equal(PayoutReason.Share, Assert.Single(network.Ledger(new LedgerQuery { RoundId = "r8", Recipient = "peer" })).Reason);
    }

    [Fact]
    public void Responses_nobody_scored_are_scored_by_the_engine()
    {
        var none = new Dictionary<string, double>();
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 });
        var settlement = network.Submit(Round("r", Answer("a", "n1", none), Answer("b", "n2", none) with { Response = "I don't know." })).Settlement!;
        var responses = settlement.Rounds[0].Responses;
        Assert.All(responses, r => Assert.NotNull(r.Quality));
        Assert.True(responses[0].Quality > responses[1].Quality);
        Assert.True(responses[0].Reward > responses[1].Reward);
        Assert.Equal((UInt128)100_000, settlement.Rounds[0].WithheldEvaluatorBudget); // nobody to pay for agreement
    }

    [Fact]
    public void Judge_verdicts_against_the_baseline_fail_a_node_that_keeps_losing_and_it_stops_being_paid()
    {
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 });
        Assert.Empty(network.Nodes());
        for (int i = 0; i < 8; i++)
        {
            network.Submit(Round($"r{i}", Answer("a", "loser") with { BaselineVerdicts = [0.0] }, Answer("b", "peer") with { BaselineVerdicts = [0.5, 1.0] }));
        }
        Assert.True(network.TryGetNode("loser", out var loser));
        Assert.True(network.TryGetNode("peer", out var peer));
        Assert.Equal(HealthStatus.Fail, loser.Health);
        Assert.Equal(HealthStatus.Pass, peer.Health);
        UInt128 paid = loser.Reward;
        var s = network.Submit(Round("r9", Answer("a", "loser") with { BaselineVerdicts = [0.0] }, Answer("b", "peer"))).Settlement!;
        Assert.Equal(UInt128.Zero, s.Rounds[0].Responses[0].Reward);
        Assert.True(network.TryGetNode("loser", out loser));
        Assert.Equal(paid, loser.Reward);
        Assert.True(loser.Rating < peer.Rating);
        var fresh = new ScoutNetwork();
        fresh.Submit(Round("r", Answer("a", "new")));
        fresh.Flush();
        Assert.True(fresh.TryGetNode("new", out var unknown));
        Assert.Equal(HealthStatus.Unknown, unknown.Health);
    }

    [Fact]
    public void Options_out_of_range_throw_naming_options()
    {
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 0 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new ScoutNetwork(new NetworkOptions { QuarantineFraction = double.NaN })).ParamName);
    }

    [Fact]
    public void The_cost_aware_rule_needs_costs()
    {
        var network = new ScoutNetwork(new NetworkOptions { RewardRule = Scoring.ProofOfQuality.NodeRewardRule.CostAware(1, 0.1) });
        var e = Assert.Throws<ArgumentException>(() => network.Submit(Round("r", Answer("a", "n") with { Metrics = new InferenceMetrics { LatencyMs = 1, OutputTokens = 1, Uptime = 1 } })));
        Assert.Contains("cost_usd", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spot_check_scored_only_by_quarantined_evaluators_still_has_a_finite_consensus()
    {
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1, Trust = new Scoring.ProofOfQuality.TrustOptions { Floor = 0, Initial = 0 } });
        var panel = new Dictionary<string, double> { ["e1"] = 0.8, ["e2"] = 0.2 };
        var checkedAnswer = Answer("a", "n1", panel) with { SpotCheck = new SpotCheck { Scores = new Dictionary<string, double> { ["e2"] = 0.3 } } };
        var s = network.Submit(Round("r", checkedAnswer, Answer("b", "n2", panel))).Settlement!;
        Assert.All(s.Rounds[0].Responses, r => Assert.True(r.Quality is { } q && double.IsFinite(q)));
        Assert.Equal((UInt128)1_000_000, s.Rounds[0].NodePayouts.Values.SumMoney());
    }

    [Fact]
    public void A_state_settled_under_other_rules_is_not_settled_further_but_can_still_be_read()
    {
        var store = new InMemoryNetworkStateStore();
        var first = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, store);
        first.Submit(Round("r1", Answer("a", "n1"), Answer("b", "n2")));
        Assert.Contains("period=1;", first.SettledRules, StringComparison.Ordinal);
        string before = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, store).ExportSnapshot().ToJson();
        var other = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 5 }, store);
        Assert.Equal(2, other.Nodes().Count); // reading is fine
        var e = Assert.Throws<InvalidOperationException>(() => other.Submit(Round("r2", Answer("a", "n1"))));
        Assert.Contains("period=1;", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 1 }, store).ExportSnapshot().ToJson());
        Assert.False(other.Contains("r2"));
        Assert.False(other.Submit(Round("r1", Answer("a", "n1"), Answer("b", "n2"))).Accepted); // a settled round is still skipped
    }

    [Property(MaxTest = 40)]
    public Property A_rounds_content_hash_does_not_depend_on_the_order_of_its_responses(PositiveInt seed)
    {
        var rounds = Traffic(Small with { Rounds = 12, Seed = seed.Get % 1000 }, out _);
        var rng = new Random(seed.Get);
        return rounds.All(r =>
        {
            var shuffled = r with { Responses = [.. r.Responses.OrderBy(_ => rng.Next())] };
            var changed = r with { Responses = [.. r.Responses.Skip(1)] };
            return shuffled.ContentHash() == r.ContentHash() && (r.Responses.Count < 2 || changed.ContentHash() != r.ContentHash());
        }).ToProperty();
    }

    [Fact]
    public void The_same_round_listed_in_another_order_is_skipped_and_a_changed_one_refused()
    {
        var rounds = Traffic(Small with { Rounds = 25 }, out _);
        var store = new InMemoryNetworkStateStore();
        var network = SettleAll(rounds, new NetworkOptions { RoundsPerPeriod = 5 }, store);
        var reversed = rounds[3] with { Responses = [.. rounds[3].Responses.Reverse()] };
        Assert.False(network.Submit(reversed).Accepted); // the same round, its responses listed in another order
        var other = rounds[3] with { Query = rounds[3].Query + " (edited)" };
        Assert.Throws<ArgumentException>(() => network.Submit(other));
    }
}
