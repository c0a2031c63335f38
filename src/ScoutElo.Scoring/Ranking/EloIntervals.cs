using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Ranking;

/// <summary>Elo ratings of a match log with bootstrap 95% intervals.</summary>
/// <remarks>
/// <para>Elo has no variance of its own, so an interval that is the rating itself says nothing. Here each resample draws as many
/// matches as the log holds, with replacement, keeps them in log order (online Elo depends on order) and replays the same
/// method; the interval is the 2.5% and 97.5% percentiles of a node's resampled ratings, widened if needed to contain the point
/// rating. A node missing from a resample keeps the initial rating there, which is what that resample knows about it.</para>
/// <para><b>Rating periods.</b> A batch update computes every expectation from the start-of-period ratings, so a node that
/// plays many matches in one period has all of them judged against stale ratings and overshoots. <see cref="Compute(IReadOnlyList{MatchResult}, EloOptions?, int?, int, int)"/> splits
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
    public static IReadOnlyList<RatingInterval> Compute(IReadOnlyList<MatchResult> matches, EloOptions? options = null, int? periodSize = null, int resamples = 200, int seed = 1) =>
        Compute(matches, options, periodSize, resamples, seed, 0.95);

    /// <summary>Rates a match log and bootstraps intervals at a chosen confidence level.</summary>
    /// <param name="matches">The match log, in order (at least one match).</param>
    /// <param name="options">Elo options; defaults when null.</param>
    /// <param name="periodSize">Matches per rating period for batch updates; null for sequential (online) updates.</param>
    /// <param name="resamples">Bootstrap resamples (at least 20).</param>
    /// <param name="seed">Seed.</param>
    /// <param name="confidence">Confidence level of the intervals, in (0, 1).</param>
    /// <returns>One interval per node, ordered by rating (best first), then id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matches"/> is null.</exception>
    /// <exception cref="ArgumentException">No matches, or an invalid match (named <paramref name="matches"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A period size below 1, fewer than 20 resamples or a confidence outside (0, 1).</exception>
    public static IReadOnlyList<RatingInterval> Compute(IReadOnlyList<MatchResult> matches, EloOptions? options, int? periodSize, int resamples, int seed, double confidence)
    {
        if (!double.IsFinite(confidence) || confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must be in (0, 1).");
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
            double low = Math.Min(rating, Stats.Quantile(samples[i], (1 - confidence) / 2));
            double high = Math.Max(rating, Stats.Quantile(samples[i], 1 - ((1 - confidence) / 2)));
            result[i] = new RatingInterval(nodes[i], rating, low, high);
        }
        return Array.AsReadOnly([.. result.OrderByDescending(x => x.Rating).ThenBy(x => x.Node, StringComparer.Ordinal)]);
    }

    /// <summary>The arena's bootstrap Elo leaderboard: each resample draws as many matches as the log holds, with replacement
    /// and in the order drawn (the arena shuffles, so order effects average out), replays online Elo from the initial ratings,
    /// and a node's rating is the median over the resamples it appears in; the interval is the percentile interval of the
    /// same resamples.</summary>
    /// <remarks>This reproduces the estimator of the arena's published Elo leaderboards (FastChat's
    /// <c>get_bootstrap_result</c> with <c>compute_elo</c>: K = 4, scale 400, base 10, initial 1000 are <see cref="EloOptions"/>
    /// with <c>KFactor = KFactorPolicy.Fixed(4)</c>), up to the resampling stream, which is this library's seeded one.
    /// Deterministic given the seed.</remarks>
    /// <param name="matches">The match log (at least one match).</param>
    /// <param name="options">Elo options; defaults when null.</param>
    /// <param name="resamples">Bootstrap resamples (at least 20).</param>
    /// <param name="seed">Seed.</param>
    /// <param name="confidence">Confidence level of the intervals, in (0, 1).</param>
    /// <returns>One row per node (rating = median), ordered by rating (best first), then id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matches"/> is null.</exception>
    /// <exception cref="ArgumentException">No matches, or an invalid match (named <paramref name="matches"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 20 resamples or a confidence outside (0, 1).</exception>
    public static IReadOnlyList<RatingInterval> MedianOfShuffledBootstrap(IReadOnlyList<MatchResult> matches, EloOptions? options = null, int resamples = 1000, int seed = 1, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(matches);
        if (matches.Count == 0) throw new ArgumentException("At least one match is required.", nameof(matches));
        if (resamples < 20) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "resamples must be at least 20.");
        if (!double.IsFinite(confidence) || confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must be in (0, 1).");
        var all = matches.ToArray();
        for (int j = 0; j < all.Length; j++) all[j].Validate(nameof(matches), j);
        var ids = all.SelectMany(m => new[] { m.A, m.B }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(t => t.id, t => t.i, StringComparer.Ordinal);
        var a = all.Select(m => index[m.A]).ToArray();
        var b = all.Select(m => index[m.B]).ToArray();
        var samples = new double[resamples][];
        Parallel.For(0, resamples, r =>
        {
            var rng = new Xoshiro256(Seeds.Derive((ulong)seed, (ulong)r));
            var table = new EloRatingTable(options);
            foreach (var id in ids) table.Add(id);
            int len = all.Length;
            var ra = new int[len];
            var rb = new int[len];
            var rs = new double[len];
            var rw = new double[len];
            var played = new bool[ids.Length];
            for (int j = 0; j < len; j++)
            {
                int k = rng.NextInt(len);
                ra[j] = a[k];
                rb[j] = b[k];
                rs[j] = all[k].Score;
                rw[j] = all[k].Weight;
                played[a[k]] = played[b[k]] = true;
            }
            table.ApplySequential(ra, rb, rs, rw);
            var row = new double[ids.Length];
            for (int i = 0; i < ids.Length; i++) row[i] = played[i] ? table.Rating(ids[i]) : double.NaN;
            samples[r] = row;
        });
        var result = new RatingInterval[ids.Length];
        double lo = (1 - confidence) / 2;
        for (int i = 0; i < ids.Length; i++)
        {
            var column = samples.Select(s => s[i]).Where(double.IsFinite).Order().ToArray();
            if (column.Length == 0)
            {
                double init = (options ?? new EloOptions()).InitialRating;
                result[i] = new RatingInterval(ids[i], init, init, init);
                continue;
            }
            double median = Stats.Quantile(column, 0.5);
            result[i] = new RatingInterval(ids[i], median, Math.Min(median, Stats.Quantile(column, lo)), Math.Max(median, Stats.Quantile(column, 1 - lo)));
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
