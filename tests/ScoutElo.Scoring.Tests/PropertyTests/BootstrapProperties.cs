using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Tests.PropertyTests;

/// <summary>Issue 25: the count-weighted, column-sequential bootstrap equals the straightforward one (each draw's centred
/// values added in draw order, as the library did before) within 1e-12, with not-applicable items, at any parallelism.</summary>
public sealed class BootstrapProperties
{
    /// <summary>The previous implementation, kept as the reference: per resample, every draw adds its item to six sums.</summary>
    private static (double Low, double High)?[] DrawByDraw(double[][] columns, double[] y, int resamples, ulong seed)
    {
        int p = columns.Length, n = y.Length;
        double yMean = y.Sum() / Math.Max(n, 1);
        var yc = y.Select(v => v - yMean).ToArray();
        var x = new double[p][];
        for (int d = 0; d < p; d++)
        {
            var applicable = columns[d].Where(v => !double.IsNaN(v)).ToArray();
            double mean = applicable.Length > 0 ? applicable.Sum() / applicable.Length : 0;
            x[d] = columns[d].Select(v => v - mean).ToArray();
        }
        var r = new double[p][];
        for (int d = 0; d < p; d++) r[d] = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            var acc = new double[6 * p];
            var rng = new Xoshiro256(Seeds.Derive(seed, (ulong)b));
            for (int k = 0; k < n; k++)
            {
                int i = rng.NextInt(n);
                for (int d = 0; d < p; d++)
                {
                    double xv = x[d][i];
                    if (double.IsNaN(xv)) continue;
                    int o = 6 * d;
                    acc[o] += 1;
                    acc[o + 1] += xv;
                    acc[o + 2] += yc[i];
                    acc[o + 3] += xv * xv;
                    acc[o + 4] += yc[i] * yc[i];
                    acc[o + 5] += xv * yc[i];
                }
            }
            for (int d = 0; d < p; d++)
            {
                int o = 6 * d;
                double c = acc[o];
                double sxx = acc[o + 3] - (acc[o + 1] * acc[o + 1] / Math.Max(c, 1));
                double syy = acc[o + 4] - (acc[o + 2] * acc[o + 2] / Math.Max(c, 1));
                double sxy = acc[o + 5] - (acc[o + 1] * acc[o + 2] / Math.Max(c, 1));
                r[d][b] = c < 3 || sxx <= 1e-12 * Math.Max(acc[o + 3], 1e-300) || syy <= 1e-12 * Math.Max(acc[o + 4], 1e-300)
                    ? double.NaN
                    : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
            }
        }
        var result = new (double, double)?[p];
        for (int d = 0; d < p; d++)
        {
            var valid = r[d].Where(v => !double.IsNaN(v)).ToArray();
            if (valid.Length < resamples / 2) continue;
            Array.Sort(valid);
            result[d] = (Stats.Quantile(valid, 0.025), Stats.Quantile(valid, 0.975));
        }
        return result;
    }

    [Property(MaxTest = 60)]
    public Property Count_weighted_sums_equal_draw_by_draw_sums() =>
        Prop.ForAll(Gen.Zip(Gen.Choose(3, 300), Gen.Zip(Gen.Choose(1, 4), Gen.Choose(0, 100_000))).Shrinking(t =>
                Generators.ShrinkToward(3)(t.Item1).Select(n => (n, t.Item2))), t =>
        {
            var (n, (p, seed)) = t;
            var rng = new Random(seed);
            var y = Enumerable.Range(0, n).Select(_ => (double)rng.Next(1, 6)).ToArray();
            var columns = Enumerable.Range(0, p).Select(d => y.Select(v =>
                d == 1 && rng.NextDouble() < 0.2 ? double.NaN : (0.2 * d * v) + Math.Round(rng.NextDouble(), 3)).ToArray()).ToArray();
            var expected = DrawByDraw(columns, y, 40, (ulong)seed);
            var actual = Bootstrap.PearsonIntervals(columns, y, 40, (ulong)seed);
            Assert.Equal(expected.Length, actual.Length);
            for (int d = 0; d < p; d++)
            {
                Assert.Equal(expected[d].HasValue, actual[d].HasValue);
                if (expected[d] is not { } e) continue;
                Assert.Equal(e.Low, actual[d]!.Value.Low, 1e-12);
                Assert.Equal(e.High, actual[d]!.Value.High, 1e-12);
            }
        });
}
