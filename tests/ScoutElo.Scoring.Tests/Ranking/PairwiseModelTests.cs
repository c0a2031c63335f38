using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Ranking;
using ScoutElo.Scoring.Tests.PropertyTests;

namespace ScoutElo.Scoring.Tests.Ranking;

/// <summary>Tie models, style covariates, anchors, the arena's L2 fit, importance weights and joint logs of
/// <see cref="BradleyTerry"/>, checked against log-likelihoods written here straight from the models' published formulas
/// (the fit's own code is not reused): at the fit, their numerical gradient vanishes.</summary>
public sealed class PairwiseModelTests
{
    private const double EloPerNatural = 400 / 2.302585092994046;
    private const int Nodes = 5;

    /// <summary>Extra comparisons (a, b offset, outcome 0/1/2 → score 0/0.5/1, style feature of each side) on top of a base
    /// round robin in which every pair has one win each way and one tie, so every model's estimate exists.</summary>
    private static readonly Gen<(int A, int Off, int Outcome, int Fa, int Fb)[]> Extra =
        Gen.Zip(Gen.Zip(Gen.Choose(0, Nodes - 1), Gen.Zip(Gen.Choose(1, Nodes - 1), Gen.Choose(0, 2))), Gen.Zip(Gen.Choose(0, 50), Gen.Choose(0, 50)))
            .Select(t => (t.Item1.Item1, t.Item1.Item2.Item1, t.Item1.Item2.Item2, t.Item2.Item1, t.Item2.Item2))
            .ListOf().Select(l => l.Take(40).ToArray());

    private static List<PairwiseComparison> Log((int A, int Off, int Outcome, int Fa, int Fb)[] extra, bool style, int log = 0)
    {
        var list = new List<PairwiseComparison>();
        int k = 0;
        PairwiseComparison Make(int a, int b, double s)
        {
            k++;
            var c = new PairwiseComparison("m" + a, "m" + b, s) { Log = log };
            // Deterministic, varied base features (lengths) so the standardised covariate is never constant.
            return style ? c with { FeaturesA = [10 + ((k * 7) % 13)], FeaturesB = [10 + ((k * 5) % 11)] } : c;
        }
        for (int i = 0; i < Nodes; i++)
        {
            for (int j = i + 1; j < Nodes; j++)
            {
                list.Add(Make(i, j, 1));
                list.Add(Make(i, j, 0));
                list.Add(Make(j, i, 0.5));
            }
        }
        foreach (var e in extra)
        {
            var c = new PairwiseComparison("m" + e.A, "m" + ((e.A + e.Off) % Nodes), e.Outcome / 2.0) { Log = log };
            list.Add(style ? c with { FeaturesA = [e.Fa], FeaturesB = [e.Fb] } : c);
        }
        return list;
    }

    /// <summary>The log-likelihood from the published formulas, in θ (natural scale), style γ and the tie parameter.</summary>
    private static double ReferenceLogLikelihood(List<PairwiseComparison> log, TieModel model, Dictionary<string, double> theta, double gamma, double tie, double[]? z)
    {
        double ll = 0;
        for (int k = 0; k < log.Count; k++)
        {
            var c = log[k];
            double ti = theta[c.A] + (z is null ? 0 : gamma * z[k]), tj = theta[c.B];
            double pi = Math.Exp(ti), pj = Math.Exp(tj);
            double p = model switch
            {
                TieModel.Davidson => c.Score switch
                {
                    1 => pi / (pi + pj + (tie * Math.Sqrt(pi * pj))),
                    0 => pj / (pi + pj + (tie * Math.Sqrt(pi * pj))),
                    _ => tie * Math.Sqrt(pi * pj) / (pi + pj + (tie * Math.Sqrt(pi * pj))),
                },
                TieModel.RaoKupper => c.Score switch
                {
                    1 => 1 / (1 + Math.Exp(-(ti - tj - tie))),
                    0 => 1 / (1 + Math.Exp(-(tj - ti - tie))),
                    _ => 1 - (1 / (1 + Math.Exp(-(ti - tj - tie)))) - (1 / (1 + Math.Exp(-(tj - ti - tie)))),
                },
                _ => double.NaN,
            };
            ll += model == TieModel.HalfWin
                ? c.Weight * ((c.Score * Math.Log(1 / (1 + Math.Exp(tj - ti)))) + ((1 - c.Score) * Math.Log(1 / (1 + Math.Exp(ti - tj)))))
                : c.Weight * Math.Log(p);
        }
        return ll;
    }

