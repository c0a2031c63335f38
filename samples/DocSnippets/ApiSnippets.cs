using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using ScoutElo.Scoring;
using ScoutElo.Scoring.AI;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Storage.Sqlite;

namespace DocSnippets;

/// <summary>The snippets of docs/api.md, compiled (never run: they read files a reader has).</summary>
internal static class ApiSnippets
{
    public static async Task Evaluator()
    {
        // snippet:begin evaluator
        var evaluator = new QualityEvaluator(CalibrationProfile.Default.CreateScorer()); // an IEvaluator
        var result = await evaluator.EvaluateAsync([new ChatMessage(ChatRole.User, "Who wrote Hamlet?")],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, "William Shakespeare.")),
            additionalContext: [new ScoutEloEvaluationContext(TaskKind.Qa, references: ["William Shakespeare"])]);
        double? composite = result.Get<NumericMetric>(QualityEvaluator.CompositeMetricName).Value;
        // snippet:end
        _ = composite;
    }

    public static void LoggedOutputs()
    {
        // snippet:begin logged-outputs
        foreach (LoggedOutput r in LoggedOutputJsonl.ReadFile("f.jsonl")) { /* streams */ }
        var all = LoggedOutputJsonl.ReadAllFile("f.jsonl", new JsonlReadOptions { SkipInvalidLines = true });
        // snippet:end
        _ = all;
    }

    public static void Imports()
    {
        // snippet:begin imports
        var rows = LoggedOutputImport.ReadFile("ragas.jsonl", LoggedOutputFormat.Ragas,
            fieldMap: new Dictionary<string, string> { ["labels.quality"] = "human_score" },
            onWarning: (code, message) => Console.Error.WriteLine($"{code}: {message}"));
        var battles = MatchLogImport.ReadFile("battles.json", MatchLogFormat.Arena);
        // snippet:end
        _ = (rows, battles);
    }

    public static void Network()
    {
        // snippet:begin network
        using var store = new SqliteNetworkStateStore("network.db");
        var network = new ScoutNetwork(new NetworkOptions { RoundsPerPeriod = 20 }, store);
        foreach (var t in TrafficJsonl.ReadFile("traffic.jsonl")) network.Submit(t.Round);   // settles and commits every 20 rounds
        network.Flush();
        foreach (var n in network.Nodes()) Console.WriteLine($"{n.Node} {n.Rating:0} [{n.Low:0}, {n.High:0}] {n.Reward} {n.Health}");
        // snippet:end
    }
}
