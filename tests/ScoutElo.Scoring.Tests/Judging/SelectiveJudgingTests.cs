using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Judging;
using ScoutElo.Scoring.Tests.PropertyTests;

namespace ScoutElo.Scoring.Tests.Judging;

/// <summary>Issue 37: selective judging with a guarantee of human agreement (Trust or Escalate).</summary>
public sealed class SelectiveJudgingTests
{
    /// <summary>A calibrated judge: confidence c uniform on [0.5, 1], right with probability c. Its true disagreement above a
    /// threshold λ is E[1 − c | c ≥ λ] = (1 − λ)/2, so a policy meets α exactly when λ ≥ 1 − 2α.</summary>
    private static List<JudgedItem> Calibrated(Random rng, int n, string judge = "j", double shift = 0)
    {
        var items = new List<JudgedItem>(n);
        for (int i = 0; i < n; i++)
        {
            double c = 0.5 + (0.5 * rng.NextDouble());
            int label = rng.Next(2);
            bool right = rng.NextDouble() < Math.Clamp(c - shift, 0, 1);
            items.Add(new JudgedItem($"i{i}", new Dictionary<string, JudgeVerdict> { [judge] = new(right ? label : 1 - label, c) }, label));
        }
        return items;
    }

    [Fact]
    public void Clopper_Pearson_bounds_equal_the_published_values()
    {
        // All 30 right: the exact one-sided 90 % upper bound is 1 − 0.1^(1/30).
        Assert.Equal(1 - Math.Pow(0.1, 1.0 / 30), BinomialBounds.Upper(0, 30, 0.1), 12);
        // 5 of 20, two-sided 95 % (Clopper and Pearson's table; e.g. Agresti & Coull 1998): [0.0866, 0.4910].
        var ci = ProportionInterval.Of(5, 20, 0.95);
        Assert.Equal(0.0866, ci.Low, 4);
        Assert.Equal(0.4910, ci.High, 4);
        Assert.Equal(0.25, ci.Estimate);
        Assert.Equal(new ProportionInterval(0, 0, null, 0, 1), ProportionInterval.Of(0, 0));
    }

    [Fact]
    public void A_judge_that_is_always_right_decides_everything_and_one_always_wrong_abstains()
    {
        var items = Enumerable.Range(0, 100).Select(i => new JudgedItem($"i{i}", new Dictionary<string, JudgeVerdict>
        {
            ["good"] = new(i % 2, 0.5 + (i / 200.0)),
            ["bad"] = new(1 - (i % 2), 0.99),
        }, i % 2)).ToList();
        var good = SelectiveJudging.Calibrate(["good"], items);
        Assert.Equal(0.0, good.Judges[0].Threshold);
        Assert.Equal(100, good.Judges[0].CalibrationDecided);
        Assert.Equal(1.0, good.Apply(items).Coverage.Estimate);
        var bad = SelectiveJudging.Calibrate(["bad"], items);
        Assert.Null(bad.Judges[0].Threshold);
        Assert.StartsWith("abstains: no threshold", bad.Judges[0].Abstains, StringComparison.Ordinal);
        var report = bad.Apply(items);
        Assert.Equal(0.0, report.Coverage.Estimate);
        Assert.All(report.Items, d => Assert.True(d.Escalated));
        Assert.Equal(0, report.Agreement!.Trials);
    }

    [Fact]
    public void A_judge_too_few_items_reach_abstains_and_says_why()
    {
        var policy = SelectiveJudging.Calibrate(["j"], Calibrated(new Random(1), 20));
        Assert.Null(policy.Judges[0].Threshold);
        Assert.Equal("abstains: only 20 calibration item(s) reach it; a threshold needs at least 30", policy.Judges[0].Abstains);
    }