    private static double[] StandardisedLengths(List<PairwiseComparison> log)
    {
        var x = log.Select(c => c.FeaturesA![0] + c.FeaturesB![0] > 0 ? (c.FeaturesA[0] - c.FeaturesB[0]) / (c.FeaturesA[0] + c.FeaturesB[0]) : 0).ToArray();
        double mean = x.Average(), sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
        return [.. x.Select(v => (v - mean) / sd)];
    }

    /// <summary>Central differences of the reference log-likelihood in every θ, γ and the tie parameter: all ≈ 0 at a maximum.</summary>
    private static void AssertStationary(List<PairwiseComparison> log, TieModel model, BradleyTerryResult fit, double baseRating, bool style)
    {
        var theta = fit.Ratings.ToDictionary(r => r.Node, r => (r.Rating - baseRating) / EloPerNatural);
        double gamma = style ? fit.Style[0].Coefficient : 0;
        double tie = model == TieModel.HalfWin ? 0 : fit.Ties[0].Value;
        var z = style ? StandardisedLengths(log) : null;
        const double H = 1e-5;
        double tol = 2e-5 * log.Count;
        foreach (var node in theta.Keys.ToArray())
        {
            double keep = theta[node];
            theta[node] = keep + H;
            double up = ReferenceLogLikelihood(log, model, theta, gamma, tie, z);
            theta[node] = keep - H;
            double down = ReferenceLogLikelihood(log, model, theta, gamma, tie, z);
            theta[node] = keep;
            Assert.True(Math.Abs((up - down) / (2 * H)) < tol, $"∂ℓ/∂θ[{node}] = {(up - down) / (2 * H)}");
        }
        if (style)
        {
            double g = (ReferenceLogLikelihood(log, model, theta, gamma + H, tie, z) - ReferenceLogLikelihood(log, model, theta, gamma - H, tie, z)) / (2 * H);
            Assert.True(Math.Abs(g) < tol, $"∂ℓ/∂γ = {g}");
        }
        if (model != TieModel.HalfWin)
        {
            double g = (ReferenceLogLikelihood(log, model, theta, gamma, tie + H, z) - ReferenceLogLikelihood(log, model, theta, gamma, tie - H, z)) / (2 * H);
            Assert.True(Math.Abs(g) < tol, $"∂ℓ/∂tie = {g}");
        }
    }

    [Property(MaxTest = 60)]
    public Property Davidson_and_rao_kupper_fits_are_stationary_points_of_the_published_likelihoods() =>
        Prop.ForAll(Gen.Zip(Extra, Gen.Elements(TieModel.Davidson, TieModel.RaoKupper, TieModel.HalfWin)).Shrinking(x => Generators.ShrinkArray(x.Item1).Select(e => (e, x.Item2))), x =>
        {
            var log = Log(x.Item1, style: false);
            var fit = BradleyTerry.Fit(log, new BradleyTerryOptions { Ties = x.Item2 });
            AssertStationary(log, x.Item2, fit, 1000, style: false);
            Assert.Equal(x.Item2 == TieModel.HalfWin ? 0 : 1, fit.Ties.Count);
            foreach (var t in fit.Ties) Assert.True(t.Low <= t.Value && t.Value <= t.High && t.Low >= 0, t.ToString());
        });

