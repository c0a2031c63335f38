using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>What one Proof-of-Quality attack simulation reports: <c>scoutelo poq --json</c> is this record.</summary>
/// <param name="Rule">The aggregation rule's wire name.</param>
/// <param name="Attack">The attack's name.</param>
/// <param name="Evaluators">Evaluators per output.</param>
/// <param name="Attackers">Malicious evaluators among them.</param>
/// <param name="Rounds">Outputs simulated.</param>
/// <param name="Mae">Mean absolute error of the consensus against the true quality.</param>
/// <param name="Pearson">Pearson of the consensus with the true quality, or null (a non-finite value is stored as null).</param>
/// <param name="AttackerRewardShare">The attackers' share of evaluator rewards.</param>
public sealed record PoqRunReport(string Rule, string Attack, int Evaluators, int Attackers, int Rounds, double Mae, double? Pearson, [property: JsonPropertyOrder(1)] double AttackerRewardShare)
{
    /// <summary>Pearson of the consensus with the true quality, or null.</summary>
    public double? Pearson { get; init => field = Finite.Or(value); } = Finite.Or(Pearson);
}
