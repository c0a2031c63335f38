using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Calibration;

namespace ScoutElo.Scoring.Tests.PropertyTests;

/// <summary>Issue 25: the count-weighted, column-sequential bootstrap equals the straightforward one (each draw's centred
/// values added in draw order: the library before, benchmarks/.../Baselines.cs) within 1e-12, with not-applicable items, at any parallelism.</summary>
public sealed class BootstrapProperties
{
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
            var expected = ScoutElo.Scoring.Benchmarks.OldBootstrap.PearsonIntervals(columns, y, 40, (ulong)seed);
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
