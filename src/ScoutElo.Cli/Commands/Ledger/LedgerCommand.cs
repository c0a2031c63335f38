using System.CommandLine;
using System.Globalization;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Reporting.Results;
using Spectre.Console;

namespace ScoutElo.Cli.Commands.Ledger;

/// <summary>The ledger verb: what a settled network paid to whom, when and why.</summary>
internal static class LedgerCommand
{
    /// <summary>Rows printed as a table without a filter; beyond it, the totals only (--json has every row).</summary>
    private const int MaxUnfilteredRows = 200;

    internal static Command Create()
    {
        var state = new Option<string>("--state") { Description = "The network's state, written by settle.", Required = true };
        var node = new Option<string?>("--node") { Description = "Only this node's payouts." };
        var evaluator = new Option<string?>("--evaluator") { Description = "Only this evaluator's payouts." };
        var round = new Option<string?>("--round") { Description = "Only this round's payouts." };
        var cmd = new Command("ledger", Cli.Help("Print the payout ledger of a settled network: per round, what each node and evaluator was paid (or why not) and what was withheld, with every recipient's total beside its standing.",
                "scoutelo ledger --state network.db --node scout-3",
                "scoutelo ledger --state network.db --round r-0042",
                "scoutelo ledger --state network.db --json"))
            { state, node, evaluator, round, Cli.Json };
        cmd.SetAction(r => Cli.Run(r, r =>
        {
            string? n = r.GetValue(node), e = r.GetValue(evaluator), id = r.GetValue(round);
            if (n is not null && e is not null) throw new ArgumentException("--evaluator: filter by --node or by --evaluator, not both.");
            foreach (var (flag, v) in new[] { ("--node", n), ("--evaluator", e), ("--round", id) })
                if (v is { Length: 0 }) throw new ArgumentException($"{flag}: must not be empty.");
            using var store = StateFiles.OpenExisting(r.GetValue(state)!);
            var network = new ScoutNetwork(null, store);
            var report = LedgerReport.From(network, n, e, id);
            if (r.GetValue(Cli.Json)) r.Out.WriteLine(ReportJson.Serialize(report));
            else Print(r, report, filtered: n is not null || e is not null || id is not null);
            return report.SumsToStandings == false ? 1 : 0; // a ledger that disagrees with the standings is a corrupt state
        }));
        return cmd;
    }

    private static void Print(CliContext r, LedgerReport report, bool filtered)
    {
        var ci = CultureInfo.InvariantCulture;
        var console = r.Ansi();
        if (filtered || report.Rows.Count <= MaxUnfilteredRows)
        {
            var rows = new Table().Border(TableBorder.Simple).Title($"[bold]Payout ledger[/]: {report.Rows.Count.ToString("N0", ci)} row(s)");
            foreach (var c in new[] { "period", "round", "party", "recipient", "amount", "reason" })
                rows.AddColumn(new TableColumn(c) { Alignment = c is "period" or "amount" ? Justify.Right : Justify.Left });
            foreach (var row in report.Rows)
            {
                rows.AddRow(row.Period.ToString(ci), CliContext.Cell(row.Round ?? "(opening)"), row.Party, CliContext.Cell(row.Recipient ?? "(withheld)"),
                    row.Amount.ToString("N0", ci), row.Reason);
            }
            console.Write(rows);
        }
        else
        {
            console.WriteLine(string.Create(ci, $"{report.Rows.Count:N0} ledger rows; filter with --node, --evaluator or --round to list them, or --json for all."));
        }
        var totals = new Table().Border(TableBorder.Simple).Title("[bold]Totals[/]");
        foreach (var c in new[] { "party", "recipient", "ledger", "standing" })
            totals.AddColumn(new TableColumn(c) { Alignment = c is "ledger" or "standing" ? Justify.Right : Justify.Left });
        foreach (var t in report.Totals)
            totals.AddRow(t.Party, CliContext.Cell(t.Recipient ?? "(withheld)"), t.Amount.ToString("N0", ci), t.Standing?.ToString("N0", ci) ?? "-");
        console.Write(totals);
        console.WriteLine(report.SumsToStandings switch
        {
            true => $"The ledger sums to the standings ({report.TotalRoundsSettled.ToString(ci)} rounds in {report.Periods.ToString(ci)} periods).",
            false => "The ledger does NOT sum to the standings: the state was changed outside the engine.",
            null => "Filtered by round: these rows are a part of each recipient's total.",
        });
    }
}
