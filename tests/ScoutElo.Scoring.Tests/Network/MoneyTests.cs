using System.Globalization;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Tests.PropertyTests;
using static ScoutElo.Scoring.Tests.ObservedTraffic;

namespace ScoutElo.Scoring.Tests.Network;

/// <summary>Issue 34: money cannot wrap. Budgets and totals are UInt128 base units; every round's budget is paid or withheld
/// exactly at any scale, a state holding wei-scale totals loads and keeps settling, and a total that would pass 2^128 − 1
/// refuses the period with nothing committed.</summary>
public sealed class MoneyTests
{
    private static readonly UInt128 TenTo24 = UInt128.Parse("1000000000000000000000000", CultureInfo.InvariantCulture);

    private static ObservedRound Traffic(int i) => Round($"r{i}",
        Answer("a", "n" + (i % 3), new Dictionary<string, double> { ["e1"] = 0.2 + (0.1 * (i % 5)), ["e2"] = 0.7 }),
        Answer("b", "n" + ((i + 1) % 3), new Dictionary<string, double> { ["e1"] = 0.9, ["e2"] = 0.3 + (0.05 * (i % 7)) }));

    [Property(MaxTest = 40)]
    public Property Every_budget_up_to_the_maximum_is_paid_or_withheld_exactly() =>
        Prop.ForAll(Generators.Money.Where(b => b <= UInt128.MaxValue / 64).Shrinking(Generators.ShrinkMoney), budget =>
        {
            var options = new NetworkOptions { RoundsPerPeriod = 4, NodeBudgetPerRound = budget, EvaluatorBudgetPerRound = budget / 10 };
            var network = new ScoutNetwork(options);
            for (int i = 0; i < 10; i++) network.Submit(Traffic(i));
            network.Flush();
            Assert.Equal((BigInteger)budget * 10, (BigInteger)network.Nodes().SumMoney(n => n.Reward) + network.UnallocatedNodeBudget);
            Assert.Equal((BigInteger)(budget / 10) * 10, (BigInteger)network.Evaluators().SumMoney(e => e.Reward) + network.UnallocatedEvaluatorBudget);
        });

    [Fact]
    public void One_ether_per_round_settles_past_the_old_long_ledger_and_the_state_round_trips()
    {
        // 10^18 per round overflowed the long ledger after 15 rounds; 10^24 per round is the bar.
        var options = new NetworkOptions { RoundsPerPeriod = 5, NodeBudgetPerRound = TenTo24, EvaluatorBudgetPerRound = TenTo24 };
        var store = new InMemoryNetworkStateStore();
        var network = new ScoutNetwork(options, store);
        for (int i = 0; i < 40; i++) network.Submit(Traffic(i));
        network.Flush();
        Assert.Equal(TenTo24 * 40, network.Nodes().SumMoney(n => n.Reward) + network.UnallocatedNodeBudget);
        var reloaded = new ScoutNetwork(options, new InMemoryNetworkStateStore(NetworkSnapshot.FromJson(network.ExportSnapshot().ToJson())));
        Assert.Equal(network.Nodes().Select(n => n.Reward), reloaded.Nodes().Select(n => n.Reward));
        Assert.Contains("\"reward\":", network.ExportSnapshot().ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_total_that_would_pass_the_maximum_refuses_the_period_and_commits_nothing()
    {
        // One node answers every round: three rounds of (2^128 − 1)/3 pay it exactly the maximum, the fourth cannot be paid.
        var options = new NetworkOptions { RoundsPerPeriod = 2, NodeBudgetPerRound = UInt128.MaxValue / 3, EvaluatorBudgetPerRound = 0 };
        var store = new InMemoryNetworkStateStore();
        var network = new ScoutNetwork(options, store);
        ObservedRound Solo(int i) => Round($"r{i}", Answer("a", "solo", new Dictionary<string, double> { ["e1"] = 0.8 }));
        network.Submit(Solo(0));
        network.Submit(Solo(1));
        string committed = network.ExportSnapshot().ToJson();
        network.Submit(Solo(2));
        var e = Assert.Throws<OverflowException>(() => network.Submit(Solo(3)));
        Assert.Contains("node 'solo'", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing of it is committed", e.Message, StringComparison.Ordinal);
        Assert.Equal(committed, network.ExportSnapshot().ToJson());
        Assert.Equal(committed, new ScoutNetwork(options, store).ExportSnapshot().ToJson());
        Assert.Equal(1, network.PendingRounds); // the refused round was taken back; the one before it still waits
        Assert.Equal(options.NodeBudgetPerRound * 2, network.Standing("solo").Reward);
    }
}
