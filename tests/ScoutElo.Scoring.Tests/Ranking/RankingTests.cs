using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Ranking;
using ScoutElo.Scoring.Tests.PropertyTests;

namespace ScoutElo.Scoring.Tests.Ranking;

public sealed class RankingTests
{
    private static readonly Gen<double> Rating = Gen.Choose(0, 400_000).Select(i => i / 100.0);

    internal static readonly Gen<MatchResult[]> Matches =
        Gen.Zip(Gen.Choose(0, 7), Gen.Zip(Gen.Choose(1, 7), Gen.Choose(0, 4))).Select(t => new MatchResult("n" + t.Item1, "n" + ((t.Item1 + t.Item2.Item1) % 8), t.Item2.Item2 / 4.0))
            .NonEmptyListOf().Select(l => l.Take(60).ToArray());

    [Property]
    public Property Expected_scores_of_a_pair_always_sum_to_one() =>
        Prop.ForAll(Gen.Zip(Rating, Rating).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkDouble, Generators.ShrinkDouble)), p =>
            Assert.Equal(1.0, EloBatchUpdater.ExpectedScore(p.Item1, p.Item2) + EloBatchUpdater.ExpectedScore(p.Item2, p.Item1), 1e-12));

    [Property]
    public Property Online_and_batch_elo_conserve_the_rating_sum_with_equal_k_and_count_the_same_games() =>
        Prop.ForAll(Matches.Shrinking(Generators.ShrinkArray), ms =>
        {
            var online = new EloRatingTable();
            var batch = new EloRatingTable();
            for (int i = 0; i < 8; i++) { online.Add("n" + i); batch.Add("n" + i); }
            online.ApplySequential(ms);
            batch.ApplyBatch(ms);
            Assert.Equal(8000, online.Snapshot().Values.Sum(), 1e-6);
            Assert.Equal(8000, batch.Snapshot().Values.Sum(), 1e-6);
            batch.ApplyBatch(ms); // game counts accumulate across periods
            foreach (var id in online.Nodes) Assert.Equal(2 * online.Games(id), batch.Games(id));
        });

    [Property]
    public Property Batch_elo_is_invariant_to_match_order() =>
        Prop.ForAll(Matches.Shrinking(Generators.ShrinkArray), ms =>
        {
            var a = new EloRatingTable(new EloOptions { KFactor = KFactorPolicy.Fide });
            var b = new EloRatingTable(new EloOptions { KFactor = KFactorPolicy.Fide });
            for (int i = 0; i < 8; i++) { a.Add("n" + i); b.Add("n" + i); }
            a.ApplyBatch(ms);
            b.ApplyBatch(ms.Reverse().ToArray());
            foreach (var (k, v) in a.Snapshot()) Assert.Equal(v, b.Rating(k), 1e-9);
        });

    [Fact]
    public void Simd_kernel_equals_the_scalar_reference_at_every_length()
    {
        var rng = new Random(5);
        for (int len = 0; len <= 600; len += len < 40 ? 1 : 37)
        {
            AssertKernelMatchesScalar(rng, 50, len, 1_600, weighted: true);
        }
    }

    [Theory]
    [InlineData(1_600.0)]     // ordinary ratings: per-node strengths (no exp per match)
    [InlineData(100_000.0)]   // just inside the strengths' range
    [InlineData(110_000.0)]   // wider than ±300 in exponent: falls back to one exp per match
    [InlineData(1e6)]
    public void Simd_kernel_equals_the_scalar_reference_on_both_paths(double spread)
    {
        var rng = new Random(11);
        foreach (int n in new[] { 2, 7, 50, 700 }) // n = 700 > 600 matches takes the per-match path even for ordinary ratings
        {
            AssertKernelMatchesScalar(rng, n, 600, spread, weighted: false);
            AssertKernelMatchesScalar(rng, n, 600, spread, weighted: true);
        }
    }

    /// <summary>A random log of <paramref name="len"/> matches among <paramref name="n"/> nodes whose ratings span
    /// <paramref name="spread"/> points: the SIMD kernel's deltas equal the scalar reference's within 1e-9.</summary>
    private static void AssertKernelMatchesScalar(Random rng, int n, int len, double spread, bool weighted)
    {
        var ratings = Enumerable.Range(0, n).Select(_ => 800 + ((rng.NextDouble() - 0.5) * spread)).ToArray();
        var k = Enumerable.Range(0, n).Select(i => 10.0 + (i % 30)).ToArray();
        var a = Enumerable.Range(0, len).Select(_ => rng.Next(n)).ToArray();
        var b = a.Select(x => (x + 1 + rng.Next(n - 1)) % n).ToArray();
        var s = Enumerable.Range(0, len).Select(_ => (float)(rng.Next(3) / 2.0)).ToArray();
        var w = weighted ? Enumerable.Range(0, len).Select(_ => (float)(0.5 + rng.NextDouble())).ToArray() : [];
        var d1 = new double[n];
        var d2 = new double[n];
        EloBatchUpdater.ComputeDeltas(ratings, k, a, b, s, d1, w);
        EloBatchUpdater.ComputeDeltasScalar(ratings, k, a, b, s, d2, w);
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(d1[i] - d2[i]) <= 1e-9 * Math.Max(1, Math.Abs(d2[i])), $"n {n}, {len} matches, node {i}: {d1[i]} vs {d2[i]}");
    }

    [Fact]
    public void Simd_kernel_writes_nothing_when_a_late_chunk_is_invalid()
    {
        const int n = 10, len = 2_000; // several chunks; the bad match is in the last one
        var ratings = Enumerable.Range(0, n).Select(i => 1_000.0 + (10 * i)).ToArray();
        var k = Enumerable.Repeat(32.0, n).ToArray();
        var a = Enumerable.Range(0, len).Select(j => j % n).ToArray();
        var b = a.Select(x => (x + 1) % n).ToArray();
        var s = Enumerable.Repeat(1f, len).ToArray();
        s[len - 3] = 1.5f;
        var deltas = Enumerable.Repeat(7.0, n).ToArray();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => EloBatchUpdater.ComputeDeltas(ratings, k, a, b, s, deltas));
        Assert.Equal("scores", ex.ParamName);
        Assert.Contains($"Match {len - 3}:", ex.Message, StringComparison.Ordinal);
        Assert.All(deltas, d => Assert.Equal(7.0, d));
    }

    [Property]
    public Property A_win_never_lowers_the_winner() =>
        Prop.ForAll(Gen.Zip(Rating, Rating).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkDouble, Generators.ShrinkDouble)), p =>
        {
            var t = new EloRatingTable();
            t.Add("a", p.Item1);
            t.Add("b", p.Item2);
            t.Apply(new MatchResult("a", "b", 1));
            Assert.True(t.Rating("a") >= p.Item1);
            var g = new Glicko2RatingTable();
            g.ApplyBatch([new MatchResult("a", "b", 1)]);
            Assert.True(g.Rating("a").Rating >= 1500);
        });

    [Fact]
    public void Failed_updates_leave_the_table_unchanged()
    {
        var t = new EloRatingTable();
        t.Apply(new MatchResult("a", "b", 1));
        string before = t.ToJson();
        Assert.Throws<ArgumentException>(() => t.ApplyBatch([new MatchResult("a", "c", 1), new MatchResult("a", "a", 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.ApplyBatch([new MatchResult("a", "c", 1), new MatchResult("a", "b", double.NaN)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.ApplySequential([new MatchResult("a", "b", 1), new MatchResult("a", "b", 1.5)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Apply(new MatchResult("a", "b", 1, 0)));
        Assert.Equal(before, t.ToJson());
        Assert.Throws<KeyNotFoundException>(() => t.Rating("zzz"));
        Assert.Throws<KeyNotFoundException>(() => new Glicko2RatingTable().Rating("zzz")); // the two tables agree on unknown nodes
        var g = new Glicko2RatingTable();
        g.ApplyBatch([new MatchResult("a", "b", 1)]);
        var snapshot = g.Snapshot();
        Assert.Throws<ArgumentOutOfRangeException>(() => g.ApplyBatch([new MatchResult("a", "c", 1), new MatchResult("a", "b", -1)]));
        Assert.Equal(snapshot, g.Snapshot());
    }

    [Fact]
    public void Bad_options_throw() 
    {
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => KFactorPolicy.Fixed(0)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new ScoutPerformance(new ScoutPerformanceOptions { K1 = 0.5, K2 = 0.5, K3 = 0.5 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new ScoutPerformance(new ScoutPerformanceOptions { K1 = -0.2, K2 = 0.6, K3 = 0.6 })).ParamName);
    }

    [Property]
    public Property Elo_table_round_trips_exactly_through_json() =>
        Prop.ForAll(Matches.Shrinking(Generators.ShrinkArray), ms =>
        {
            var t = new EloRatingTable(new EloOptions { KFactor = KFactorPolicy.Fide, InitialRating = 1234.5 });
            t.ApplySequential(ms);
            var back = EloRatingTable.FromJson(t.ToJson());
            Assert.Equal(t.ToJson(), back.ToJson());
            foreach (var id in t.Nodes) { Assert.Equal(t.Rating(id), back.Rating(id)); Assert.Equal(t.Games(id), back.Games(id)); }
        });

    [Property]
    public Property Bradley_terry_is_invariant_to_match_order() =>
        Prop.ForAll(Matches.Shrinking(Generators.ShrinkArray), ms =>
        {
            var connected = ms.Concat(Enumerable.Range(0, 8).Select(i => new MatchResult("n" + i, "n" + ((i + 1) % 8), 0.5))).ToArray();
            var a = BradleyTerry.Fit(connected);
            var b = BradleyTerry.Fit(connected.Reverse().ToArray());
            foreach (var r in a.Ratings) Assert.Equal(r.Rating, b.Ratings.Single(x => x.Node == r.Node).Rating, 1e-6);
        });

    [Property]
    public Property Bradley_terry_reproduces_observed_win_rates_on_complete_round_robins() =>
        Prop.ForAll(Gen.Choose(1, 9).ArrayOf(6).ToArbitrary(), wins =>
        {
            // 4 nodes, every pair plays 10 games; the MLE's expected wins per node equal the observed wins.
            var ms = new List<MatchResult>();
            int k = 0;
            for (int i = 0; i < 4; i++)
            {
                for (int j = i + 1; j < 4; j++, k++)
                {
                    ms.Add(new MatchResult("n" + i, "n" + j, 1, wins[k]));
                    ms.Add(new MatchResult("n" + j, "n" + i, 1, 10 - wins[k]));
                }
            }
            var fit = BradleyTerry.Fit(ms);
            var p = fit.Ratings.ToDictionary(r => r.Node, r => r.Strength);
            for (int i = 0; i < 4; i++)
            {
                double observed = ms.Where(m => m.A == "n" + i).Sum(m => m.Weight);
                double expected = Enumerable.Range(0, 4).Where(j => j != i).Sum(j => 10 * p["n" + i] / (p["n" + i] + p["n" + j]));
                Assert.Equal(observed, expected, 1e-6);
            }
        });

    [Fact]
    public void Bradley_terry_intervals_contain_the_estimate_and_ranks_follow_the_documented_rule()
    {
        var rng = new Random(3);
        double[] strength = [0, 0.5, 1.0, 3.0];
        var ms = new List<MatchResult>();
        for (int g = 0; g < 2000; g++)
        {
            int i = rng.Next(4), j = (i + 1 + rng.Next(3)) % 4;
            double p = 1 / (1 + Math.Exp(strength[j] - strength[i]));
            ms.Add(new MatchResult("n" + i, "n" + j, rng.NextDouble() < p ? 1 : 0));
        }
        foreach (var method in Enum.GetValues<IntervalMethod>())
        {
            var fit = BradleyTerry.Fit(ms, new BradleyTerryOptions { Intervals = method, Seed = 4 });
            Assert.Equal("n3", fit.Ratings[0].Node);
            foreach (var r in fit.Ratings) Assert.Equal(1 + fit.Ratings.Count(o => o.Low > r.High), r.Rank);
            Assert.Equal(1, fit.Ratings[0].Rank);
            // 2,000 games resolve these strengths: the strongest node's interval lies wholly above the weakest one's.
            Assert.True(fit.Ratings[0].Low > fit.Ratings[^1].High, $"{fit.Ratings[0]} vs {fit.Ratings[^1]}");
        }
        Assert.Equal(BradleyTerry.Fit(ms, new BradleyTerryOptions { Intervals = IntervalMethod.Bootstrap, Seed = 9 }), BradleyTerry.Fit(ms, new BradleyTerryOptions { Intervals = IntervalMethod.Bootstrap, Seed = 9 }), new ResultComparer());
    }

    private sealed class ResultComparer : IEqualityComparer<BradleyTerryResult>
    {
        public bool Equals(BradleyTerryResult? x, BradleyTerryResult? y) => x!.Ratings.SequenceEqual(y!.Ratings);

        public int GetHashCode(BradleyTerryResult obj) => 0;
    }

    [Fact]
    public void Bradley_terry_undefeated_node_is_regularized_disconnected_graph_is_an_error()
    {
        var fit = BradleyTerry.Fit([new MatchResult("a", "b", 1), new MatchResult("b", "c", 1), new MatchResult("c", "b", 1)]);
        Assert.Equal(0.5, fit.PriorDraws);
        Assert.All(fit.Ratings, r => Assert.True(double.IsFinite(r.Rating) && double.IsFinite(r.Low) && double.IsFinite(r.High)));
        Assert.Equal("matches", Assert.Throws<ArgumentException>(() => BradleyTerry.Fit([new MatchResult("a", "b", 1), new MatchResult("c", "d", 0)])).ParamName);
    }

    [Fact]
    public void Performance_and_outcomes_follow_the_documented_formulas()
    {
        var perf = new ScoutPerformance();
        Assert.Equal(0.5, perf.Eel(2000), 12);
        Assert.Equal(0.5, perf.Ots(40), 12);
        Assert.Equal((0.4 * 0.5) + (0.3 * 0.9) + (0.3 * 0.5), perf.Score(2000, 0.9, 40), 12);
        var rule = new MatchOutcomeRule();
        Assert.Equal(0.5, rule.Decide(0.5, 0.5, 0.5, 0.5));
        Assert.Equal(1.0, rule.Decide(1, 1, 0, 0));
        Assert.Equal(0.75, MatchOutcomeRule.HealthCheck(0.9, 0.4), 12);
        Assert.Equal("quality", Assert.Throws<ArgumentOutOfRangeException>(() => MatchOutcomeRule.HealthCheck(double.NaN, 0.4)).ParamName);
    }
}

public sealed class RatingPolicyTests
{
    [Fact]
    public void Glicko2_deviation_grows_for_inactive_nodes_and_stays_capped()
    {
        var g = new Glicko2RatingTable();
        g.ApplyBatch([new MatchResult("a", "b", 1), new MatchResult("a", "b", 1), new MatchResult("b", "a", 0.5)]);
        var before = g.Rating("a");
        g.ApplyBatch([new MatchResult("c", "d", 1)]);
        var after = g.Rating("a");
        Assert.Equal(before.Rating, after.Rating);
        Assert.True(after.Deviation > before.Deviation);
        for (int i = 0; i < 1000; i++) g.ApplyBatch([new MatchResult("c", "d", 0.5)]);
        Assert.Equal(350, g.Rating("a").Deviation, 9);
    }

    [Property(MaxTest = 80)]
    public Property Elo_on_the_touched_nodes_equals_the_dense_batch_bit_for_bit() =>
        Prop.ForAll(Gen.Choose(0, 40).Zip(Gen.Elements(KFactorPolicy.Fixed(16), KFactorPolicy.Fide)).ToArbitrary(), RankingTests.Matches.Shrinking(Generators.ShrinkArray), (t, ms) =>
        {
            var (bystanders, policy) = t; // nodes that do not play: with more of them than matches, the touched-only path runs
            EloRatingTable Table()
            {
                var table = new EloRatingTable(new EloOptions { KFactor = policy });
                for (int i = 0; i < bystanders; i++) table.Add($"idle{i}", 1200 + (37 * i));
                table.Add("n3", 1700);
                return table;
            }
            var dense = Table();
            var touched = Table();
            dense.ApplyBatch(ms);
            touched.ApplyBatchTouched(ms);
            return (dense.Nodes.SequenceEqual(touched.Nodes) && dense.Nodes.All(n => dense.Rating(n) == touched.Rating(n) && dense.Games(n) == touched.Games(n)))
                .Label($"{bystanders} bystanders, {ms.Length} matches");
        });

    [Property(MaxTest = 50)]
    public Property Glicko2_idle_deviation_equals_one_step_per_idle_period() =>
        Prop.ForAll(Gen.Choose(0, 1500).Zip(Gen.Choose(1, 30)).ToArbitrary(), t =>
        {
            var (idle, reads) = t;
            var g = new Glicko2RatingTable();
            g.ApplyBatch([new MatchResult("a", "b", 1), new MatchResult("a", "b", 0.5)]);
            var start = g.Rating("a");
            double deviation = start.Deviation; // the eager rule, step by step: √(φ² + σ²) on the Glicko-2 scale, capped
            for (int i = 0; i < idle; i++)
            {
                if (i % reads == 0) Assert.Equal(deviation, g.Rating("a").Deviation, 1e-9); // reading in between changes nothing
                g.ApplyBatch([new MatchResult("c", "d", 0.5)]);
                double phi = deviation / 173.7178;
                deviation = Math.Min(350, 173.7178 * Math.Sqrt((phi * phi) + (start.Volatility * start.Volatility)));
            }
            var now = g.Rating("a");
            // The closed form √(φ² + k·σ²) and k single steps agree up to rounding (a few ulps per step).
            return (Math.Abs(now.Deviation - deviation) <= 1e-12 * deviation && now.Rating == start.Rating && now.Volatility == start.Volatility)
                .Label($"after {idle} idle periods: {now.Deviation:R} vs {deviation:R}");
        });

    [Fact]
    public void Fide_k_is_40_then_20_then_10()
    {
        var t = new EloRatingTable(new EloOptions { KFactor = KFactorPolicy.Fide });
        t.Add("new", 1500);
        t.Add("opp", 1500);
        t.Apply(new MatchResult("new", "opp", 1));
        Assert.Equal(1520, t.Rating("new"), 9); // K = 40 × (1 − 0.5)
        Assert.Equal(40, KFactorPolicy.Fide.For(29, 2500));
        Assert.Equal(20, KFactorPolicy.Fide.For(30, 2399));
        Assert.Equal(10, KFactorPolicy.Fide.For(30, 2400));
    }
}
