using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Dimensions;
using static ScoutElo.Scoring.Tests.QualityScorerTests;

namespace ScoutElo.Scoring.Tests.PropertyTests;

public sealed class QualityScorerProperties
{
    private static readonly Gen<DimensionScore> Score =
        Gen.Frequency((3, Generators.UnitDouble.Select(v => DimensionScore.Of(v))), (1, Gen.Constant(DimensionScore.NotApplicable("n/a"))));

    private static readonly Gen<(DimensionScore S, double W)[]> Dims =
        Gen.Zip(Score, Gen.Choose(0, 100).Select(i => i / 10.0)).NonEmptyListOf().Select(l => l.Take(8).ToArray());

    private static QualityScorer Build((DimensionScore S, double W)[] d) =>
        new(d.Select((x, i) => (IQualityDimension)new Fixed("d" + i, x.S)), d.Any(x => x.W > 0) ? d.Select((x, i) => ("d" + i, x.W)).ToDictionary(p => p.Item1, p => p.W) : null);

    [Property]
    public Property Composite_lies_within_min_and_max_of_the_applicable_scores() =>
        Prop.ForAll(Dims.Shrinking(Generators.ShrinkArray), d =>
        {
            var r = Build(d).Score(new ScoringInput { Response = "x" });
            var applicable = r.Dimensions.Where(x => x.EffectiveWeight > 0).Select(x => x.Score.Value!.Value).ToList();
            if (!r.Composite.IsApplicable) { Assert.Empty(applicable); return; }
            Assert.InRange(r.Composite.Value!.Value, applicable.Min() - 1e-12, applicable.Max() + 1e-12);
            Assert.Equal(1.0, r.Dimensions.Sum(x => x.EffectiveWeight), 1e-9);
        });

    [Property]
    public Property Permuting_the_dimensions_does_not_change_the_composite() =>
        Prop.ForAll(Dims.Shrinking(Generators.ShrinkArray), d =>
        {
            var input = new ScoringInput { Response = "x" };
            var named = d.Select((x, i) => (Name: "d" + i, x.S, x.W)).ToArray();
            QualityScorer Make(IEnumerable<(string Name, DimensionScore S, double W)> xs) =>
                new(xs.Select(x => (IQualityDimension)new Fixed(x.Name, x.S)), named.Any(x => x.W > 0) ? named.ToDictionary(x => x.Name, x => x.W) : null);
            var a = Make(named).Score(input).Composite;
            var b = Make(named.Reverse()).Score(input).Composite;
            Assert.Equal(a.IsApplicable, b.IsApplicable);
            if (a.IsApplicable) Assert.Equal(a.Value!.Value, b.Value!.Value, 1e-12);
        });

    [Property]
    public Property A_dimension_that_is_not_applicable_never_changes_the_composite_of_the_others() =>
        Prop.ForAll(Gen.Zip(Dims, Gen.Choose(1, 100)).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkArray, Generators.ShrinkToward(1))), p =>
        {
            var (d, w) = p;
            // With every weight 0, Build(d) falls back to equal weights while Build(with) would weight only the new, not
            // applicable dimension: two different scorers, not the case this property is about.
            if (!d.Any(x => x.W > 0)) return;
            var input = new ScoringInput { Response = "x" };
            var with = d.Append((DimensionScore.NotApplicable("n/a"), w)).ToArray();
            var a = Build(d).Score(input).Composite;
            var b = Build(with).Score(input).Composite;
            Assert.Equal(a.IsApplicable, b.IsApplicable);
            if (a.IsApplicable) Assert.Equal(a.Value!.Value, b.Value!.Value, 1e-12);
        });

    [Property]
    public Property Batch_scoring_is_deterministic_and_identical_in_parallel() =>
        Prop.ForAll(Gen.Zip(Generators.Text, Generators.Words).ListOf().Shrinking(Generators.ShrinkList), pairs =>
        {
            var inputs = pairs.Select((p, i) => new ScoringInput
            {
                Task = (TaskKind)(i % 4), Query = p.Item2, Response = p.Item1, Context = p.Item2, References = i % 3 == 0 ? [] : [p.Item2],
                Samples = i % 2 == 0 ? [p.Item2] : [],
            }).ToList();
            var scorer = BuiltInDimensions.CreateScorer();
            var seq = scorer.ScoreBatch(inputs);
            var par = scorer.ScoreBatch(inputs, maxDegreeOfParallelism: 4);
            for (int i = 0; i < inputs.Count; i++)
            {
                Assert.Equal(seq[i].Composite, par[i].Composite);
                Assert.Equal(seq[i].Dimensions.Select(x => x.Score), par[i].Dimensions.Select(x => x.Score));
                if (seq[i].Composite.IsApplicable) Assert.InRange(seq[i].Composite.Value!.Value, 0, 1);
            }
        });
    private sealed class Throwing : IQualityDimension
    {
        public string Name => "throwing";

        public DimensionScore Score(ScoringInput input) =>
            input.Response.StartsWith('!') ? throw new InvalidOperationException("cannot score " + input.Response) : DimensionScore.Of(0.5);
    }

    [Property]
    public Property ScoreBatch_throws_what_Score_throws_for_the_first_failing_input_at_any_parallelism() =>
        Prop.ForAll(Gen.Choose(0, 3).ArrayOf().Select(a => a.Take(200).ToArray()).Shrinking(Generators.ShrinkArray), kinds =>
        {
            // kind 0 fails, others score: the failing inputs are spread anywhere in the batch.
            var inputs = kinds.Select((k, i) => new ScoringInput { Response = (k == 0 ? "!" : "") + i }).ToArray();
            var scorer = new QualityScorer([new Throwing()]);
            int first = Array.FindIndex(kinds, k => k == 0);
            foreach (int dop in new[] { 1, 2, 4, -1 })
            {
                if (first < 0) { Assert.Equal(inputs.Length, scorer.ScoreBatch(inputs, dop).Length); continue; }
                var expected = Assert.Throws<InvalidOperationException>(() => scorer.Score(inputs[first]));
                var actual = Assert.Throws<InvalidOperationException>(() => scorer.ScoreBatch(inputs, dop));
                Assert.Equal(expected.Message, actual.Message);
            }
        });
}
