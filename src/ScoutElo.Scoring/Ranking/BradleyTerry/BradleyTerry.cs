using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Ranking;

/// <summary>Bradley–Terry maximum likelihood (what LMArena ranks with): ties as half wins or as their own outcome (Davidson,
/// Rao–Kupper), style covariates, an anchored node, the arena's L2 penalty, several logs at once, sandwich or bootstrap
/// intervals for every parameter.</summary>
/// <remarks>
/// <para>Model: strengths θ (natural log-odds scale; rating = base + 400/ln 10 · θ, so 400 points are a factor 10 in odds),
/// a linear predictor <c>d = θᵢ − θⱼ + γ·z</c> (z: the comparison's standardised style covariates, none by default) and the
/// tie model of <see cref="BradleyTerryOptions.Ties"/>: half wins <c>P = σ(d)</c> (a comparison of weight w and score s adds
/// w·s wins and w·(1 − s) losses, so graded scores are fitted as they are), Davidson with ν = e^κ per log, or Rao–Kupper with
/// η per log. Identical comparisons (same pair, outcome, log, and weight when weights are importance weights) are merged into
/// cells first, so without style covariates a Newton step costs O(cells), not O(comparisons). The log-likelihood is concave
/// in (θ, γ, κ) for half wins and Davidson and in (θ, γ, η) for Rao–Kupper, and is maximised by Newton's method with step
/// halving; the gauge (ratings are defined up to a constant) is fixed by Σθ = 0 with 11ᵀ added to the information on its own
/// scale. The MLE of θ exists only when the "took some score from" graph is strongly connected; otherwise (by default) half a
/// virtual draw against an average node regularises it.</para>
/// <para>Intervals: the sandwich <c>H⁻¹BH⁻¹</c> (B: outer products of per-comparison score vectors, frequency- or
/// importance-weighted, see <see cref="WeightKind"/>) or a seeded Poisson bootstrap (every cell's count redrawn as
/// Poisson(count), the large-sample form of resampling comparisons, at a cost independent of the comparison count); a
/// resample that cuts a node off is redrawn, one in which a node never wins or never loses is regularised by 10⁻⁶ virtual
/// draws, and both are counted in <see cref="BradleyTerryResult.DegenerateResamples"/>. With an <see cref="RatingAnchor"/>
/// every interval is the interval of the rating difference to the anchor (each bootstrap round anchored; the sandwich variance
/// of θᵢ − θₐ), not the unanchored interval shifted. Davidson's ν has a log-scale interval (exp of κ ± z·se); Rao–Kupper's η
/// is clipped at 0. Deterministic for a seed at any parallelism. Thread-safe (stateless).</para>
/// </remarks>
public static partial class BradleyTerry
{
    private const double Ln10 = 2.302585092994046;
    private const double EloPerNatural = 400 / Ln10;

    /// <summary>Fits ratings and intervals to matches (graded scores allowed; no style covariates).</summary>
    /// <param name="matches">The matches.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matches"/> is null.</exception>
    /// <exception cref="ArgumentException">No matches, an invalid match, a comparison graph that is not connected, style
    /// features in the options, an anchor that names no node, or a score other than 0, 0.5 or 1 under a tie model.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option or a match value is out of range.</exception>
    public static BradleyTerryResult Fit(IReadOnlyList<MatchResult> matches, BradleyTerryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var o = options ?? new BradleyTerryOptions();
        CheckOptions(o);
        if (o.StyleFeatures.Count > 0) throw new ArgumentException("Style covariates need PairwiseComparison inputs with per-side features.", nameof(options));
        if (matches.Count == 0) throw new ArgumentException("At least one match is required.", nameof(matches));
        var data = new Data(o, matches.Count, nameof(matches));
        for (int j = 0; j < matches.Count; j++)
        {
            var m = matches[j];
            m.Validate(nameof(matches), j);
            data.Add(j, m.A, m.B, m.Score, m.Weight, 0, null, null);
        }
        if (o.Anchor is { } anchor && !data.HasNode(anchor.Node)) throw new ArgumentException($"The anchor '{anchor.Node}' is not a node of the matches.", nameof(options));
        return Solve(data, o, nameof(matches));
    }

