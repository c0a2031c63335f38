namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One counterfactual deviation of an incentive audit.</summary>
/// <param name="Deviation">The deviation's name.</param>
/// <param name="Participant">Who deviated.</param>
/// <param name="HonestReward">Their reward when honest.</param>
/// <param name="DeviationReward">Their reward when deviating.</param>
/// <param name="Gain">The relative gain of deviating.</param>
/// <param name="Pays">Whether the deviation pays (gain above the tolerance).</param>
public sealed record DeviationFigures(string Deviation, string Participant, UInt128 HonestReward, UInt128 DeviationReward, double Gain, bool Pays);
