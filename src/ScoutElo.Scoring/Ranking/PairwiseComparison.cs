using System.Globalization;

namespace ScoutElo.Scoring.Ranking;

/// <summary>One pairwise comparison for <see cref="BradleyTerry"/>: A's score against B, and optionally a weight, a "both bad"
/// mark, the log it comes from (for fitting several logs jointly) and per-side style features.</summary>
/// <param name="A">Node A's id.</param>
/// <param name="B">Node B's id (different from A).</param>
/// <param name="Score">A's score in [0, 1]: 1 A won, 0 B won, 0.5 a tie; any other value is a graded score (half-win model only).</param>
public sealed record PairwiseComparison(string A, string B, double Score)
{
    /// <summary>Weight in [<see cref="MatchResult.MinWeight"/>, <see cref="MatchResult.MaxWeight"/>]; see
    /// <see cref="BradleyTerryOptions.Weights"/> for what it means. <value>Default 1.</value></summary>
    public double Weight { get; init; } = 1;

    /// <summary>A tie in which both answers were bad (the arena's <c>tie (bothbad)</c>); only with <see cref="Score"/> 0.5.
    /// <see cref="BradleyTerryOptions.BothBad"/> says what is done with it. <value>Default false.</value></summary>
    public bool BothBad { get; init; }

    /// <summary>Index of the log this comparison comes from (0, 1, ...): each log has its own tie parameter.
    /// <value>Default 0.</value></summary>
    public int Log { get; init; }

    /// <summary>A's style features, one per <see cref="BradleyTerryOptions.StyleFeatures"/> entry (non-negative, finite),
    /// or null when the fit has no style covariates. <value>Default null.</value></summary>
    public IReadOnlyList<double>? FeaturesA { get; init; }

    /// <summary>B's style features, as <see cref="FeaturesA"/>. <value>Default null.</value></summary>
    public IReadOnlyList<double>? FeaturesB { get; init; }

    /// <summary>Checks the comparison on its own (the feature count is checked against the options by the fit).</summary>
    /// <returns>Null when valid; otherwise what is wrong, in one sentence.</returns>
    public string? Problem()
    {
        if (new MatchResult(A, B, Score, Weight).Problem() is { } problem) return problem;
        if (BothBad && Score != 0.5) return "only a tie (score 0.5) can be marked both bad";
        if (Log < 0) return $"log index must be non-negative, got {Log.ToString(CultureInfo.InvariantCulture)}";
        if ((FeaturesA is null) != (FeaturesB is null)) return "style features must be given for both sides or neither";
        if (FeaturesA is not null && FeaturesA.Count != FeaturesB!.Count) return "both sides must have the same number of style features";
        foreach (var list in new[] { FeaturesA, FeaturesB })
        {
            if (list is null) continue;
            foreach (double f in list)
            {
                if (!double.IsFinite(f) || f < 0) return $"style features must be finite and non-negative, got {f.ToString(CultureInfo.InvariantCulture)}";
            }
        }
        return null;
    }
}