    /// <summary>The guarantee, checked where the truth is known: over 300 calibration draws the policy's true disagreement
    /// exceeds α in at most δ of them (plus three binomial standard errors of the 300 draws), and the threshold is not
    /// needlessly high: on average it is within 0.15 of the smallest valid one (1 − 2α) with 500 calibration items.</summary>
    [Fact]
    public void With_probability_one_minus_delta_the_kept_verdicts_agree_with_people_one_minus_alpha_of_the_time()
    {
        var options = new SelectiveJudgingOptions { Alpha = 0.15, Delta = 0.1 };
        var rng = new Random(37);
        int violations = 0, draws = 300;
        double sum = 0;
        for (int d = 0; d < draws; d++)
        {
            var policy = SelectiveJudging.Calibrate(["j"], Calibrated(rng, 500), options);
            double lambda = policy.Judges[0].Threshold ?? 1;
            if ((1 - lambda) / 2 > options.Alpha + 1e-12) violations++;
            sum += lambda;
        }
        double rate = (double)violations / draws;
        Assert.True(rate <= options.Delta + (3 * Math.Sqrt(options.Delta * (1 - options.Delta) / draws)), $"violation rate {rate}");
        Assert.InRange(sum / draws, 1 - (2 * options.Alpha), 1 - (2 * options.Alpha) + 0.15);
    }

    [Fact]
    public void A_cascade_tries_judges_in_order_and_escalates_what_nobody_can_decide()
    {
        var rng = new Random(5);
        var items = new List<JudgedItem>();
        for (int i = 0; i < 2000; i++)
        {
            int label = rng.Next(2);
            double weak = 0.5 + (0.5 * rng.NextDouble()), strong = 0.5 + (0.5 * rng.NextDouble());
            items.Add(new JudgedItem($"i{i}", new Dictionary<string, JudgeVerdict>
            {
                ["weak"] = new(rng.NextDouble() < weak ? label : 1 - label, weak),
                ["strong"] = new(rng.NextDouble() < strong ? label : 1 - label, strong),
            }, label));
        }
        var policy = SelectiveJudging.Calibrate(["weak", "strong"], items[..1000]);
        Assert.Equal(["weak", "strong"], policy.Judges.Select(j => j.Judge));
        Assert.NotNull(policy.Judges[0].Threshold);
        Assert.True(policy.Judges[1].CalibrationItems < 1000, "the second judge sees only what the first left undecided");
        var report = policy.Apply(items[1000..]);
        Assert.Equal(report.Items.Count(d => !d.Escalated), report.DecidedByJudge.Sum(p => p.Value));
        Assert.All(report.Items.Where(d => d.Judge == "weak"), d => Assert.True(items[1000..].First(i => i.Id == d.Id).Verdicts["weak"].Confidence >= policy.Judges[0].Threshold));
        Assert.True(report.Agreement!.Estimate >= 0.85, $"agreement {report.Agreement.Estimate}");
        Assert.True(report.Coverage.Estimate > 0.2, $"coverage {report.Coverage.Estimate}");
        // An item without the first judge's verdict goes to the second.
        var d2 = policy.Decide("x", new Dictionary<string, JudgeVerdict> { ["strong"] = new(1, 1.0) });
        Assert.Equal(("strong", 1), (d2.Judge, d2.Decision));
    }

    private static readonly Gen<List<JudgedItem>> Items =
        from n in Gen.Choose(0, 400)
        from seed in Gen.Choose(0, int.MaxValue)
        from shift in Gen.Choose(0, 30)
        select Calibrated(new Random(seed), n, "j", shift / 100.0);

