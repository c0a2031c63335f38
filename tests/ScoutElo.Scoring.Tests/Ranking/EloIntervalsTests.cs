using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.Tests.Ranking;

public sealed class EloIntervalsTests
{
    private static List<MatchResult> Log(int n, int seed)
    {
        var rng = new Random(seed);
        var list = new List<MatchResult>();
        for (int i = 0; i < n; i++)
        {
            int a = rng.Next(6), b = (a + 1 + rng.Next(5)) % 6;
            double p = 1 / (1 + Math.Pow(10, (b - a) / 4.0));
            list.Add(new MatchResult($"n{a}", $"n{b}", rng.NextDouble() < p ? 1 : 0));
        }
        return list;
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public void Intervals_contain_the_rating_have_width_and_order_the_true_strengths(int? period)
    {
        var log = Log(3000, 4);
        var rows = EloIntervals.Compute(log, periodSize: period);
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.True(r.Low <= r.Rating && r.Rating <= r.High && r.High - r.Low > 10, $"{r}"));
        Assert.Equal("n5", rows[0].Node);
        Assert.Equal("n0", rows[^1].Node);
        Assert.Equal(rows, EloIntervals.Compute(log, periodSize: period)); // deterministic by seed
    }

    [Fact]
    public void Replaying_the_point_estimate_matches_the_rating_table()
    {
        var log = Log(500, 2);
        var table = new EloRatingTable();
        table.ApplySequential(log.ToArray());
        foreach (var r in EloIntervals.Compute(log, resamples: 20)) Assert.Equal(table.Rating(r.Node), r.Rating, 9);
    }

    [Fact]
    public void Max_games_per_period_counts_each_period_separately()
    {
        var log = new List<MatchResult> { new("a", "b", 1), new("a", "c", 1), new("b", "c", 0), new("a", "b", 1) };
        Assert.Equal(2, EloIntervals.MaxGamesPerNodeInAPeriod(log, 2));
        Assert.Equal(3, EloIntervals.MaxGamesPerNodeInAPeriod(log, 4));
        Assert.Equal(1, EloIntervals.MaxGamesPerNodeInAPeriod(log, 1));
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Equal("matches", Assert.Throws<ArgumentException>(() => EloIntervals.Compute([])).ParamName);
        Assert.Equal("matches", Assert.Throws<ArgumentOutOfRangeException>(() => EloIntervals.Compute([new MatchResult("a", "b", 2)])).ParamName);
        Assert.Equal("periodSize", Assert.Throws<ArgumentOutOfRangeException>(() => EloIntervals.Compute([new MatchResult("a", "b", 1)], periodSize: 0)).ParamName);
        Assert.Equal("resamples", Assert.Throws<ArgumentOutOfRangeException>(() => EloIntervals.Compute([new MatchResult("a", "b", 1)], resamples: 5)).ParamName);
    }
}
