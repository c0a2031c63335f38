namespace ScoutElo.Scoring.Calibration;

/// <summary>What multi-domain calibration maximizes over the datasets left out (<see cref="Calibrator.CalibrateDomains"/>).</summary>
public enum DomainObjective
{
    /// <summary>The mean left-out Pearson: the best weights on average over unseen datasets.</summary>
    Mean = 0,
    /// <summary>The worst left-out Pearson: the weights whose poorest unseen dataset is best (robust, more conservative).</summary>
    Worst = 1,
}
