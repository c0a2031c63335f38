using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Judging;

namespace ScoutElo.Scoring.Tests.Judging;

/// <summary>Issue 37: position-bias diagnostics of a pairwise judge (position consistency, preference fairness, repetition
/// stability) from verdicts asked in both orders.</summary>
public sealed class PositionBiasTests
{
    private static SwappedVerdict V(double first, double second) => new(first, second);

    [Fact]
    public void Hand_computed_values_of_a_small_log()
    {
        // Item 1: consistent win, then a primacy flip (wins when first, loses when second).
        // Item 2: a recency flip; item 3: a tie when first and a win when second (half a shift toward recency).
        var report = PositionBias.Measure([[V(0.9, 0.8), V(1, 0)], [V(0.2, 0.7)], [V(0.5, 1)]]);
        Assert.Equal((3, 4), (report.Items, report.Pairs));
        Assert.Equal(1, report.PositionConsistency.Successes);
        Assert.Equal(0.25, report.PositionConsistency.Estimate);
        Assert.Equal((1, 2), (report.PrimacyPreferred, report.RecencyPreferred));
        Assert.Equal((0 - 1 + 1 + 0.5) / 4, report.PreferenceFairness, 15); // shifts h(second) − h(first): 0, −1, +1, +0.5
        // Only item 1 is repeated: first order gives win, win (share 1); second order win, loss (share 1/2).
        Assert.Equal(0.75, report.RepetitionStability);
    }

    [Fact]
    public void A_judge_that_always_picks_the_first_position_is_maximally_unfair_and_never_consistent()
    {
        var always = PositionBias.Measure([.. Enumerable.Range(0, 20).Select(_ => (IReadOnlyList<SwappedVerdict>)[V(1, 0), V(1, 0)])]);
        Assert.Equal((0.0, -1.0, 1.0), (always.PositionConsistency.Estimate!.Value, always.PreferenceFairness, always.RepetitionStability!.Value));
        Assert.Equal(40, always.PrimacyPreferred);
        var empty = PositionBias.Measure([[], []]);
        Assert.Equal((0, 0, 0.0, (double?)null), (empty.Items, empty.Pairs, empty.PreferenceFairness, empty.RepetitionStability));
        Assert.Null(empty.PositionConsistency.Estimate);
        Assert.Throws<ArgumentOutOfRangeException>(() => V(1.2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => V(0, double.NaN));
        Assert.Throws<ArgumentNullException>(() => PositionBias.Measure(null!));
    }

    private static Arbitrary<List<List<(int First, int Second)>>> Logs() =>
        Gen.Choose(0, 8).Select(x => (First: x / 3, Second: x % 3)).ListOf().Select(l => l.Take(5).ToList()).ListOf().Select(l => l.Take(30).ToList()).ToArbitrary();

    private static IReadOnlyList<IReadOnlyList<SwappedVerdict>> Verdicts(List<List<(int First, int Second)>> log, bool mirrored = false) =>
        [.. log.Select(item => (IReadOnlyList<SwappedVerdict>)[.. item.Select(p => mirrored ? V(p.Second / 2.0, p.First / 2.0) : V(p.First / 2.0, p.Second / 2.0))])];

    [Property(MaxTest = 200)]
    public Property Fairness_lies_in_minus_one_to_one_and_mirroring_the_orders_negates_it() =>
        Prop.ForAll(Logs(), log =>
        {
            var report = PositionBias.Measure(Verdicts(log));
            var mirror = PositionBias.Measure(Verdicts(log, mirrored: true));
            Assert.InRange(report.PreferenceFairness, -1, 1);
            Assert.Equal(-report.PreferenceFairness, mirror.PreferenceFairness, 12);
            Assert.Equal((report.PrimacyPreferred, report.RecencyPreferred), (mirror.RecencyPreferred, mirror.PrimacyPreferred));
            Assert.Equal(report.Pairs, report.PositionConsistency.Successes + report.PrimacyPreferred + report.RecencyPreferred);
            if (report.RepetitionStability is { } rs) Assert.InRange(rs, 1.0 / 3, 1);
        });

    [Property(MaxTest = 200)]
    public Property A_judge_blind_to_position_is_consistent_and_fair() =>
        Prop.ForAll(Logs(), log =>
        {
            var blind = log.Select(item => item.Select(p => (p.First, p.First)).ToList()).ToList();
            var report = PositionBias.Measure(Verdicts(blind));
            Assert.Equal(0, report.PreferenceFairness);
            Assert.Equal(report.Pairs, report.PositionConsistency.Successes);
        });
}
