using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Reporting.Results;
using ScoutElo.Scoring.Simulation;

namespace ScoutElo.Scoring.Tests.Network;

/// <summary>Issue 39: one period of a network's ledger (GET /v1/periods/{n}) and the engine's activity per period.</summary>
public sealed class PeriodReportTests
{
    private static ScoutNetwork Settled(int seed, int rounds, int period, INetworkStateStore? store = null)
    {
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = period }, store);
        NetworkSimulation.Run(new NetworkSimulationOptions { Scouts = 6, Rounds = rounds, Evaluators = 4, Seed = seed }, traffic: r => network.Submit(r));
        network.Flush();
        return network;
    }

    [Property(MaxTest = 30)]
    public Property The_periods_partition_the_rounds_and_their_payouts_add_up_to_the_standings(PositiveInt seed, PositiveInt size)
    {
        int rounds = 1 + (size.Get % 40), period = 1 + (seed.Get % 7);
        var network = Settled(seed.Get % 1000, rounds, period);
        var reports = Enumerable.Range(1, (int)network.Periods).Select(p => PeriodReport.From(network, p)).ToList();
        var paid = new Dictionary<(string, string?), UInt128>();
        foreach (var t in reports.SelectMany(r => r.Totals)) paid[(t.Party, t.Recipient)] = paid.GetValueOrDefault((t.Party, t.Recipient)) + t.Amount;
        var ledger = LedgerReport.From(network);
        bool sums = ledger.Totals.All(t => paid.GetValueOrDefault((t.Party, t.Recipient)) == t.Standing) && paid.Count == ledger.Totals.Count(t => t.Amount > 0 || paid.ContainsKey((t.Party, t.Recipient)));
        var ids = reports.SelectMany(r => r.Rounds).ToList();
        bool partition = ids.Count == rounds && ids.Distinct(StringComparer.Ordinal).Count() == rounds
            && reports.Take(reports.Count - 1).All(r => r.Rounds.Count == period) && reports.All(r => r.Rows.All(x => x.Period == r.Period));
        bool noStanding = reports.SelectMany(r => r.Totals).All(t => t.Standing is null);
        return (sums && partition && noStanding).Label($"periods {network.Periods}, sums {sums}, partition {partition}");
    }

    [Fact]
    public void A_period_not_settled_is_out_of_range_naming_the_period()
    {
        var network = Settled(3, 10, 5);
        Assert.Equal(2, network.Periods);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => PeriodReport.From(network, 3)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => PeriodReport.From(network, -1)).ParamName);
        Assert.Empty(PeriodReport.From(network, 0).Rows); // no opening balances: the state was not imported
        Assert.Throws<ArgumentNullException>(() => PeriodReport.From(null!, 1));
        Assert.StartsWith("{\"period\":2,\"periods\":2,\"rounds\":[", ReportJson.Serialize(PeriodReport.From(network, 2)), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_period_is_an_activity_with_its_counts_and_a_failed_one_carries_an_error()
    {
        using var source = new ActivitySource("ScoutElo.Tests.Period");
        var seen = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ScoutNetwork.ActivitySourceName || s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (seen) seen.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        var traffic = new List<ObservedRound>(); // generated first: the simulation runs an engine of its own
        NetworkSimulation.Run(new NetworkSimulationOptions { Scouts = 6, Rounds = 20, Evaluators = 4, Seed = 5 }, traffic: traffic.Add);
        ActivityTraceId trace;
        using (var parent = source.StartActivity("test")!) // other tests settle in parallel: ours are the children of this one
        {
            trace = parent.TraceId;
            var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 10 }, new ScoutNetworkTests.FailingStore { Fail = false });
            foreach (var r in traffic) network.Submit(r);
            Assert.Equal(2, network.Periods);
            var refused = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 10 }, new ScoutNetworkTests.FailingStore());
            foreach (var r in traffic.Take(9)) refused.Submit(r);
            Assert.Throws<InvalidOperationException>(() => refused.Submit(traffic[9]));
        }
        List<Activity> periods;
        lock (seen) periods = [.. seen.Where(a => a.TraceId == trace && a.DisplayName == "scoutelo.network.period")];
        Assert.True(periods.Count == 3, string.Join("; ", periods.Select(p => string.Join(",", p.TagObjects.Select(t => t.Key + "=" + t.Value)) + " " + p.Status)));
        Assert.Equal([1L, 2L, 1L], periods.Select(p => (long)p.GetTagItem("scoutelo.period")!));
        Assert.All(periods, p => Assert.Equal(10, p.GetTagItem("scoutelo.rounds")));
        Assert.All(periods, p => Assert.True((int)p.GetTagItem("scoutelo.nodes")! > 0));
        Assert.Equal([ActivityStatusCode.Unset, ActivityStatusCode.Unset, ActivityStatusCode.Error], periods.Select(p => p.Status));
        Assert.Equal(typeof(InvalidOperationException).FullName, periods[2].GetTagItem("error.type"));
    }
}
