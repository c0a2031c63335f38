using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Internal;
using ScoutElo.Scoring.Tests.PropertyTests;

namespace ScoutElo.Scoring.Tests.Calibration;

public sealed class StatisticsTests
{
    private static double NaiveKendallTauB(double[] x, double[] y)
    {
        long c = 0, d = 0, tx = 0, ty = 0;
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = i + 1; j < x.Length; j++)
            {
                double a = Math.Sign(x[i] - x[j]), b = Math.Sign(y[i] - y[j]);
                if (a == 0 && b == 0) continue;
                if (a == 0) tx++;
                else if (b == 0) ty++;
                else if (a == b) c++;
                else d++;
            }
        }
        return (c - d) / Math.Sqrt((double)(c + d + tx) * (c + d + ty));
    }

    [Fact]
    public void KendallTauB_matches_the_scipy_documentation_example() =>
        // scipy.stats.kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) -> -0.47140452079103173
        Assert.Equal(-0.47140452079103173, Stats.KendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])!.Value, 12);

    [Property]
    public Property KendallTauB_equals_the_quadratic_definition_with_ties() =>
        Prop.ForAll(Gen.Choose(3, 60).SelectMany(n => Gen.Zip(Gen.Choose(0, 5).ArrayOf(n), Gen.Choose(0, 5).ArrayOf(n))).Shrinking(Generators.ShrinkParallel<int, int>(3)), p =>
        {
            var x = p.Item1.Select(v => (double)v).ToArray();
            var y = p.Item2.Select(v => (double)v).ToArray();
            var fast = Stats.KendallTauB(x, y);
            if (Stats.IsConstant(x) || Stats.IsConstant(y)) { Assert.Null(fast); return; }
            Assert.Equal(NaiveKendallTauB(x, y), fast!.Value, 1e-12);
        });

    [Property]
    public Property Pearson_and_Spearman_agree_with_MathNet() =>
        Prop.ForAll(Gen.Choose(3, 50).SelectMany(n => Gen.Zip(Generators.UnitDouble.ArrayOf(n), Generators.UnitDouble.ArrayOf(n))).Shrinking(Generators.ShrinkParallel<double, double>(3)), p =>
        {
            var (x, y) = p;
            if (Stats.IsConstant(x) || Stats.IsConstant(y)) return;
            Assert.Equal(MathNet.Numerics.Statistics.Correlation.Pearson(x, y), Stats.Pearson(x, y)!.Value, 1e-9);
            Assert.Equal(MathNet.Numerics.Statistics.Correlation.Spearman(x, y), Stats.Spearman(x, y)!.Value, 1e-12);
        });

    [Property]
    public Property Merged_accumulators_equal_the_whole() =>
        Prop.ForAll(Gen.Zip(Gen.Zip(Generators.UnitDouble, Generators.UnitDouble).ArrayOf(), Gen.Choose(0, 1000)).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkArray, Generators.ShrinkToward(0))), p =>
        {
            var (pairs, cutSeed) = p;
            int cut = pairs.Length == 0 ? 0 : cutSeed % (pairs.Length + 1);
            PearsonAccumulator Acc(IEnumerable<(double, double)> xs) => xs.Aggregate(default(PearsonAccumulator), (a, v) => a.Add(v.Item1, v.Item2));
            var whole = Acc(pairs);
            var merged = Acc(pairs.Take(cut)) + Acc(pairs.Skip(cut));
            Assert.Equal(whole.Count, merged.Count);
            Assert.Equal(whole.MeanX, merged.MeanX, 1e-12);
            Assert.Equal(whole.M2Y, merged.M2Y, 1e-9);
            Assert.Equal(whole.Cxy, merged.Cxy, 1e-9);
            Assert.Equal(whole.Pearson.HasValue, merged.Pearson.HasValue);
            if (whole.Pearson is { } r) Assert.Equal(r, merged.Pearson!.Value, 1e-9);
        });

    [Fact]
    public void Correlation_of_constant_labels_is_undefined_with_a_reason()
    {
        var c = CorrelationSummary.Compute([0.1, 0.2, 0.3, 0.4], [1, 1, 1, 1]);
        Assert.Null(c.Pearson);
        Assert.Null(c.Kendall);
        Assert.Equal("not applicable (constant label)", c.Reason);
        Assert.Equal("not applicable (n=2)", CorrelationSummary.Compute([0.1, 0.2], [1, 2]).Reason);
    }

    [Property]
    public Property Nnls_weights_are_non_negative_and_satisfy_the_optimality_conditions() =>
        Prop.ForAll(Gen.Choose(1, 5).SelectMany(p => Gen.Choose(-100, 100).Select(v => v / 10.0).ArrayOf((p + 3) * p)).ToArbitrary(), raw =>
        {
            int p = 1;
            while ((p + 4) * (p + 1) <= raw.Length) p++;
            int m = p + 3;
            var a = new double[m, p];
            var b = new double[m];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < p; j++) a[i, j] = raw[(i * p) + j];
                b[i] = raw[(i * p) % raw.Length] - raw[^1];
            }
            var g = new double[p, p];
            var c = new double[p];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < p; j++)
                {
                    c[j] += a[i, j] * b[i];
                    for (int k = 0; k < p; k++) g[j, k] += a[i, j] * a[i, k];
                }
            }
            var x = Nnls.Solve(g, c);
            Assert.All(x, v => Assert.True(v >= 0));
            for (int j = 0; j < p; j++)
            {
                double grad = c[j];
                for (int k = 0; k < p; k++) grad -= g[j, k] * x[k];
                // KKT: gradient of the objective is ≤ 0 where x = 0 and ≈ 0 where x > 0 (scaled tolerance).
                double tol = 1e-6 * (1 + Math.Abs(c[j]) + Enumerable.Range(0, p).Sum(k => Math.Abs(g[j, k])));
                if (x[j] > 0) Assert.True(Math.Abs(grad) <= tol, $"grad {grad} at active {j}");
                else Assert.True(grad <= tol, $"grad {grad} at inactive {j}");
            }
        });
}
