namespace ScoutElo.Scoring.Reporting.Results;

/// <summary>How a simulation paid its node budget.</summary>
/// <param name="Rule">The node reward rule (<c>gated</c> or <c>cost-aware</c>).</param>
/// <param name="SpearmanTrueQuality">Spearman of true quality and reward.</param>
/// <param name="Unallocated">Node budget nobody earned (withheld).</param>
/// <param name="Profiles">Rewards by simulated profile.</param>
public sealed record RewardFigures(string Rule, double SpearmanTrueQuality, UInt128 Unallocated, IReadOnlyList<ProfileRewardFigures> Profiles);