    [Property(MaxTest = 40)]
    public Property Style_controlled_fits_are_stationary_in_ratings_and_the_coefficient() =>
        Prop.ForAll(Gen.Zip(Extra, Gen.Elements(TieModel.Davidson, TieModel.RaoKupper, TieModel.HalfWin)).Shrinking(x => Generators.ShrinkArray(x.Item1).Select(e => (e, x.Item2))), x =>
        {
            var log = Log(x.Item1, style: true);
            var fit = BradleyTerry.Fit(log, new BradleyTerryOptions { Ties = x.Item2, StyleFeatures = ["length"] });
            AssertStationary(log, x.Item2, fit, 1000, style: true);
            Assert.Equal("length", Assert.Single(fit.Style).Feature);
        });

    [Property(MaxTest = 40)]
    public Property An_anchor_pins_its_node_exactly_and_shifts_the_maximum_likelihood_ratings_rigidly() =>
        Prop.ForAll(Gen.Zip(Extra, Gen.Zip(Gen.Elements(TieModel.Davidson, TieModel.RaoKupper, TieModel.HalfWin), Gen.Choose(0, Nodes - 1))).Select(t => (t.Item1, t.Item2.Item1, t.Item2.Item2)).Shrinking(x => Generators.ShrinkArray(x.Item1).Select(e => (e, x.Item2, x.Item3))), x =>
        {
            var log = Log(x.Item1, style: false);
            var free = BradleyTerry.Fit(log, new BradleyTerryOptions { Ties = x.Item2 });
            string node = "m" + x.Item3;
            var pinned = BradleyTerry.Fit(log, new BradleyTerryOptions { Ties = x.Item2, Anchor = new RatingAnchor(node, 1114) });
            var a = pinned.Ratings.Single(r => r.Node == node);
            Assert.Equal(1114, a.Rating);
            Assert.Equal(1114, a.Low);
            Assert.Equal(1114, a.High);
            double shift = 1114 - free.Ratings.Single(r => r.Node == node).Rating;
            foreach (var r in free.Ratings) Assert.Equal(r.Rating + shift, pinned.Ratings.Single(q => q.Node == r.Node).Rating, 1e-9);
            Assert.Equal(free.Ties.Select(t => t.Value), pinned.Ties.Select(t => t.Value));
        });

    [Fact]
    public void Anchored_intervals_are_intervals_of_the_difference_to_the_anchor_in_every_bootstrap_round()
    {
        var log = Log(Enumerable.Range(0, 60).Select(i => (i % Nodes, 1 + (i % 3), (i * 7) % 3, 0, 0)).ToArray(), style: false);
        foreach (var method in Enum.GetValues<IntervalMethod>())
        {
            var o = new BradleyTerryOptions { Intervals = method, BootstrapRounds = 200, Seed = 3 };
            var free = BradleyTerry.Fit(log, o);
            var pinned = BradleyTerry.Fit(log, o with { Anchor = new RatingAnchor("m0", 1000) });
            // Shifting the unanchored intervals would give every node the width it had; under the anchor a node's width is
            // that of its difference to m0, which differs (and m0's own width is 0).
            var widthFree = free.Ratings.ToDictionary(r => r.Node, r => r.High - r.Low);
            var widthPinned = pinned.Ratings.ToDictionary(r => r.Node, r => r.High - r.Low);
            Assert.Equal(0, widthPinned["m0"]);
            Assert.Contains(widthPinned.Keys.Where(k => k != "m0"), k => Math.Abs(widthPinned[k] - widthFree[k]) > 1);
            foreach (var r in pinned.Ratings) Assert.True(r.Low <= r.Rating && r.Rating <= r.High);
        }
    }

