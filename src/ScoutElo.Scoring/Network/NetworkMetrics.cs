using System.Diagnostics.Metrics;

namespace ScoutElo.Scoring.Network;

/// <summary>The engine's meter (<see cref="ScoutNetwork.MeterName"/>): what every <see cref="ScoutNetwork"/> in the process
/// settles, for OpenTelemetry or any <see cref="MeterListener"/>.</summary>
internal static class NetworkMetrics
{
    private static readonly Meter Meter = new(ScoutNetwork.MeterName, "1.0");

    /// <summary>An activity per period settled (<c>scoutelo.network.period</c>: the period, its rounds, nodes and evaluators;
    /// an error status and <c>error.type</c> when it failed). No text of a round is ever a tag.</summary>
    public static readonly System.Diagnostics.ActivitySource Activities = new(ScoutNetwork.ActivitySourceName, "1.0");

    public static readonly Counter<long> RoundsSettled = Meter.CreateCounter<long>("scoutelo.network.rounds.settled", "{round}", "Rounds settled and committed.");

    public static readonly Counter<long> RoundsSkipped = Meter.CreateCounter<long>("scoutelo.network.rounds.skipped", "{round}", "Rounds submitted again with the same content (skipped).");

    public static readonly UpDownCounter<long> RoundsPending = Meter.CreateUpDownCounter<long>("scoutelo.network.rounds.pending", "{round}", "Rounds queued for the current period, not yet committed.");

    public static readonly Counter<long> Periods = Meter.CreateCounter<long>("scoutelo.network.periods.settled", "{period}", "Rating periods settled and committed.");

    public static readonly Counter<long> FailedPeriods = Meter.CreateCounter<long>("scoutelo.network.periods.failed", "{period}", "Settlements that failed (a refused commit, an overflow); the state was reloaded.");

    public static readonly Histogram<double> PeriodDuration = Meter.CreateHistogram<double>("scoutelo.network.period.duration", "s", "Time to settle and commit one period.");

    /// <summary>Base units paid (tag <c>party</c>: node or evaluator); a double, so approximate beyond 2^53 per measurement — the
    /// ledger is exact.</summary>
    public static readonly Counter<double> Paid = Meter.CreateCounter<double>("scoutelo.network.paid", "{base_unit}", "Base units paid to nodes and evaluators.");

    public static readonly Counter<long> HealthFailures = Meter.CreateCounter<long>("scoutelo.network.health.failures", "{response}", "Responses that failed the health check (claimed-model spot checks, judge verdicts or served-model verification) and earned nothing.");

    public static void Settled(IReadOnlyList<PayoutEntry> ledger, int rounds, double seconds)
    {
        RoundsSettled.Add(rounds);
        RoundsPending.Add(-rounds);
        Periods.Add(1);
        PeriodDuration.Record(seconds);
        if (!Paid.Enabled && !HealthFailures.Enabled) return;
        double nodes = 0, evaluators = 0;
        long failed = 0;
        foreach (var e in ledger)
        {
            if (e.Reason == PayoutReason.HealthFailed) failed++;
            if (e.Recipient is null) continue;
            if (e.Party == PayoutParty.Node) nodes += (double)e.Amount;
            else evaluators += (double)e.Amount;
        }
        Paid.Add(nodes, new KeyValuePair<string, object?>("party", "node"));
        Paid.Add(evaluators, new KeyValuePair<string, object?>("party", "evaluator"));
        if (failed > 0) HealthFailures.Add(failed);
    }
}
