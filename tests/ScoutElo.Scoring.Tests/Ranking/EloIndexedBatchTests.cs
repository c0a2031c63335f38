using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Ranking;
using ScoutElo.Scoring.Tests.PropertyTests;

namespace ScoutElo.Scoring.Tests.Ranking;

/// <summary>The integer-index rating period (issue 14): identical to the id-keyed one, and all-or-nothing.</summary>
public sealed class EloIndexedBatchTests
{
    private static readonly Gen<(int A, int B, int Score)[]> Log =
        Gen.Zip(Gen.Choose(0, 5), Gen.Zip(Gen.Choose(1, 5), Gen.Choose(0, 2)))
            .Select(t => (t.Item1, (t.Item1 + t.Item2.Item1) % 6, t.Item2.Item2)).ListOf().Select(l => l.Take(60).ToArray());

    private static EloRatingTable Seeded()
    {
        var t = new EloRatingTable();
        for (int i = 0; i < 6; i++) t.Add("n" + i, 1000 + (37 * i));
        return t;
    }

    [Property]
    public Property Indexed_batch_equals_the_id_keyed_batch() =>
        Prop.ForAll(Log.Shrinking(Generators.ShrinkArray), log =>
        {
            var byId = Seeded();
            var byIndex = Seeded();
            byId.ApplyBatch(log.Select(m => new MatchResult("n" + m.A, "n" + m.B, m.Score / 2.0)).ToArray());
            byIndex.ApplyBatch(log.Select(m => byIndex.IndexOf("n" + m.A)).ToArray(), log.Select(m => byIndex.IndexOf("n" + m.B)).ToArray(), log.Select(m => m.Score / 2.0).ToArray());
            Assert.Equal(byId.ToJson(), byIndex.ToJson());
        });

    [Fact]
    public void A_bad_index_weight_or_score_changes_nothing()
    {
        var t = Seeded();
        string before = t.ToJson();
        Assert.Equal("a", Assert.Throws<ArgumentOutOfRangeException>(() => t.ApplyBatch([0, 6], [1, 2], [1.0, 0.0])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentOutOfRangeException>(() => t.ApplyBatch([0, 1], [1, 2], [1.0, 0.0], [1.0, 1e-9])).ParamName);
        Assert.Equal("scores", Assert.Throws<ArgumentOutOfRangeException>(() => t.ApplyBatch([0, 1], [1, 2], [1.0, 1.5])).ParamName);
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => t.ApplyBatch([0, 1], [1, 2], [1.0])).ParamName);
        Assert.Equal(before, t.ToJson());
        t.ApplyBatch([0], [1], [1.0]);
        Assert.NotEqual(before, t.ToJson());
    }
    [Property]
    public Property Indexed_online_updates_equal_Apply_match_by_match_to_the_last_bit() =>
        Prop.ForAll(Gen.Zip(Log, Gen.Elements(false, true)).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkArray, _ => [])), p =>
        {
            var (log, fide) = p;
            var options = new EloOptions { KFactor = fide ? KFactorPolicy.Fide : KFactorPolicy.Fixed(24) };
            EloRatingTable Make()
            {
                var t = new EloRatingTable(options);
                for (int i = 0; i < 6; i++) t.Add("n" + i, 1000 + (37 * i));
                return t;
            }
            var byId = Make();
            foreach (var m in log) byId.Apply(new MatchResult("n" + m.A, "n" + m.B, m.Score / 2.0, 1 + (m.A * 0.25)));
            var byIndex = Make();
            byIndex.ApplySequential([.. log.Select(m => m.A)], [.. log.Select(m => m.B)], [.. log.Select(m => m.Score / 2.0)], [.. log.Select(m => 1 + (m.A * 0.25))]);
            Assert.Equal(byId.ToJson(), byIndex.ToJson());
        });

    [Fact]
    public void Indexed_online_updates_change_nothing_on_bad_input()
    {
        var t = Seeded();
        string before = t.ToJson();
        Assert.Equal("a", Assert.Throws<ArgumentOutOfRangeException>(() => t.ApplySequential([0, 6], [1, 2], [1.0, 0.0])).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentOutOfRangeException>(() => t.ApplySequential([0, 3], [1, 3], [1.0, 0.0])).ParamName);
        Assert.Equal("scores", Assert.Throws<ArgumentOutOfRangeException>(() => t.ApplySequential([0, 1], [1, 2], [1.0, double.NaN])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentOutOfRangeException>(() => t.ApplySequential([0, 1], [1, 2], [1.0, 0.0], [1.0, 1e-9])).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => t.ApplySequential([0, 1], [1], [1.0, 0.0])).ParamName);
        Assert.Equal(before, t.ToJson());
    }
}
