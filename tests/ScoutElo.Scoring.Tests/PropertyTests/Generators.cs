using FsCheck;
using FsCheck.Fluent;

namespace ScoutElo.Scoring.Tests.PropertyTests;

/// <summary>Explicit, bounded generators shared by the property tests.</summary>
internal static class Generators
{
    private static readonly string[] Pieces =
    [
        "the", "cat", "sat", "on", "mat", "a", "dog", "Bit", "man", "1976", "in", " ", "  ", "\n", "\t", ".", ",", "!", "-", "'s",
        "Röntgen", "naïve", "東京", "日本語", "😀", "👍🏽", "\uD800", "\uDC00", "é", "Ω", "ß", "İ", "\u0301", "&amp;", "<skipped>", "\0", "\u00A0",
    ];

    /// <summary>Words, whitespace, punctuation, emoji, CJK, combining marks and lone surrogates, up to ~40 pieces.</summary>
    public static Gen<string> Text { get; } =
        Gen.Elements(Pieces).ListOf().Select(l => string.Concat(l.Take(40)));

    /// <summary>Plain lower-case English word sequences with at least one word.</summary>
    public static Gen<string> Words { get; } =
        Gen.Elements("the", "cat", "sat", "on", "mat", "dog", "bit", "man", "quick", "brown", "fox", "jumps")
            .NonEmptyListOf().Select(l => string.Join(' ', l.Take(30)));

    public static Gen<double> UnitDouble { get; } = Gen.Choose(0, 1_000_000).Select(i => i / 1_000_000.0);
}
