using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Ranking;

/// <summary>Elo ratings of a match log with bootstrap 95% intervals.</summary>
/// <remarks>
/// <para>Elo has no variance of its own, so an interval that is the rating itself says nothing. Here each resample draws as many
/// matches as the log holds, with replacement, keeps them in log order (online Elo depends on order) and replays the same
/// method; the interval is the 2.5% and 97.5% percentiles of a node's resampled ratings, widened if needed to contain the point
/// rating. A node missing from a resample keeps the initial rating there, which is what that resample knows about it.</para>
/// <para><b>Rating periods.</b> A batch update computes every expectation from the start-of-period ratings, so a node that
/// plays many matches in one period has all of them judged against stale ratings and overshoots. <see cref="Compute"/> splits
/// the log into consecutive periods of <c>periodSize</c> matches; <see cref="MaxGamesPerNodeInAPeriod"/> lets callers warn when
/// a period is too long.</para>
/// <para>Deterministic given the seed. Thread-safe (stateless).</para>
/// </remarks>
public static class EloIntervals
{
    /// <summary>Rates a match log and bootstraps intervals.</summary>
    /// <param name="matches">The match log, in order (at least one match).</param>
    /// <param name="options">Elo options; defaults when null.</param>
    /// <param name="periodSize">Matches per rating period for batch updates; null for sequential (online) updates.</param>
    /// <param name="resamples">Bootstrap resamples (at least 20). Default 200.</param>
    /// <param name="seed">Seed. Default 1.</param>
    /// <returns>One interval per node, ordered by rating (best first), then id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matches"/> is null.</exception>
    /// <exception cref="ArgumentException">No matches, or an invalid match (named <paramref name="matches"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A period size below 1 or fewer than 20 resamples.</exception>
    public static IReadOnlyList<RatingInterval> Compute(IReadOnlyList<MatchResult> matches, EloOptions? options = null, int? periodSize = null, int resamples = 200, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(matches);
        if (matches.Count == 0) throw new ArgumentException("At least one match is required.", nameof(matches));
        if (periodSize is < 1) throw new ArgumentOutOfRangeException(nameof(periodSize), periodSize, "periodSize must be at least 1.");
        if (resamples < 20) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "resamples must be at least 20.");
        var all = matches.ToArray();
        for (int j = 0; j < all.Length; j++) all[j].Validate(nameof(matches), j);
        var point = Replay(all, options, periodSize);
        var nodes = point.Nodes.ToArray();
        var samples = new double[nodes.Length][];
        for (int i = 0; i < nodes.Length; i++) samples[i] = new double[resamples];
        var rng = new Xoshiro256(Seeds.Derive((ulong)seed, 7));
        var idx = new int[all.Length];
        var resampled = new MatchResult[all.Length];
        for (int r = 0; r < resamples; r++)
        {
            for (int j = 0; j < idx.Length; j++) idx[j] = rng.NextInt(all.Length);
            Array.Sort(idx);
            for (int j = 0; j < idx.Length; j++) resampled[j] = all[idx[j]];
            var t = Replay(resampled, options, periodSize);
            for (int i = 0; i < nodes.Length; i++) samples[i][r] = t.Contains(nodes[i]) ? t.Rating(nodes[i]) : point.Options.InitialRating;
        }
        var result = new RatingInterval[nodes.Length];
        for (int i = 0; i < nodes.Length; i++)
        {
            Array.Sort(samples[i]);
            double rating = point.Rating(nodes[i]);
            double low = Math.Min(rating, Stats.Quantile(samples[i], 0.025));
            double high = Math.Max(rating, Stats.Quantile(samples[i], 0.975));
            result[i] = new RatingInterval(nodes[i], rating, low, high);
        }
        return Array.AsReadOnly([.. result.OrderByDescending(x => x.Rating).ThenBy(x => x.Node, StringComparer.Ordinal)]);
    }

    /// <summary>The largest number of games any node plays within one period of <paramref name="periodSize"/> consecutive matches.</summary>
    /// <param name="matches">The match log.</param>
    /// <param name="periodSize">Matches per period (at least 1).</param>
    /// <returns>The maximum (0 for an empty log).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matches"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periodSize"/> is below 1.</exception>
    public static int MaxGamesPerNodeInAPeriod(IReadOnlyList<MatchResult> matches, int periodSize)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentOutOfRangeException.ThrowIfLessThan(periodSize, 1);
        int max = 0;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int start = 0; start < matches.Count; start += periodSize)
        {
            counts.Clear();
            for (int j = start; j < Math.Min(matches.Count, start + periodSize); j++)
            {
                max = Math.Max(max, counts[matches[j].A] = counts.GetValueOrDefault(matches[j].A) + 1);
                max = Math.Max(max, counts[matches[j].B] = counts.GetValueOrDefault(matches[j].B) + 1);
            }
        }
        return max;
    }

    private static EloRatingTable Replay(MatchResult[] matches, EloOptions? options, int? periodSize)
    {
        var table = new EloRatingTable(options);
        if (periodSize is not { } size)
        {
            table.ApplySequential(matches);
            return table;
        }
        for (int start = 0; start < matches.Length; start += size)
            table.ApplyBatch(matches.AsSpan(start, Math.Min(size, matches.Length - start)));
        return table;
    }
}
