using FsCheck;
using FsCheck.Fluent;

namespace ScoutElo.Scoring.Tests.PropertyTests;

/// <summary>The shrinkers do shrink: a deliberately failing property is reported at its minimal counterexample.</summary>
public sealed class ShrinkerTests
{
    [Fact]
    public void A_failing_pair_property_shrinks_both_sides_to_the_boundary()
    {
        var arb = Gen.Zip(Gen.Choose(0, 1000), Generators.Words)
            .Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkToward(0), Generators.ShrinkWords));
        var ex = Assert.ThrowsAny<Exception>(() => Prop.ForAll(arb, p => p.Item1 < 10 || p.Item2.Split(' ').Length < 3).QuickCheckThrowOnFailure());
        Assert.Matches(@"\(10, ""\w+ \w+ \w+""\)", ex.Message);
    }

    [Fact]
    public void A_failing_parallel_array_property_shrinks_to_the_minimum_length()
    {
        var arb = Gen.Choose(3, 40).SelectMany(n => Gen.Zip(Gen.Choose(0, 5).ArrayOf(n), Gen.Choose(0, 5).ArrayOf(n)))
            .Shrinking(Generators.ShrinkParallel<int, int>(3));
        var ex = Assert.ThrowsAny<Exception>(() => Prop.ForAll(arb, p => p.Item1.Length < 4).QuickCheckThrowOnFailure());
        Assert.Matches(@"\(\[\|[^|]*;[^|]*;[^|]*;[^|;]*\|\], \[\|", ex.Message); // four elements each
    }
}