    /// <summary>Fits ratings, tie parameters, style coefficients and their intervals to pairwise comparisons.</summary>
    /// <param name="comparisons">The comparisons (one or several logs).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="comparisons"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException">No comparisons, an invalid comparison, a comparison graph that is not connected,
    /// style features missing or of the wrong count, a constant style covariate, an anchor that names no node, a score other
    /// than 0, 0.5 or 1 under a tie model, or a log of nothing but ties under a tie model.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option or a comparison value is out of range.</exception>
    public static BradleyTerryResult Fit(IReadOnlyList<PairwiseComparison> comparisons, BradleyTerryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var o = options ?? new BradleyTerryOptions();
        CheckOptions(o);
        if (comparisons.Count == 0) throw new ArgumentException("At least one comparison is required.", nameof(comparisons));
        var data = new Data(o, comparisons.Count, nameof(comparisons));
        int p = o.StyleFeatures.Count;
        for (int j = 0; j < comparisons.Count; j++)
        {
            var c = comparisons[j] ?? throw new ArgumentNullException(nameof(comparisons), $"Comparison {j} is null.");
            new MatchResult(c.A, c.B, c.Score, c.Weight).Validate(nameof(comparisons), j);
            if (c.Problem() is { } problem) throw new ArgumentException($"Comparison {j}: {problem}.", nameof(comparisons));
            if (p > 0 && (c.FeaturesA is null || c.FeaturesA.Count != p))
                throw new ArgumentException($"Comparison {j}: needs {p} style feature(s) per side ({string.Join(", ", o.StyleFeatures)}), got {c.FeaturesA?.Count ?? 0}.", nameof(comparisons));
            if (c.BothBad && o.BothBad == BothBadPolicy.Drop) continue;
            data.Add(j, c.A, c.B, c.Score, c.Weight, c.Log, p > 0 ? c.FeaturesA : null, p > 0 ? c.FeaturesB : null);
        }
        if (data.Count == 0) throw new ArgumentException("No comparison is left after dropping the 'both bad' ties.", nameof(comparisons));
        if (o.Anchor is { } anchor && !data.HasNode(anchor.Node)) throw new ArgumentException($"The anchor '{anchor.Node}' is not a node of the comparisons.", nameof(options));
        return Solve(data, o, nameof(comparisons));
    }

    private static void CheckOptions(BradleyTerryOptions options)
    {
        var o = options;
        if (!double.IsFinite(o.Confidence) || o.Confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(options), o.Confidence, "Confidence must be in (0, 1).");
        if (o.BootstrapRounds < 10) throw new ArgumentOutOfRangeException(nameof(options), o.BootstrapRounds, "BootstrapRounds must be at least 10.");
        if (o.PriorDraws is { } pd && (!double.IsFinite(pd) || pd < 0)) throw new ArgumentOutOfRangeException(nameof(options), pd, "PriorDraws must be non-negative.");
        if (!double.IsFinite(o.BaseRating) || Math.Abs(o.BaseRating) > 1e6) throw new ArgumentOutOfRangeException(nameof(options), o.BaseRating, "BaseRating must be finite with magnitude at most 1e6 (larger values swamp the rating differences in double precision).");
        if (!Enum.IsDefined(o.Intervals)) throw new ArgumentOutOfRangeException(nameof(options), o.Intervals, "Unknown interval method.");
        if (!Enum.IsDefined(o.Ties)) throw new ArgumentOutOfRangeException(nameof(options), o.Ties, "Unknown tie model.");
        if (!Enum.IsDefined(o.BothBad)) throw new ArgumentOutOfRangeException(nameof(options), o.BothBad, "Unknown both-bad policy.");
        if (!Enum.IsDefined(o.Weights)) throw new ArgumentOutOfRangeException(nameof(options), o.Weights, "Unknown weight kind.");
        if (o.L2 is { } l2)
        {
            if (!double.IsFinite(l2.C) || l2.C <= 0 || l2.C > 1e12) throw new ArgumentOutOfRangeException(nameof(options), l2.C, "L2.C must be positive and at most 1e12.");
            if (!Enum.IsDefined(l2.Scope)) throw new ArgumentOutOfRangeException(nameof(options), l2.Scope, "Unknown penalty scope.");
        }
        if (o.Anchor is { } anchor)
        {
            if (string.IsNullOrEmpty(anchor.Node)) throw new ArgumentException("Anchor.Node must be a node id.", nameof(options));
            if (!double.IsFinite(anchor.Rating) || Math.Abs(anchor.Rating) > 1e6) throw new ArgumentOutOfRangeException(nameof(options), anchor.Rating, "Anchor.Rating must be finite with magnitude at most 1e6.");
        }
        ArgumentNullException.ThrowIfNull(o.StyleFeatures, nameof(options));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in o.StyleFeatures)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("Style feature names must be non-empty.", nameof(options));
            if (!names.Add(name)) throw new ArgumentException($"Style feature '{name}' is listed twice.", nameof(options));
        }
    }
}
