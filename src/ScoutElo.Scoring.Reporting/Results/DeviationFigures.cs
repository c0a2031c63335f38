namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>One counterfactual deviation of an incentive audit.</summary>
/// <param name="Deviation">The deviation's name.</param>
/// <param name="Participant">Who deviated.</param>
/// <param name="HonestReward">Their reward when honest.</param>
/// <param name="DeviationReward">Their reward when deviating.</param>
/// <param name="Gain">The relative reward (revenue) gain of deviating.</param>
/// <param name="ProfitGain">The relative profit gain of deviating: profit = reward − serving cost, at the simulation's exchange rate.</param>
/// <param name="HonestCost">Their serving cost when honest, in reward base units.</param>
/// <param name="DeviationCost">Their serving cost when deviating, in reward base units.</param>
/// <param name="Pays">Whether the deviation pays in revenue or in profit (a gain above the tolerance).</param>
public sealed record DeviationFigures(string Deviation, string Participant, UInt128 HonestReward, UInt128 DeviationReward, double Gain, double ProfitGain,
    double HonestCost, double DeviationCost, bool Pays);
