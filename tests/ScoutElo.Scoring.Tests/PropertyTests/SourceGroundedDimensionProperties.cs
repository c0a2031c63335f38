using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.Tests.PropertyTests;

/// <summary>The invariants documented on <see cref="FaithfulnessDimension"/> and <see cref="SalienceDimension"/>.</summary>
public sealed class SourceGroundedDimensionProperties
{
    private static readonly FaithfulnessDimension Faithfulness = new();
    private static readonly SalienceDimension Salience = new();

    private static double Value(DimensionScore s) => s.Value ?? throw new Xunit.Sdk.XunitException("expected an applicable score: " + s);

    /// <summary>A source of 3–40 words and a contiguous slice of it (start, length) as the response.</summary>
    private static readonly Gen<(string[] Source, int Start, int Length)> SourceAndSlice =
        Generators.Words.Select(w => w.Split(' ')).Where(w => w.Length >= 3)
            .SelectMany(w => Gen.Choose(0, w.Length - 1).SelectMany(start => Gen.Choose(1, w.Length - start).Select(len => (w, start, len))));

    [Property]
    public Property Both_scores_lie_in_the_unit_interval_for_any_text() =>
        Prop.ForAll(Gen.Zip(Generators.Text, Generators.Text).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkWords, Generators.ShrinkWords)), p =>
        {
            var input = new ScoringInput { Task = TaskKind.Summarization, Context = p.Item1, Response = p.Item2 };
            foreach (var s in new[] { Faithfulness.Score(input), Salience.Score(input) })
            {
                if (s.IsApplicable) Assert.InRange(s.Value!.Value, 0, 1);
            }
        });

    [Property]
    public Property A_response_copied_from_the_source_is_fully_faithful() =>
        Prop.ForAll(SourceAndSlice.ToArbitrary(), p =>
        {
            var response = string.Join(' ', p.Source.Skip(p.Start).Take(p.Length));
            var input = new ScoringInput { Task = TaskKind.Summarization, Context = string.Join(' ', p.Source), Response = response };
            Assert.Equal(1.0, Value(Faithfulness.Score(input)), 12);
        });

    [Property]
    public Property Appending_words_the_source_lacks_lowers_faithfulness() =>
        Prop.ForAll(SourceAndSlice.ToArbitrary(), p =>
        {
            var source = string.Join(' ', p.Source);
            var response = string.Join(' ', p.Source.Skip(p.Start).Take(p.Length));
            var with = Faithfulness.Score(new ScoringInput { Task = TaskKind.Summarization, Context = source, Response = response + " zebra xylophone" });
            Assert.True(Value(with) < 1.0, $"{with}");
        });

    [Property]
    public Property Adding_words_to_a_response_never_lowers_salience() =>
        Prop.ForAll(Gen.Zip(Generators.Words, Gen.Zip(Generators.Words, Generators.Words)).ToArbitrary(), p =>
        {
            var (source, (response, extra)) = p;
            var before = Salience.Score(new ScoringInput { Task = TaskKind.Open, Context = source, Response = response });
            var after = Salience.Score(new ScoringInput { Task = TaskKind.Open, Context = source, Response = response + " " + extra });
            Assert.Equal(before.IsApplicable, after.IsApplicable); // applicability depends on the source alone
            if (before.IsApplicable) Assert.True(Value(after) >= Value(before) - 1e-12, $"{before} -> {after}");
        });

    [Property]
    public Property The_source_itself_has_full_salience() =>
        Prop.ForAll(Generators.Words.Shrinking(Generators.ShrinkWords), source =>
        {
            var s = Salience.Score(new ScoringInput { Task = TaskKind.Summarization, Context = source, Response = source });
            // Words made only of stop words have no salient content: not applicable, never a silent 0.
            if (s.IsApplicable) Assert.Equal(1.0, s.Value!.Value, 12);
            else Assert.Contains("no content word", s.Reason);
        });
}
