namespace ScoutElo.Scoring.Simulation;

/// <summary>The honest run and the counterfactual gain of every modelled deviation.</summary>
/// <param name="Honest">The run where everybody (but the impostors and malicious evaluators) is honest.</param>
/// <param name="Deviations">One row per deviation.</param>
/// <param name="Tolerance">Relative gain above which a deviation counts as paying.</param>
public sealed record IncentiveAuditResult(NetworkSimulationResult Honest, IReadOnlyList<DeviationGain> Deviations, double Tolerance)
{
    /// <summary>True when no deviation pays, in reward or in profit.</summary>
    public bool IncentiveCompatible => Deviations.All(d => !d.Pays && !d.ProfitPays);
}
