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
}