    [Property(MaxTest = 30)]
    public Property The_l2_fit_is_the_arena_logistic_regression_optimum() =>
        Prop.ForAll(Gen.Zip(Extra, Gen.Choose(1, 400)).Shrinking(x => Generators.ShrinkArray(x.Item1).Select(e => (e, x.Item2))), x =>
        {
            // The arena's design: every battle as 4 unit rows of a logistic regression without intercept, model columns ±ln 10,
            // minimising C·Σ loss + ½‖β‖² (β = θ / ln 10). Its gradient in β vanishes at the fit.
            var log = Log(x.Item1, style: false);
            double c = x.Item2 / 100.0;
            var fit = BradleyTerry.Fit(log, new BradleyTerryOptions { L2 = new L2Penalty(c) });
            var beta = fit.Ratings.ToDictionary(r => r.Node, r => (r.Rating - 1000) / 400);
            double Objective()
            {
                double loss = 0;
                foreach (var m in log)
                {
                    double logit = Math.Log(10) * (beta[m.A] - beta[m.B]);
                    loss += 4 * ((m.Score * Math.Log(1 + Math.Exp(-logit))) + ((1 - m.Score) * Math.Log(1 + Math.Exp(logit))));
                }
                return (c * loss) + (0.5 * beta.Values.Sum(b => b * b));
            }
            foreach (var node in beta.Keys.ToArray())
            {
                double keep = beta[node];
                beta[node] = keep + 1e-6;
                double up = Objective();
                beta[node] = keep - 1e-6;
                double down = Objective();
                beta[node] = keep;
                Assert.True(Math.Abs((up - down) / 2e-6) < 1e-4 * log.Count, $"∂/∂β[{node}] = {(up - down) / 2e-6}");
            }
            // The penalty shrinks the ratings' norm below the unpenalised one's.
            var ml = BradleyTerry.Fit(log);
            Assert.True(fit.Ratings.Sum(r => (r.Rating - 1000) * (r.Rating - 1000)) <= ml.Ratings.Sum(r => (r.Rating - 1000) * (r.Rating - 1000)) + 1e-9);
        });

    [Property(MaxTest = 30)]
    public Property Importance_weights_give_intervals_that_do_not_depend_on_the_weights_scale_frequency_weights_do() =>
        Prop.ForAll(Gen.Zip(Extra, Gen.Elements(0.02, 0.5, 3.0, 40.0)).Shrinking(x => Generators.ShrinkArray(x.Item1).Select(e => (e, x.Item2))), x =>
        {
            var log = Log(x.Item1, style: false);
            var scaled = log.Select(c => c with { Weight = x.Item2 }).ToList();
            double Width(BradleyTerryResult r) => r.Ratings.Sum(q => q.High - q.Low);
            var unit = BradleyTerry.Fit(log, new BradleyTerryOptions { Weights = WeightKind.Importance });
            var imp = BradleyTerry.Fit(scaled, new BradleyTerryOptions { Weights = WeightKind.Importance });
            var freq = BradleyTerry.Fit(scaled);
            Assert.Equal(Width(unit), Width(imp), 1e-6 * Width(unit));
            Assert.Equal(Width(unit) / Math.Sqrt(x.Item2), Width(freq), 1e-6 * Width(unit) / Math.Sqrt(x.Item2));
            foreach (var r in unit.Ratings) Assert.Equal(r.Rating, freq.Ratings.Single(q => q.Node == r.Node).Rating, 1e-8);
        });

    [Fact]
    public void Joint_logs_share_ratings_and_keep_a_tie_parameter_each()
    {
        // The first log's extra comparisons are decisive (m_i beats m_i+1), the second log's are ties between the same pairs.
        var first = Log(Enumerable.Range(0, 30).Select(i => (i % (Nodes - 1), 1, 2, 0, 0)).ToArray(), style: false, log: 0);
        var second = Log(Enumerable.Range(0, 30).Select(i => (i % (Nodes - 1), 1, 1, 0, 0)).ToArray(), style: false, log: 1);
        var third = first.Where(c => c.Score != 0.5).Select(c => c with { Log = 2 }).ToList(); // no tie at all
        var fit = BradleyTerry.Fit([.. first, .. second, .. third], new BradleyTerryOptions { Ties = TieModel.Davidson });
        Assert.Equal([0, 1, 2], fit.Ties.Select(t => t.Log));
        Assert.Equal(0, fit.Ties[2].Value); // a log without ties: ν = 0 is its MLE
        Assert.True(fit.Ties[0].Value > 0 && fit.Ties[1].Value > fit.Ties[0].Value);
        var alone = BradleyTerry.Fit(first, new BradleyTerryOptions { Ties = TieModel.Davidson });
        Assert.NotEqual(alone.Ratings[0].Rating, fit.Ratings[0].Rating);
    }

