namespace ScoutElo.Scoring.Simulation;

/// <summary>Rewards of one scout profile.</summary>
/// <param name="Profile">The profile.</param>
/// <param name="Scouts">Number of scout identities with it.</param>
/// <param name="MeanReward">Mean cumulative reward per identity, in base units.</param>
/// <param name="MeanTrueQuality">Mean true quality.</param>
/// <param name="RewardPerUnitQuality">Mean of reward / true quality over the identities.</param>
public sealed record ProfileRewards(ScoutProfile Profile, int Scouts, double MeanReward, double MeanTrueQuality, double RewardPerUnitQuality);
