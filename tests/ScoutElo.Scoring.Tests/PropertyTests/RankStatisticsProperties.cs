using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Internal;

namespace ScoutElo.Scoring.Tests.PropertyTests;

/// <summary>Issue 25: the radix-sorted rank statistics against the straightforward versions: Kendall's τ-b from direct pair
/// counts (the same integers, so the same double to the last bit) and Spearman's ρ as MathNet's Pearson of mid-ranks (a
/// different summation order: within 1e-12). Lengths reach past the radix threshold (256); values tie often, include −0.0
/// and span many magnitudes.</summary>
public sealed class RankStatisticsProperties
{
    private static readonly Gen<double> Value = Gen.Frequency(
        (6, Gen.Choose(-4, 4).Select(i => (double)i)),
        (2, Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000.0)),
        (1, Gen.Elements(-0.0, 0.0, 1e-300, -1e-300, 1e300, -1e300, double.Epsilon, 123.456)));

    private static readonly Gen<(double X, double Y)[]> Pairs =
        Gen.Frequency((3, Gen.Choose(0, 40)), (1, Gen.Choose(250, 700)))
            .SelectMany(n => Gen.Zip(Value, Value).ArrayOf(n));

    private static double? NaiveKendall((double X, double Y)[] p)
    {
        int n = p.Length;
        if (n < 3) return null;
        long c = 0, d = 0, tx = 0, ty = 0, txy = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                int sx = p[i].X.CompareTo(p[j].X), sy = p[i].Y.CompareTo(p[j].Y);
                if (p[i].X == p[j].X) sx = 0;
                if (p[i].Y == p[j].Y) sy = 0;
                if (sx == 0 && sy == 0) txy++;
                else if (sx == 0) tx++;
                else if (sy == 0) ty++;
                else if (sx == sy) c++;
                else d++;
            }
        }
        long n0 = (long)n * (n - 1) / 2, n1 = tx + txy, n2 = ty + txy;
        double denom = Math.Sqrt((double)(n0 - n1) * (n0 - n2));
        return denom <= 0 ? null : Math.Clamp((n0 - n1 - n2 + txy - (2.0 * d)) / denom, -1, 1);
    }

    [Property(MaxTest = 200)]
    public Property Kendall_tau_b_equals_the_direct_pair_count_to_the_last_bit() =>
        Prop.ForAll(Pairs.Shrinking(Generators.ShrinkArray), p =>
        {
            var x = p.Select(v => v.X).ToArray();
            var y = p.Select(v => v.Y).ToArray();
            Assert.Equal(NaiveKendall(p), Stats.KendallTauB(x, y));
        });

    [Property(MaxTest = 200)]
    public Property Spearman_equals_the_Pearson_of_mid_ranks() =>
        Prop.ForAll(Pairs.Shrinking(Generators.ShrinkArray), p =>
        {
            var x = p.Select(v => v.X).ToArray();
            var y = p.Select(v => v.Y).ToArray();
            double? actual = Stats.Spearman(x, y);
            bool defined = x.Length >= 3 && x.Distinct().Count() > 1 && y.Distinct().Count() > 1;
            if (!defined) { Assert.Null(actual); return; }
            double expected = MathNet.Numerics.Statistics.Correlation.Spearman(x, y);
            Assert.NotNull(actual);
            Assert.Equal(expected, actual!.Value, 1e-12);
        });

    [Property(MaxTest = 100)]
    public Property Ranks_are_mid_ranks_and_the_order_is_stable() =>
        Prop.ForAll(Pairs.Shrinking(Generators.ShrinkArray), p =>
        {
            var x = p.Select(v => v.X).ToArray();
            var sorted = Ranks.Sort(x);
            var expectedOrder = Enumerable.Range(0, x.Length).OrderBy(i => x[i] == 0 ? 0 : x[i]).ThenBy(i => i).ToArray();
            Assert.Equal(expectedOrder, sorted.Order.ToArray());
            var mathnet = MathNet.Numerics.Statistics.Statistics.Ranks(x);
            for (int i = 0; i < x.Length; i++) Assert.Equal(mathnet[i], sorted.Mid[i]);
            sorted.Release();
        });
}
