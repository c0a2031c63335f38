namespace ScoutElo.Scoring.Calibration;

/// <summary>Options of <see cref="Calibrator"/>. Validated when the calibrator is constructed.</summary>
public sealed record CalibrationOptions
{
    /// <summary>Cross-validation folds (grouped by source document / query). <value>Default 5; at least 2.</value></summary>
    public int Folds { get; init; } = 5;

    /// <summary>Seed of every random choice (fold assignment, bootstrap). <value>Default 1.</value></summary>
    public int Seed { get; init; } = 1;

    /// <summary>A dimension whose correlation is at or below this is dropped. <value>Default 0; in [−1, 1).</value></summary>
    public double DropThreshold { get; init; }

    /// <summary>Also drop a dimension whose 95% confidence interval does not lie above <see cref="DropThreshold"/> (not
    /// significantly positive). <value>Default <see langword="true"/>.</value></summary>
    public bool RequireSignificance { get; init; } = true;

    /// <summary>Bootstrap resamples for the audit's confidence intervals. <value>Default 1000; at least 100.</value></summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>The weighting policy. <value>Default <see cref="CalibrationPolicy.Auto"/>.</value></summary>
    public CalibrationPolicy Policy { get; init; } = CalibrationPolicy.Auto;

    /// <summary>Ridge penalty λ on the standardized (per-item averaged) normal equations. <value>Default 0.1; positive.</value></summary>
    public double RidgeLambda { get; init; } = 0.1;

    /// <summary>Fit an isotonic map from composite to the label scale (on out-of-fold composites). <value>Default <see langword="false"/>.</value></summary>
    public bool FitIsotonic { get; init; }

    /// <summary>Fewest labeled items a task needs. <value>Default 10; at least 10.</value></summary>
    public int MinItems { get; init; } = 10;

    /// <summary>What multi-domain calibration (<see cref="Calibrator.CalibrateDomains"/>) maximizes over the datasets left
    /// out. <value>Default <see cref="Calibration.DomainObjective.Mean"/>.</value></summary>
    public DomainObjective DomainObjective { get; init; } = DomainObjective.Mean;

    internal void Validate(string paramName)
    {
        if (Folds < 2) throw new ArgumentOutOfRangeException(paramName, Folds, "Folds must be at least 2.");
        if (!double.IsFinite(DropThreshold) || DropThreshold is < -1 or >= 1) throw new ArgumentOutOfRangeException(paramName, DropThreshold, "DropThreshold must be in [-1, 1).");
        if (BootstrapResamples < 100) throw new ArgumentOutOfRangeException(paramName, BootstrapResamples, "BootstrapResamples must be at least 100.");
        if (!Enum.IsDefined(Policy) || Policy == CalibrationPolicy.FewShot) throw new ArgumentOutOfRangeException(paramName, Policy, "Unknown policy.");
        if (!double.IsFinite(RidgeLambda) || RidgeLambda <= 0) throw new ArgumentOutOfRangeException(paramName, RidgeLambda, "RidgeLambda must be finite and positive.");
        if (!Enum.IsDefined(DomainObjective)) throw new ArgumentOutOfRangeException(paramName, DomainObjective, "Unknown domain objective.");
        if (MinItems < 10) throw new ArgumentOutOfRangeException(paramName, MinItems, "MinItems must be at least 10.");
    }
}
