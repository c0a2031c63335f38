using System.Globalization;
using System.Text;

namespace ScoutElo.Scoring.Calibration;

/// <summary>The multi-domain calibration of one task (<see cref="Calibrator.CalibrateDomains"/>).</summary>
public sealed record MultiDomainReport
{
    /// <summary>The task.</summary>
    public required TaskKind Task { get; init; }

    /// <summary>The policy chosen by the leave-one-dataset-out objective.</summary>
    public required CalibrationPolicy Policy { get; init; }

    /// <summary>The objective the policy was chosen by.</summary>
    public required DomainObjective Objective { get; init; }

    /// <summary>Each dataset: in-domain and left-out figures.</summary>
    public required IReadOnlyList<DomainResult> Domains { get; init; }

    /// <summary>The final weights (fitted on every dataset), by dimension name.</summary>
    public required IReadOnlyDictionary<string, double> Weights { get; init; }

    /// <summary>Why each dimension got its weight, by name.</summary>
    public required IReadOnlyDictionary<string, string> Reasons { get; init; }

    /// <summary>Each candidate policy's objective over the datasets left out (empty with a single dataset).</summary>
    public required IReadOnlyDictionary<CalibrationPolicy, double> Policies { get; init; }

    /// <summary>The mean left-out Pearson over the datasets; null with a single dataset.</summary>
    public double? MeanLeftOut => Domains.Count >= 2 ? Domains.Average(d => d.LeftOut?.Pearson) : null;
}
