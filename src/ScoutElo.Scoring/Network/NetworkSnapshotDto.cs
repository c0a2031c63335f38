using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Network;

/// <summary>The persisted form of a network's state (schema <see cref="NetworkSnapshot.SchemaVersion"/>). Every list is in a
/// defined order (ordinal by id, or Elo index order), so the same state always serializes to the same bytes.</summary>
internal sealed class NetworkSnapshotDto : HeaderDto
{
    // Order 1: after the header's fields (serialized first, as the snapshot always wrote them).
    [JsonPropertyName("nodes"), JsonPropertyOrder(1)] public List<NodeDto> Nodes { get; set; } = [];
    [JsonPropertyName("evaluators"), JsonPropertyOrder(1)] public List<EvaluatorDto> Evaluators { get; set; } = [];
    [JsonPropertyName("elo"), JsonPropertyOrder(1)] public List<EloDto> Elo { get; set; } = [];
    [JsonPropertyName("settledRounds"), JsonPropertyOrder(1)] public List<string>? SettledRounds { get; set; }
    [JsonPropertyName("roundHashes"), JsonPropertyOrder(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<string?>? RoundHashes { get; set; }
}

/// <summary>The header row of a stored state: the snapshot's scalars (its lists are rows of their own), and the first fields of
/// the snapshot itself.</summary>
internal class HeaderDto
{
    [JsonPropertyName("schema")] public int Schema { get; set; }
    [JsonPropertyName("rules")] public string? Rules { get; set; }
    [JsonPropertyName("periods")] public long Periods { get; set; }
    [JsonPropertyName("roundsSettled")] public long RoundsSettled { get; set; }
    [JsonPropertyName("lastRound")] public string? LastRound { get; set; }
    [JsonPropertyName("unallocatedNodeBudget")] public UInt128 UnallocatedNode { get; set; }
    [JsonPropertyName("unallocatedEvaluatorBudget")] public UInt128 UnallocatedEvaluator { get; set; }
}

internal sealed class NodeDto
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("reward")] public UInt128 Reward { get; set; }
    [JsonPropertyName("responses")] public long Responses { get; set; }
    [JsonPropertyName("dropped")] public long Dropped { get; set; }
    [JsonPropertyName("performanceSum")] public double PerformanceSum { get; set; }
    [JsonPropertyName("lastQuality")] public double? LastQuality { get; set; }
    [JsonPropertyName("claimedModel")] public string? ClaimedModel { get; set; }
    [JsonPropertyName("historyCount")] public long HistoryCount { get; set; }
    [JsonPropertyName("historyMean")] public double HistoryMean { get; set; }
    [JsonPropertyName("glicko")] public double[]? Glicko { get; set; }
    [JsonPropertyName("spotChecks")] public double[]? SpotChecks { get; set; }
    [JsonPropertyName("judgeChecks")] public double[]? JudgeChecks { get; set; }
    [JsonPropertyName("verification")] public VerificationDto? Verification { get; set; }

    /// <summary>Rows only: the period the Glicko-2 state is as of (idle periods after it apply when read).</summary>
    [JsonPropertyName("glickoAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? GlickoAt { get; set; }

    /// <summary>Rows only: the node's Elo state (the snapshot keeps it in its own list).</summary>
    [JsonPropertyName("elo"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public EloRowDto? Elo { get; set; }
}

internal sealed class EloRowDto
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("rating")] public double Rating { get; set; }
    [JsonPropertyName("games")] public int Games { get; set; }
}

internal sealed class VerificationDto
{
    [JsonPropertyName("tokens")] public long Tokens { get; set; }
    [JsonPropertyName("sum")] public double Sum { get; set; }
    [JsonPropertyName("logE")] public double LogEValue { get; set; }
    [JsonPropertyName("peakLogE")] public double PeakLogEValue { get; set; }
    [JsonPropertyName("ruleChecks")] public long RuleChecks { get; set; }
    [JsonPropertyName("ruleFailures")] public long RuleFailures { get; set; }
    [JsonPropertyName("lastRuleFailure")] public string? LastRuleFailure { get; set; }
}

internal sealed class EvaluatorDto
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("trust")] public double? Trust { get; set; }
    [JsonPropertyName("reward")] public UInt128 Reward { get; set; }
    [JsonPropertyName("scores")] public long Scores { get; set; }
}

internal sealed class EloDto
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("rating")] public double Rating { get; set; }
    [JsonPropertyName("games")] public int Games { get; set; }
}

[JsonSerializable(typeof(NetworkSnapshotDto))]
[JsonSerializable(typeof(HeaderDto))]
[JsonSerializable(typeof(NodeDto))]
[JsonSerializable(typeof(EvaluatorDto))]
internal sealed partial class NetworkJsonContext : JsonSerializerContext;
