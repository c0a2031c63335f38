using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Tests.PropertyTests;

/// <summary>Issue 25: the hand-written 13a passes equal sacreBLEU's regex substitutions (the library's previous
/// implementation, kept here as the reference) on arbitrary text, and BLEU is unchanged with them.</summary>
public sealed partial class Tokenizer13aProperties
{
    [GeneratedRegex(@"([\{-\~\[-\` -\&\(-\+\:-\@\/])", RegexOptions.CultureInvariant)]
    private static partial Regex Symbols();

    [GeneratedRegex(@"([^0-9])([\.,])", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodCommaAfterNonDigit();

    [GeneratedRegex(@"([\.,])([^0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodCommaBeforeNonDigit();

    [GeneratedRegex(@"([0-9])(-)", RegexOptions.CultureInvariant)]
    private static partial Regex DashAfterDigit();

    private static string RegexTokenize13a(string line)
    {
        line = line.Replace("<skipped>", "", StringComparison.Ordinal).Replace("-\n", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        if (line.Contains('&', StringComparison.Ordinal))
        {
            line = line.Replace("&quot;", "\"", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal)
                .Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal);
        }
        line = " " + line + " ";
        line = Symbols().Replace(line, " $1 ");
        line = PeriodCommaAfterNonDigit().Replace(line, "$1 $2 ");
        line = PeriodCommaBeforeNonDigit().Replace(line, " $1 $2");
        return DashAfterDigit().Replace(line, "$1 $2 ");
    }

    private static readonly Gen<string> Punctuated =
        Gen.Elements("1", "23", ".", ",", "-", "a", "Ab", " ", "\n", "-\n", "&quot;", "&amp;lt;", "<skipped>", "(", ")", "'", "\"", "é", "😀", "9.5", "3,000", "x.y", "--", "\t")
            .ListOf().Select(l => string.Concat(l.Take(50)));

    [Property(MaxTest = 300)]
    public Property The_13a_passes_equal_the_regex_substitutions() =>
        Prop.ForAll(Gen.OneOf(Punctuated, Generators.Text).Shrinking(Generators.ShrinkText), text =>
        {
            var output = new char[(24 * text.Length) + 48];
            int n = TextMetrics.Tokenize13a(text, output);
            Assert.Equal(RegexTokenize13a(text), new string(output, 0, n));
        });
}
