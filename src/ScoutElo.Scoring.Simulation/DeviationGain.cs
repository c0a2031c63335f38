namespace ScoutElo.Scoring.Simulation;

/// <summary>What one deviation earns an honest participant, everything else held fixed.</summary>
/// <param name="Kind">The deviation.</param>
/// <param name="Participant">The deviating participant (scout or evaluator id).</param>
/// <param name="HonestReward">Its cumulative reward when honest, in base units.</param>
/// <param name="DeviationReward">Its cumulative reward after switching (sybil identities summed), in base units.</param>
/// <param name="Gain">Relative gain <c>(deviation − honest) / honest</c> (0 when both are 0).</param>
/// <param name="Pays">True when the gain exceeds the audit's tolerance: the mechanism failed for this deviation.</param>
public sealed record DeviationGain(DeviationKind Kind, string Participant, UInt128 HonestReward, UInt128 DeviationReward, double Gain, bool Pays)
{
    /// <summary>Its serving cost when honest, in reward base units (0 for an evaluator: its cost is not modelled).</summary>
    public double HonestCost { get; init; }

    /// <summary>Its serving cost after switching, in reward base units.</summary>
    public double DeviationCost { get; init; }

    /// <summary>Relative profit gain <c>(profit_dev − profit_honest) / |profit_honest|</c> with profit = reward − serving cost
    /// (0 when both profits are 0; ±1 when only the honest profit is 0).</summary>
    public double ProfitGain { get; init; }

    /// <summary>True when the profit gain exceeds the audit's tolerance: the deviation pays once costs are counted.</summary>
    public bool ProfitPays { get; init; }
}
