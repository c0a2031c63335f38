using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Tests.PropertyTests;

namespace ScoutElo.Scoring.Tests.Calibration;

/// <summary>Issue 37: prediction-powered estimates of a mean (PPI++) — unbiased, covering, narrower than the labels alone when
/// the scores carry information, and never worse than them when the scores carry none.</summary>
public sealed class PredictionPoweredInferenceTests
{
    [Fact]
    public void The_estimate_equals_an_independent_numpy_computation_of_the_ppi_plus_plus_formulas()
    {
        // numpy/scipy: lambda = cov(Y, f) / ((1 + n/N) var(f)); theta = mean Y + lambda (mean f~ - mean f);
        // se = sqrt(var(Y - lambda f)/n + lambda^2 var(f~)/N) (ddof 1); z = norm.ppf(0.975).
        double[] y = [1, 0, 1, 1, 0, 1, 0, 1, 1, 1];
        double[] f = [0.9, 0.2, 0.7, 0.8, 0.4, 0.6, 0.1, 0.95, 0.5, 0.85];
        double[] u = [0.3, 0.8, 0.9, 0.6, 0.2, 0.7, 0.75, 0.4, 0.65, 0.55, 0.9, 0.15];
        var e = PredictionPoweredInference.Mean(y, f, u);
        Assert.Equal(0.7643312101910827, e.Lambda, 12);
        Assert.Equal(0.680891719745223, e.Mean, 12);
        Assert.Equal(0.45715206308000333, e.Low, 9);
        Assert.Equal(0.9046313764104427, e.High, 9);
        Assert.Equal(0.4006105560485982, e.HumanOnlyLow, 9);
        Assert.Equal(0.9993894439514017, e.HumanOnlyHigh, 9);
        Assert.Equal((10, 12, 0.7), (e.Labelled, e.Unlabelled, e.HumanOnlyMean));
    }

    /// <summary>A synthetic population where the truth is known: item quality q ~ U(0, 1), the human label is 1 with
    /// probability q, the automatic score is q plus noise (biased by <paramref name="bias"/>).</summary>
    private static (double[] Y, double[] F, double[] U) Draw(Random rng, int n, int bigN, double noise, double bias)
    {
        double Score(double q) => Math.Clamp(q + bias + (noise * (rng.NextDouble() - 0.5)), 0, 1);
        var y = new double[n];
        var f = new double[n];
        for (int i = 0; i < n; i++)
        {
            double q = rng.NextDouble();
            y[i] = rng.NextDouble() < q ? 1 : 0;
            f[i] = Score(q);
        }
        var u = new double[bigN];
        for (int j = 0; j < bigN; j++) u[j] = Score(rng.NextDouble());
        return (y, f, u);
    }

    [Fact]
    public void Over_500_draws_the_interval_covers_the_truth_at_its_level_is_unbiased_and_is_narrower_than_the_labels_alone()
    {
        var rng = new Random(2311);
        int covered = 0, draws = 500;
        double sum = 0, width = 0, humanWidth = 0;
        for (int d = 0; d < draws; d++)
        {
            var (y, f, u) = Draw(rng, 100, 2000, noise: 0.4, bias: 0.1); // a biased judge: its own mean is off by ~0.1
            var e = PredictionPoweredInference.Mean(y, f, u);
            if (e.Low <= 0.5 && 0.5 <= e.High) covered++;
            sum += e.Mean;
            width += e.High - e.Low;
            humanWidth += e.HumanOnlyHigh - e.HumanOnlyLow;
        }
        Assert.True(covered >= 0.93 * draws, $"covered {covered} of {draws}");
        Assert.InRange(sum / draws, 0.5 - 0.01, 0.5 + 0.01); // unbiased despite the judge's bias (SE of the mean of 500 ≈ 0.002)
        Assert.True(width < 0.9 * humanWidth, $"width {width / draws} vs {humanWidth / draws}");
    }

    private static readonly Gen<(double[] Y, double[] F, double[] U)> Data =
        from n in Gen.Choose(2, 60)
        from bigN in Gen.Choose(2, 200)
        from seed in Gen.Choose(0, int.MaxValue)
        from noise in Gen.Choose(0, 100)
        select Draw(new Random(seed), n, bigN, noise / 50.0, 0);

    [Property(MaxTest = 200)]
    public Property The_interval_holds_the_estimate_and_is_finite() =>
        Prop.ForAll(Data.ToArbitrary(), d =>
        {
            var e = PredictionPoweredInference.Mean(d.Y, d.F, d.U);
            Assert.True(e.Low <= e.Mean && e.Mean <= e.High);
            Assert.True(double.IsFinite(e.Low) && double.IsFinite(e.High));
        });

    [Property(MaxTest = 200)]
    public Property Scores_that_carry_nothing_give_exactly_the_labels_alone() =>
        Prop.ForAll(Data.ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(), (d, c) =>
        {
            double constant = c / 100.0;
            var e = PredictionPoweredInference.Mean(d.Y, [.. d.F.Select(_ => constant)], [.. d.U.Select(_ => constant)]);
            Assert.Equal(0, e.Lambda);
            Assert.Equal((e.HumanOnlyMean, e.HumanOnlyLow, e.HumanOnlyHigh), (e.Mean, e.Low, e.High));
        });

    [Fact]
    public void Bad_input_is_refused_naming_the_parameter()
    {
        double[] two = [0, 1];
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => PredictionPoweredInference.Mean([1], [1], two)).ParamName);
        Assert.Equal("unlabelledScores", Assert.Throws<ArgumentException>(() => PredictionPoweredInference.Mean(two, two, [1])).ParamName);
        Assert.Equal("labelledScores", Assert.Throws<ArgumentException>(() => PredictionPoweredInference.Mean(two, [1, 0, 1], two)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentOutOfRangeException>(() => PredictionPoweredInference.Mean([0, double.NaN], two, two)).ParamName);
        Assert.Equal("confidence", Assert.Throws<ArgumentOutOfRangeException>(() => PredictionPoweredInference.Mean(two, two, two, 1)).ParamName);
    }
}
