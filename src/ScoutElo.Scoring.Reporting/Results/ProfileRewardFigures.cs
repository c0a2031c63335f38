namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>Rewards of one simulated profile.</summary>
/// <param name="Profile">The profile's name.</param>
/// <param name="Scouts">Scouts with it.</param>
/// <param name="MeanReward">Their mean reward.</param>
/// <param name="MeanTrueQuality">Their mean true quality.</param>
/// <param name="RewardPerUnitQuality">Mean reward per unit of true quality.</param>
public sealed record ProfileRewardFigures(string Profile, int Scouts, double MeanReward, double MeanTrueQuality, double RewardPerUnitQuality);
