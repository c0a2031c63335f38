using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Tests.PropertyTests;

namespace ScoutElo.Scoring.Tests.Calibration;

public sealed class IsotonicMapTests
{
    [Fact]
    public void Fit_pools_adjacent_violators()
    {
        // Labels 1, 3, 2, 4 at scores 1..4: the violating pair (3, 2) pools into one block at x = 2.5 with value 2.5.
        var m = IsotonicMap.Fit([1, 2, 3, 4], [1, 3, 2, 4]);
        Assert.Equal([1.0, 2.5, 4.0], m.X);
        Assert.Equal([1.0, 2.5, 4.0], m.Y);
        Assert.Equal(1.75, m.Apply(1.75), 12); // linear between block centres
        Assert.Equal(1.0, m.Apply(-5));
        Assert.Equal(4.0, m.Apply(99));
    }

    [Property]
    public Property Fitted_map_is_monotone_and_within_the_label_range() =>
        Prop.ForAll(Gen.Zip(Generators.UnitDouble, Generators.UnitDouble).NonEmptyListOf().Shrinking(Generators.ShrinkList), pairs =>
        {
            var m = IsotonicMap.Fit(pairs.Select(p => p.Item1).ToList(), pairs.Select(p => p.Item2).ToList());
            double prev = double.NegativeInfinity;
            for (int i = 0; i <= 100; i++)
            {
                double v = m.Apply(i / 100.0);
                Assert.True(v >= prev - 1e-12);
                Assert.InRange(v, pairs.Min(p => p.Item2) - 1e-12, pairs.Max(p => p.Item2) + 1e-12);
                prev = v;
            }
        });

    [Fact]
    public void Apply_NaN_ThrowsNamingScore() =>
        Assert.Equal("score", Assert.Throws<ArgumentOutOfRangeException>(() => IsotonicMap.Fit([0.0], [1.0]).Apply(double.NaN)).ParamName);
}