    [Property(MaxTest = 60)]
    public Property A_threshold_is_only_set_where_its_bound_meets_alpha_and_a_larger_alpha_never_raises_it() =>
        Prop.ForAll(Items.Shrinking(l => Generators.ShrinkList(l)), items =>
        {
            if (!items.Exists(i => i.Label is not null)) return;
            var strict = SelectiveJudging.Calibrate(["j"], items, new SelectiveJudgingOptions { Alpha = 0.1 });
            var lenient = SelectiveJudging.Calibrate(["j"], items, new SelectiveJudgingOptions { Alpha = 0.2 });
            foreach (var (p, alpha) in new[] { (strict, 0.1), (lenient, 0.2) })
            {
                var t = p.Judges[0];
                if (t.Threshold is null) continue;
                Assert.True(t.DisagreementBound <= alpha, $"bound {t.DisagreementBound} > {alpha}");
                Assert.True(t.CalibrationDecided >= 30);
                Assert.Equal(t.CalibrationDecided, p.Apply(items).Coverage.Successes);
            }
            if (strict.Judges[0].Threshold is { } s) Assert.True(lenient.Judges[0].Threshold <= s);
        });

    [Property(MaxTest = 30)]
    public Property A_policy_read_back_from_json_is_the_same_policy() =>
        Prop.ForAll(Items.Shrinking(l => Generators.ShrinkList(l)), items =>
        {
            if (!items.Exists(i => i.Label is not null)) return;
            var policy = SelectiveJudging.Calibrate(["j"], items, new SelectiveJudgingOptions { SplitDelta = true });
            var back = EscalationPolicy.FromJson(policy.ToJson());
            Assert.Equal(policy.ToJson(), back.ToJson());
            Assert.Equal(policy.Apply(items).Items, back.Apply(items).Items);
        });

    [Theory]
    [InlineData("{}", "schema")]
    [InlineData("{\"schema\":2}", "schema 1")]
    [InlineData("{\"schema\":1,\"alpha\":1.5,\"delta\":0.1,\"minItems\":30,\"gridSize\":5000,\"splitDelta\":false,\"judges\":[]}", "Alpha")]
    [InlineData("{\"schema\":1,\"alpha\":0.1,\"delta\":0.1,\"minItems\":30,\"gridSize\":5000,\"splitDelta\":false,\"judges\":[]}", "at least one judge")]
    [InlineData("not json", "valid escalation policy")]
    public void A_bad_policy_file_is_refused_naming_what_is_wrong(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => EscalationPolicy.FromJson(json)).Message, StringComparison.Ordinal);

    [Fact]
    public void Bad_input_is_refused_naming_the_parameter()
    {
        var items = Calibrated(new Random(2), 50);
        Assert.Equal("decision", Assert.Throws<ArgumentOutOfRangeException>(() => new JudgeVerdict(2, 0.5)).ParamName);
        Assert.Equal("confidence", Assert.Throws<ArgumentOutOfRangeException>(() => new JudgeVerdict(1, double.NaN)).ParamName);
        Assert.Equal("probability", Assert.Throws<ArgumentOutOfRangeException>(() => JudgeVerdict.FromProbability(1.2)).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentOutOfRangeException>(() => new JudgedItem("x", new Dictionary<string, JudgeVerdict>(), 2)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => SelectiveJudging.Calibrate(["j"], items, new SelectiveJudgingOptions { Alpha = 0 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => SelectiveJudging.Calibrate(["j"], items, new SelectiveJudgingOptions { Delta = 1 })).ParamName);
        Assert.Equal("judges", Assert.Throws<ArgumentException>(() => SelectiveJudging.Calibrate([], items)).ParamName);
        Assert.Contains("'k'", Assert.Throws<ArgumentException>(() => SelectiveJudging.Calibrate(["j", "k"], items)).Message, StringComparison.Ordinal);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => SelectiveJudging.Calibrate(["j", "j"], items)).Message, StringComparison.Ordinal);
        Assert.Equal("items", Assert.Throws<ArgumentException>(() => SelectiveJudging.Calibrate(["j"], [new JudgedItem("x", items[0].Verdicts)])).ParamName);
        Assert.Equal(JudgeVerdict.FromProbability(0.2), new JudgeVerdict(0, 0.8));
        Assert.Equal(JudgeVerdict.FromProbability(0.5), new JudgeVerdict(1, 0.5));
    }
}
