using System.Text.Json.Serialization;

namespace ScoutElo.Scoring.ProofOfQuality;

/// <summary>How evaluator scores of one output are combined into a consensus.</summary>
public enum AggregationRule
{
    /// <summary>Arithmetic mean (no robustness; the reference point).</summary>
    [JsonStringEnumMemberName("mean")]
    Mean = 0,
    /// <summary>Median (breakdown point ½).</summary>
    [JsonStringEnumMemberName("median")]
    Median = 1,
    /// <summary>Trimmed mean: drop ⌊f·n⌋ scores from each end, average the rest.</summary>
    [JsonStringEnumMemberName("trimmed")]
    TrimmedMean = 2,
    /// <summary>Weighted median by stake × trust.</summary>
    [JsonStringEnumMemberName("wmedian")]
    WeightedMedian = 3,
    /// <summary>Mean weighted by stake × adaptive trust.</summary>
    [JsonStringEnumMemberName("trust")]
    TrustWeightedMean = 4,
    /// <summary>Yuma-style κ-quantile of stake × trust weight; scores above it are clipped to it.</summary>
    [JsonStringEnumMemberName("kappa")]
    KappaClipped = 5,
}
