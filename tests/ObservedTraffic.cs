using ScoutElo.Scoring.Network;

namespace ScoutElo.Scoring.Tests;

/// <summary>Small hand-made rounds of observed traffic for the engine's and the stores' tests.</summary>
internal static class ObservedTraffic
{
    internal static ObservedResponse Answer(string id, string node, IReadOnlyDictionary<string, double>? scores = null, double latency = 800) => new()
    {
        ResponseId = id,
        Node = node,
        Response = "Paris is the capital of France.",
        Metrics = new InferenceMetrics { LatencyMs = latency, OutputTokens = 8, Uptime = 0.99, CostUsd = 1e-5 },
        Scores = scores ?? new Dictionary<string, double> { ["e1"] = 0.8, ["e2"] = 0.7 },
    };

    internal static ObservedRound Round(string id, params ObservedResponse[] responses) => new()
    {
        RoundId = id, Task = TaskKind.Qa, Query = "capital of france", References = ["Paris"], Responses = responses,
    };
}
