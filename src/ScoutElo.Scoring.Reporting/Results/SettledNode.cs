using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One node of a <see cref="SettlementReport"/>.</summary>
/// <param name="Rank">Its place on the leaderboard (1-based).</param>
/// <param name="Node">The node id.</param>
/// <param name="Rating">Glicko-2 rating.</param>
/// <param name="Low">Rating − 1.96 deviations.</param>
/// <param name="High">Rating + 1.96 deviations.</param>
/// <param name="Deviation">Glicko-2 rating deviation.</param>
/// <param name="Volatility">Glicko-2 volatility.</param>
/// <param name="Elo">Elo rating.</param>
/// <param name="Reward">Cumulative reward in base units.</param>
/// <param name="Responses">Responses settled.</param>
/// <param name="Dropped">Requests dropped.</param>
/// <param name="MeanQuality">Mean settled quality.</param>
/// <param name="MeanPerformance">Mean performance score.</param>
/// <param name="HealthCheck">The health verdict's wire name (<c>pass</c>, <c>fail</c>, <c>unknown</c>).</param>
/// <param name="ClaimedModel">The model it last claimed; omitted from the JSON when it never claimed one.</param>
/// <param name="Verification">Served-model verification from token evidence (<c>pass</c>, <c>fail</c>, <c>unknown</c>); a fail is
/// also a failed health check.</param>
/// <param name="VerificationReason">Why, in one sentence (the sequential test's verdict, and the last rule-policy failure if any).</param>
public sealed record SettledNode(int Rank, string Node, double Rating, double Low, double High, double Deviation, double Volatility, double Elo, UInt128 Reward,
    long Responses, long Dropped, double MeanQuality, double MeanPerformance, string HealthCheck,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClaimedModel, string Verification, string VerificationReason);
