using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.Ranking;

/// <summary>What a comparison's weight means to <see cref="BradleyTerry"/>'s intervals (the point estimate is the same).</summary>
public enum WeightKind
{
    /// <summary>A weight w is w repeated comparisons (a frequency weight): a log with every weight 2 has intervals √2 narrower
    /// than the same log with weight 1. The default, and exact for counts.</summary>
    [JsonStringEnumMemberName("frequency")]
    Frequency = 0,

    /// <summary>A weight is an importance (sampling) weight of one observed comparison: intervals come from the weighted
    /// M-estimator's sandwich <c>H⁻¹(Σ w²·g gᵀ)H⁻¹</c> and the bootstrap resamples comparisons, each keeping its weight, so
    /// multiplying every weight by a constant leaves the intervals unchanged.</summary>
    [JsonStringEnumMemberName("importance")]
    Importance = 1,
}
