using System.Text.Json;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.Tests.Vectors;

public sealed class RatingsVectorTests
{
    private static JsonElement Root() => JsonDocument.Parse(File.ReadAllText(SharedData.VectorPath("ratings.json"))).RootElement;

    [VectorFact("ratings.json")]
    public void Elo_expected_score_table()
    {
        foreach (var c in Root().GetProperty("elo_expected").EnumerateArray())
            Assert.Equal(c.GetProperty("expected").GetDouble(), EloBatchUpdater.ExpectedScore(c.GetProperty("diff").GetDouble(), 0), 1e-9);
    }

    [VectorFact("ratings.json")]
    public void Elo_single_game_k32()
    {
        var v = Root().GetProperty("elo_single_game_k32");
        var t = new EloRatingTable(new EloOptions { KFactor = KFactorPolicy.Fixed(32) });
        t.Add("w", v.GetProperty("winner_before").GetDouble());
        t.Add("l", v.GetProperty("loser_before").GetDouble());
        t.Apply(new MatchResult("w", "l", 1));
        double tol = v.GetProperty("tolerance").GetDouble();
        Assert.Equal(v.GetProperty("winner_after").GetDouble(), t.Rating("w"), tol);
        Assert.Equal(v.GetProperty("loser_after").GetDouble(), t.Rating("l"), tol);
    }

    [VectorFact("ratings.json")]
    public void Elo_wikipedia_rating_period_in_batch()
    {
        var v = Root().GetProperty("elo_rating_period_wikipedia");
        var games = v.GetProperty("games").EnumerateArray().ToList();
        var t = new EloRatingTable(new EloOptions { KFactor = KFactorPolicy.Fixed(v.GetProperty("k").GetDouble()) });
        t.Add("p", v.GetProperty("player").GetDouble());
        var matches = games.Select((g, i) =>
        {
            t.Add("o" + i, g.GetProperty("opponent").GetDouble());
            return new MatchResult("p", "o" + i, g.GetProperty("score").GetDouble());
        }).ToArray();
        double expectedSum = games.Select((g, i) => EloBatchUpdater.ExpectedScore(1613, g.GetProperty("opponent").GetDouble())).Sum();
        Assert.Equal(v.GetProperty("expected_sum").GetDouble(), expectedSum, 1e-6);
        t.ApplyBatch(matches);
        Assert.Equal(v.GetProperty("after").GetDouble(), t.Rating("p"), v.GetProperty("tolerance").GetDouble());
    }

    [VectorFact("ratings.json")]
    public void Glicko2_glickman_example()
    {
        var v = Root().GetProperty("glicko2_glickman_example");
        var p = v.GetProperty("player");
        var t = new Glicko2RatingTable(new Glicko2Options { Tau = v.GetProperty("tau").GetDouble() });
        t.Set("p", new Glicko2Rating(p.GetProperty("rating").GetDouble(), p.GetProperty("rd").GetDouble(), p.GetProperty("volatility").GetDouble()));
        var matches = new List<MatchResult>();
        int i = 0;
        foreach (var g in v.GetProperty("games").EnumerateArray())
        {
            string id = "o" + i++;
            t.Set(id, new Glicko2Rating(g.GetProperty("rating").GetDouble(), g.GetProperty("rd").GetDouble(), 0.06));
            matches.Add(new MatchResult("p", id, g.GetProperty("score").GetDouble()));
        }
        // Only the player's update is the published example: apply Glickman's steps to the player alone.
        var after = t.Update(t.Rating("p"), [.. matches.Select(m => (t.Rating(m.B), m.Score, 1.0))]);
        var e = v.GetProperty("after");
        var tol = v.GetProperty("tolerance");
        Assert.Equal(e.GetProperty("rating").GetDouble(), after.Rating, tol.GetProperty("rating").GetDouble());
        Assert.Equal(e.GetProperty("rd").GetDouble(), after.Deviation, tol.GetProperty("rd").GetDouble());
        Assert.Equal(e.GetProperty("volatility").GetDouble(), after.Volatility, tol.GetProperty("volatility").GetDouble());
        t.ApplyBatch([.. matches]);
        Assert.Equal(after, t.Rating("p"));
    }

    [VectorFact("ratings.json")]
    public void BradleyTerry_wikipedia_worked_example()
    {
        var v = Root().GetProperty("bradley_terry_wikipedia");
        var matches = v.GetProperty("wins").EnumerateArray()
            .Select(w => new MatchResult(w.GetProperty("winner").GetString()!, w.GetProperty("loser").GetString()!, 1, w.GetProperty("count").GetDouble())).ToList();
        var fit = BradleyTerry.Fit(matches);
        Assert.Equal(0, fit.PriorDraws);
        double rel = v.GetProperty("relative_tolerance").GetDouble();
        foreach (var s in v.GetProperty("strength_geometric_mean_1").EnumerateObject())
        {
            double got = fit.Ratings.Single(r => r.Node == s.Name).Strength;
            Assert.True(Math.Abs(got - s.Value.GetDouble()) <= rel * s.Value.GetDouble() + 5e-4, $"{s.Name}: {got} vs {s.Value.GetDouble()}");
        }
    }
}
