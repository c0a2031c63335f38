namespace ScoutElo.Scoring.Network;

/// <summary>A node's standing in a <see cref="ScoutNetwork"/>: ratings, cumulative reward, served responses and health.</summary>
/// <param name="Node">The node id.</param>
/// <param name="Rating">Glicko-2 rating.</param>
/// <param name="Deviation">Glicko-2 rating deviation.</param>
/// <param name="Volatility">Glicko-2 volatility.</param>
/// <param name="Elo">Batch-Elo rating (one batch per rating period).</param>
/// <param name="Reward">Cumulative node reward, in integer base units.</param>
/// <param name="Responses">Responses settled (answered or dropped).</param>
/// <param name="Dropped">Of those, dropped requests.</param>
/// <param name="MeanPerformance">Mean performance of its answered, rated responses (0 when none).</param>
/// <param name="MeanQuality">Mean settled consensus quality of its answered, rated responses (0 when none).</param>
/// <param name="LastQuality">Settled consensus quality of its latest answered response, if any.</param>
/// <param name="ClaimedModel">The model it last claimed, if it said.</param>
/// <param name="SpotChecks">Claimed-model spot checks recorded.</param>
/// <param name="JudgeVerdicts">Judge verdicts against the baseline recorded.</param>
/// <param name="Health">The health verdict now.</param>
public sealed record NodeStanding(string Node, double Rating, double Deviation, double Volatility, double Elo, long Reward, long Responses, long Dropped,
    double MeanPerformance, double MeanQuality, double? LastQuality, string? ClaimedModel, int SpotChecks, int JudgeVerdicts, HealthStatus Health)
{
    /// <summary>Lower end of the 95% interval, <c>Rating − 1.96·Deviation</c>.</summary>
    public double Low => Rating - (1.96 * Deviation);

    /// <summary>Upper end of the 95% interval, <c>Rating + 1.96·Deviation</c>.</summary>
    public double High => Rating + (1.96 * Deviation);

    /// <summary>Whether the node is paid and plays its matches as healthy (<see cref="HealthStatus.Unknown"/> counts as passing).</summary>
    public bool PassesHealthCheck => Health != HealthStatus.Fail;
}
