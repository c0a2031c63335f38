using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Tests.PropertyTests;

/// <summary>Issue 25: the hand-written 13a passes equal sacreBLEU's regex substitutions (the library's previous
/// implementation, benchmarks/.../Baselines.cs) on arbitrary text, and BLEU is unchanged with them.</summary>
public sealed class Tokenizer13aProperties
{
    private static readonly Gen<string> Punctuated =
        Gen.Elements("1", "23", ".", ",", "-", "a", "Ab", " ", "\n", "-\n", "&quot;", "&amp;lt;", "<skipped>", "(", ")", "'", "\"", "é", "😀", "9.5", "3,000", "x.y", "--", "\t")
            .ListOf().Select(l => string.Concat(l.Take(50)));

    [Property(MaxTest = 300)]
    public Property The_13a_passes_equal_the_regex_substitutions() =>
        Prop.ForAll(Gen.OneOf(Punctuated, Generators.Text).Shrinking(Generators.ShrinkText), text =>
        {
            var output = new char[(24 * text.Length) + 48];
            int n = TextMetrics.Tokenize13a(text, output);
            Assert.Equal(ScoutElo.Scoring.Benchmarks.OldBleu.Tokenize(text), new string(output, 0, n));
        });

    /// <summary>Sentence BLEU with references kept between calls equals the library before (regex 13a, every call from
    /// scratch), over runs of hypotheses that share, change and return to reference sets, with other metrics renting the
    /// same scratch in between.</summary>
    [Property(MaxTest = 200)]
    public Property Sentence_bleu_with_kept_references_equals_the_one_from_scratch() =>
        Prop.ForAll(Gen.Zip(Generators.Words, Gen.Zip(Gen.Choose(0, 2), Gen.Choose(0, 3))).ArrayOf().Select(a => a.Take(12).ToArray()).Shrinking(Generators.ShrinkArray), calls =>
        {
            string[][] sets = [["the cat sat on the mat", "a dog sat"], ["the quick brown fox jumps", "the cat bit the man.", "fox"], ["x"]];
            foreach (var (hyp, (set, other)) in calls)
            {
                if (other == 0) _ = TextMetrics.RougeL(hyp, sets[set][0]); // another metric resets the scratch
                if (other == 1) _ = TextMetrics.ChrF(hyp, sets[set]);
                double expected = ScoutElo.Scoring.Benchmarks.OldBleu.Sentence(hyp, sets[set]);
                Assert.Equal(expected, TextMetrics.SentenceBleu(hyp, sets[set]), 1e-12);
                Assert.Equal(expected, TextMetrics.SentenceBleu(hyp, [.. sets[set]]), 1e-12); // equal texts, another list
            }
        });
}
