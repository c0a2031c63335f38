using FsCheck;
using FsCheck.Fluent;

namespace ScoutElo.Scoring.Tests.PropertyTests;

/// <summary>Explicit, bounded generators shared by the property tests.</summary>
internal static class Generators
{
    private static readonly string[] Pieces =
    [
        "the", "cat", "sat", "on", "mat", "a", "dog", "Bit", "man", "1976", "in", " ", "  ", "\n", "\t", ".", ",", "!", "-", "'s",
        "Röntgen", "naïve", "東京", "日本語", "😀", "👍🏽", "\uD800", "\uDC00", "é", "Ω", "ß", "İ", "\u0301", "&amp;", "<skipped>", "\0", "\u00A0", "\u001F", "\u3000", "中文",
    ];

    /// <summary>Words, whitespace, punctuation, emoji, CJK, combining marks and lone surrogates, up to ~40 pieces.</summary>
    public static Gen<string> Text { get; } =
        Gen.Elements(Pieces).ListOf().Select(l => string.Concat(l.Take(40)));

    /// <summary>Plain lower-case English word sequences with at least one word.</summary>
    public static Gen<string> Words { get; } =
        Gen.Elements("the", "cat", "sat", "on", "mat", "dog", "bit", "man", "quick", "brown", "fox", "jumps")
            .NonEmptyListOf().Select(l => string.Join(' ', l.Take(30)));

    public static Gen<double> UnitDouble { get; } = Gen.Choose(0, 1_000_000).Select(i => i / 1_000_000.0);

    /// <summary>An arbitrary that shrinks: FsCheck shrinks through an arbitrary's shrinker, and a generator mapped with
    /// <c>Select</c> has none, so a failure would be reported at full size.</summary>
    public static Arbitrary<T> Shrinking<T>(this Gen<T> gen, Func<T, IEnumerable<T>> shrink) => Arb.From(gen, shrink);

    /// <summary>Shrinks a space-separated word sequence: halves first, then one word less at each position.</summary>
    public static IEnumerable<string> ShrinkWords(string text)
    {
        var words = text.Split(' ');
        if (words.Length <= 1) yield break;
        yield return string.Join(' ', words[..(words.Length / 2)]);
        yield return string.Join(' ', words[(words.Length / 2)..]);
        for (int i = 0; i < words.Length; i++) yield return string.Join(' ', words.Where((_, j) => j != i));
    }

    /// <summary>Shrinks an array: halves first, then one element less at each position (never below one element).</summary>
    public static IEnumerable<T[]> ShrinkArray<T>(T[] items)
    {
        if (items.Length <= 1) yield break;
        yield return items[..(items.Length / 2)];
        yield return items[(items.Length / 2)..];
        for (int i = 0; i < items.Length; i++) yield return [.. items.Where((_, j) => j != i)];
    }

    /// <summary>Shrinks two parallel arrays together (element i leaves both).</summary>
    public static IEnumerable<(T[], U[])> ShrinkParallel<T, U>((T[] A, U[] B) pair)
    {
        var (a, b) = pair;
        if (a.Length <= 1) yield break;
        int h = a.Length / 2;
        yield return (a[..h], b[..h]);
        yield return (a[h..], b[h..]);
        for (int i = 0; i < a.Length; i++) yield return ([.. a.Where((_, j) => j != i)], [.. b.Where((_, j) => j != i)]);
    }

    /// <summary>Shrinks a pair by shrinking either side.</summary>
    public static IEnumerable<(T, U)> ShrinkPair<T, U>((T A, U B) pair, Func<T, IEnumerable<T>> shrinkA, Func<U, IEnumerable<U>> shrinkB) =>
        shrinkA(pair.A).Select(a => (a, pair.B)).Concat(shrinkB(pair.B).Select(b => (pair.A, b)));

    /// <summary>Shrinks any text: halves first, then one UTF-16 unit less at each position.</summary>
    public static IEnumerable<string> ShrinkText(string text)
    {
        if (text.Length <= 1) yield break;
        yield return text[..(text.Length / 2)];
        yield return text[(text.Length / 2)..];
        for (int i = 0; i < text.Length; i++) yield return text.Remove(i, 1);
    }

    /// <summary>Shrinks a list like <see cref="ShrinkArray{T}"/>.</summary>
    public static IEnumerable<List<T>> ShrinkList<T>(List<T> items) => ShrinkArray(items.ToArray()).Select(a => a.ToList());

    /// <summary>A shrinker of two parallel arrays that never goes below <paramref name="minLength"/> elements.</summary>
    public static Func<(T[], U[]), IEnumerable<(T[], U[])>> ShrinkParallel<T, U>(int minLength) =>
        pair => ShrinkParallel(pair).Where(p => p.Item1.Length >= minLength);

    /// <summary>A shrinker of integers towards <paramref name="target"/> (the target itself, then halfway, then one step).</summary>
    public static Func<int, IEnumerable<int>> ShrinkToward(int target) => x =>
        x == target ? [] : new[] { target, target + ((x - target) / 2), x - Math.Sign(x - target) }.Distinct().Where(v => v != x);

    /// <summary>Shrinks a double towards 0: 0, the nearest integer, then half.</summary>
    public static IEnumerable<double> ShrinkDouble(double x) =>
        x == 0 ? [] : new[] { 0, Math.Round(x), x / 2 }.Distinct().Where(v => v != x);

    /// <summary>Shrinks an amount of money toward 0: 0, half, one less.</summary>
    public static IEnumerable<UInt128> ShrinkMoney(UInt128 x) => x == 0 ? [] : new[] { UInt128.Zero, x / 2, x - 1 }.Distinct().Where(v => v < x);

    /// <summary>Amounts of money over the whole range: small, wei-scale (10^18 to 10^24 and beyond), near 2^128 − 1, random 128-bit, powers of two, 0.</summary>
    public static readonly Gen<UInt128> Money = Gen.OneOf(
        Gen.Choose(0, int.MaxValue).Select(i => (UInt128)(uint)i),
        Gen.Choose(0, 1000).Select(i => UInt128.MaxValue - (uint)i),
        Gen.Zip(Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(0, int.MaxValue)), Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(0, int.MaxValue)))
            .Select(t => new UInt128(((ulong)(uint)t.Item1.Item1 << 32) | (uint)t.Item1.Item2, ((ulong)(uint)t.Item2.Item1 << 32) | (uint)t.Item2.Item2)),
        Gen.Choose(0, 127).Select(k => UInt128.One << k),
        Gen.Choose(18, 38).Select(k => UInt128.Parse("1" + new string('0', k), System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Constant(UInt128.Zero));

    /// <summary>Shrinks a non-negative long towards 0: 0, half, then one less.</summary>
    public static IEnumerable<long> ShrinkLong(long x) =>
        x <= 0 ? [] : new[] { 0, x / 2, x - 1 }.Distinct().Where(v => v != x);
}