    [Fact]
    public void Rao_kupper_and_davidson_reproduce_a_known_tie_rate_between_equal_nodes()
    {
        // Two nodes, 30 wins each way and 40 ties: θ equal, and the tie parameter solves P(tie) = 0.4 exactly:
        // Davidson ν/(2 + ν) = 0.4 → ν = 4/3; Rao–Kupper tanh(η/2) = 0.4 → η = ln(1.4/0.6).
        var log = new List<PairwiseComparison>
        {
            new("x", "y", 1) { Weight = 30 }, new("x", "y", 0) { Weight = 30 }, new("x", "y", 0.5) { Weight = 40 },
        };
        var d = BradleyTerry.Fit(log, new BradleyTerryOptions { Ties = TieModel.Davidson });
        Assert.Equal(4.0 / 3, d.Ties[0].Value, 1e-10);
        var rk = BradleyTerry.Fit(log, new BradleyTerryOptions { Ties = TieModel.RaoKupper });
        Assert.Equal(Math.Log(1.4 / 0.6), rk.Ties[0].Value, 1e-10);
        Assert.All(d.Ratings.Concat(rk.Ratings), r => Assert.Equal(1000, r.Rating, 1e-9));
    }

    [Fact]
    public void Tie_models_reject_graded_scores_and_logs_of_only_ties_naming_the_parameter()
    {
        var graded = new List<PairwiseComparison> { new("a", "b", 0.7), new("b", "a", 1), new("a", "b", 1) };
        var e = Assert.Throws<ArgumentException>(() => BradleyTerry.Fit(graded, new BradleyTerryOptions { Ties = TieModel.Davidson }));
        Assert.Equal("comparisons", e.ParamName);
        Assert.Contains("graded", e.Message, StringComparison.Ordinal);
        var ties = new List<PairwiseComparison> { new("a", "b", 0.5), new("b", "a", 0.5) };
        Assert.Equal("comparisons", Assert.Throws<ArgumentException>(() => BradleyTerry.Fit(ties, new BradleyTerryOptions { Ties = TieModel.RaoKupper })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => BradleyTerry.Fit(graded, new BradleyTerryOptions { Anchor = new RatingAnchor("zz", 1000) })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => BradleyTerry.Fit(graded, new BradleyTerryOptions { L2 = new L2Penalty(0) })).ParamName);
        var noFeatures = new List<PairwiseComparison> { new("a", "b", 1), new("b", "a", 1) };
        Assert.Equal("comparisons", Assert.Throws<ArgumentException>(() => BradleyTerry.Fit(noFeatures, new BradleyTerryOptions { StyleFeatures = ["length"] })).ParamName);
        var constant = noFeatures.Select(c => c with { FeaturesA = [3], FeaturesB = [3] }).ToList();
        Assert.Contains("length", Assert.Throws<ArgumentException>(() => BradleyTerry.Fit(constant, new BradleyTerryOptions { StyleFeatures = ["length"] })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_bad_ties_are_ties_by_default_and_can_be_dropped()
    {
        var log = Log([], style: false);
        var marked = log.Select(c => c.Score == 0.5 ? c with { BothBad = true } : c).ToList();
        var asTie = BradleyTerry.Fit(marked, new BradleyTerryOptions { Ties = TieModel.Davidson });
        Assert.Equal(BradleyTerry.Fit(log, new BradleyTerryOptions { Ties = TieModel.Davidson }).Ties[0].Value, asTie.Ties[0].Value);
        var dropped = BradleyTerry.Fit(marked, new BradleyTerryOptions { Ties = TieModel.Davidson, BothBad = BothBadPolicy.Drop });
        Assert.Equal(0, dropped.Ties[0].Value); // no tie left
        Assert.Contains("both bad", new PairwiseComparison("a", "b", 1) { BothBad = true }.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void Style_control_recovers_a_planted_length_preference()
    {
        // Equal models; judges prefer the longer answer with a log-odds effect of 0.8 per standard deviation of the covariate.
        var rng = new Random(12);
        var log = new List<PairwiseComparison>();
        var raw = new List<(int a, int b, double fa, double fb)>();
        for (int k = 0; k < 20_000; k++)
        {
            int a = rng.Next(4), b = (a + 1 + rng.Next(3)) % 4;
            raw.Add((a, b, 50 + rng.Next(400), 50 + rng.Next(400)));
        }
        var x = raw.Select(r => (r.fa - r.fb) / (r.fa + r.fb)).ToArray();
        double mean = x.Average(), sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
        for (int k = 0; k < raw.Count; k++)
        {
            double logit = (0.3 * raw[k].a) - (0.3 * raw[k].b) + (0.8 * (x[k] - mean) / sd);
            double s = rng.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
            log.Add(new PairwiseComparison("m" + raw[k].a, "m" + raw[k].b, s) { FeaturesA = [raw[k].fa], FeaturesB = [raw[k].fb] });
        }
        var fit = BradleyTerry.Fit(log, new BradleyTerryOptions { StyleFeatures = ["length"] });
        var g = fit.Style[0];
        Assert.InRange(0.8, g.Low, g.High);
        Assert.Equal(g.Coefficient * EloPerNatural, g.CoefficientElo, 1e-9);
        var r = fit.Ratings.ToDictionary(q => q.Node, q => q.Rating);
        Assert.Equal(0.9 * EloPerNatural, r["m3"] - r["m0"], 15.0);
    }

    [Fact]
    public void Bootstrap_covers_ties_and_style_and_is_deterministic_by_seed()
    {
        var log = Log(Enumerable.Range(0, 80).Select(i => (i % Nodes, 1 + (i % 4), (i * 5) % 3, (i * 13) % 40, (i * 7) % 40)).ToArray(), style: true);
        var o = new BradleyTerryOptions { Ties = TieModel.RaoKupper, StyleFeatures = ["length"], Intervals = IntervalMethod.Bootstrap, BootstrapRounds = 100, Seed = 5 };
        var a = BradleyTerry.Fit(log, o);
        var b = BradleyTerry.Fit(log, o);
        Assert.Equal(a.Ratings, b.Ratings);
        Assert.Equal(a.Ties, b.Ties);
        Assert.Equal(a.Style, b.Style);
        Assert.True(a.Ties[0].Low < a.Ties[0].Value && a.Ties[0].Value < a.Ties[0].High);
        Assert.True(a.Style[0].Low < a.Style[0].Coefficient && a.Style[0].Coefficient < a.Style[0].High);
        Assert.NotEqual(a.Ratings, BradleyTerry.Fit(log, o with { Seed = 6 }).Ratings);
    }

    [Fact]
    public void Degenerate_resamples_are_counted_and_intervals_stay_finite()
    {
        // A sparse log: a node with one win and one loss is often cut off or undefeated in a resample.
        var log = new List<PairwiseComparison> { new("a", "b", 1), new("b", "a", 1), new("b", "c", 1), new("c", "b", 1), new("c", "a", 1), new("a", "c", 0.5) };
        var fit = BradleyTerry.Fit(log, new BradleyTerryOptions { Intervals = IntervalMethod.Bootstrap, BootstrapRounds = 200 });
        Assert.True(fit.DegenerateResamples > 0);
        Assert.All(fit.Ratings, r => Assert.True(double.IsFinite(r.Low) && double.IsFinite(r.High)));
    }

    [Fact]
    public void Match_results_and_plain_comparisons_fit_identically()
    {
        var log = Log(Enumerable.Range(0, 40).Select(i => (i % Nodes, 1 + (i % 4), (i * 5) % 3, 0, 0)).ToArray(), style: false);
        var viaComparisons = BradleyTerry.Fit(log);
        var viaMatches = BradleyTerry.Fit(log.Select(c => new MatchResult(c.A, c.B, c.Score, c.Weight)).ToList());
        Assert.Equal(viaComparisons.Ratings, viaMatches.Ratings);
    }
}
