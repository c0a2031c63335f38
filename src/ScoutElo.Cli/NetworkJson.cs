using System.Text;
using System.Text.Json;
using ScoutElo.Scoring.Network;

namespace ScoutElo.Cli;

/// <summary>The JSON of <c>scoutelo settle --json</c> and <c>leaderboard --json</c> (also printed by the Orleans fleet host,
/// which links this file): this run's round counts, then the cumulative state.</summary>
internal static class NetworkJson
{
    /// <summary>The JSON (and report) spelling of a health verdict.</summary>
    public static string HealthName(HealthStatus health) => health switch { HealthStatus.Pass => "pass", HealthStatus.Fail => "fail", _ => "unknown" };

    public static string Write(ScoutNetwork network, long settled, long skipped)
    {
        var snapshot = network.Snapshot;
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteNumber("roundsSettled", settled);
            w.WriteNumber("roundsSkipped", skipped);
            w.WriteNumber("unallocated", network.UnallocatedNodeBudget);
            w.WriteNumber("unallocatedEvaluatorBudget", network.UnallocatedEvaluatorBudget);
            w.WriteNumber("periods", snapshot.Periods);
            w.WriteNumber("totalRoundsSettled", snapshot.RoundsSettled);
            if (snapshot.LastSettledRound is { } last) w.WriteString("lastRound", last);
            else w.WriteNull("lastRound");
            w.WriteStartArray("nodes");
            int rank = 1;
            foreach (var n in network.Nodes())
            {
                w.WriteStartObject();
                w.WriteNumber("rank", rank++);
                w.WriteString("node", n.Node);
                w.WriteNumber("rating", n.Rating);
                w.WriteNumber("low", n.Low);
                w.WriteNumber("high", n.High);
                w.WriteNumber("deviation", n.Deviation);
                w.WriteNumber("volatility", n.Volatility);
                w.WriteNumber("elo", n.Elo);
                w.WriteNumber("reward", n.Reward);
                w.WriteNumber("responses", n.Responses);
                w.WriteNumber("dropped", n.Dropped);
                w.WriteNumber("meanQuality", n.MeanQuality);
                w.WriteNumber("meanPerformance", n.MeanPerformance);
                w.WriteString("healthCheck", HealthName(n.Health));
                if (n.ClaimedModel is { } m) w.WriteString("claimedModel", m);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("evaluators");
            foreach (var e in network.Evaluators())
            {
                w.WriteStartObject();
                w.WriteString("evaluator", e.Evaluator);
                w.WriteNumber("trust", e.Trust);
                w.WriteNumber("reward", e.Reward);
                w.WriteNumber("scores", e.Scores);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }
}
