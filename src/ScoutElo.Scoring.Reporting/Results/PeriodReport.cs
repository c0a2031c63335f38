using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One rating period of a network: the rounds it settled and what it paid to whom (<c>GET /v1/periods/{n}</c> of
/// <c>scoutelo serve</c>), serialized by <see cref="ReportJson"/>.</summary>
/// <param name="Period">The period (1 is the first settled; 0 holds an imported state's opening balances).</param>
/// <param name="Periods">Rating periods settled in all.</param>
/// <param name="Rounds">The rounds the period settled, in settlement order (every round has a ledger row per response).</param>
/// <param name="Rows">The period's ledger rows, in settlement order.</param>
/// <param name="Totals">Per recipient (and per withheld budget), what the period paid; <see cref="LedgerTotal.Standing"/> is null
/// (a period is a part of the history).</param>
public sealed record PeriodReport(long Period, long Periods, IReadOnlyList<string> Rounds, IReadOnlyList<LedgerRow> Rows, IReadOnlyList<LedgerTotal> Totals)
{
    /// <summary>The rounds; a read-only copy.</summary>
    public IReadOnlyList<string> Rounds { get; init; } = [.. Rounds];

    /// <summary>The rows; a read-only copy.</summary>
    public IReadOnlyList<LedgerRow> Rows { get; init; } = [.. Rows];

    /// <summary>The totals; a read-only copy.</summary>
    public IReadOnlyList<LedgerTotal> Totals { get; init; } = [.. Totals];

    /// <summary>Reads one period from a network's ledger (one indexed read in the SQLite and PostgreSQL stores).</summary>
    /// <param name="network">The network.</param>
    /// <param name="period">The period, from 0 to <see cref="ScoutNetwork.Periods"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is negative or after the last settled period.</exception>
    public static PeriodReport From(ScoutNetwork network, long period)
    {
        ArgumentNullException.ThrowIfNull(network);
        long periods = network.Periods;
        if (period < 0 || period > periods)
            throw new ArgumentOutOfRangeException(nameof(period), period, $"The network has settled {periods} period(s); ask for one from 1 to {periods} (0: opening balances).");
        var entries = network.Ledger(new LedgerQuery { Period = period });
        List<string> rounds = [.. entries.Select(e => e.RoundId).OfType<string>().Distinct(StringComparer.Ordinal)]; // first-seen order
        var totals = LedgerRows.Sums(entries).Select(p => new LedgerTotal(WireName.Of(p.Key.Party), p.Key.Recipient.Length == 0 ? null : p.Key.Recipient, p.Value, null)).ToList();
        return new PeriodReport(period, periods, rounds, LedgerRows.Of(entries), totals);
    }
}
