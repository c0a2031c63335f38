using System.Text.Json.Nodes;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Reporting.Results;

namespace ScoutElo.Cli.Commands.Serve;

/// <summary>The network's standings as the read endpoints serve them, built once per settled state: the leaderboard report
/// and its JSON, the evaluators' JSON, each node's row. A network of many nodes answers <c>GET /v1/nodes/{id}</c> and the
/// leaderboard without ranking every node on every request; the state changes only when the service settles.</summary>
internal sealed class Standings
{
    private readonly Dictionary<string, SettledNode> _nodes;

    private Standings(ScoutNetwork network)
    {
        Periods = network.Periods;
        RoundsSettled = network.RoundsSettled;
        Report = SettlementReport.From(network, 0, 0);
        LeaderboardJson = ReportJson.Serialize(Report);
        EvaluatorsJson = JsonNode.Parse(LeaderboardJson)!["evaluators"]!.ToJsonString(); // the report's own words for them
        _nodes = Report.Nodes.ToDictionary(n => n.Node, StringComparer.Ordinal);
    }

    /// <summary>The settled periods of the state these standings are of.</summary>
    public long Periods { get; }

    /// <summary>The settled rounds of the state these standings are of.</summary>
    public long RoundsSettled { get; }

    /// <summary>The leaderboard report (no rounds settled or skipped: it is of a state, not of a run).</summary>
    public SettlementReport Report { get; }

    /// <summary><c>scoutelo leaderboard --json</c>'s line.</summary>
    public string LeaderboardJson { get; }

    /// <summary>The evaluators, as in the leaderboard.</summary>
    public string EvaluatorsJson { get; }

    /// <summary>A node's leaderboard row (its rank included), or null.</summary>
    /// <param name="node">The node's id.</param>
    /// <returns>The row, or null for a node the network does not know.</returns>
    public SettledNode? Node(string node) => _nodes.GetValueOrDefault(node);

    /// <summary>These standings if they are of the network's current state, else new ones.</summary>
    /// <param name="current">The standings built last, or null.</param>
    /// <param name="network">The network (read under the service's lock).</param>
    /// <returns>Standings of the network's current state.</returns>
    public static Standings Of(Standings? current, ScoutNetwork network) =>
        current is not null && current.Periods == network.Periods && current.RoundsSettled == network.RoundsSettled ? current : new Standings(network);
}
