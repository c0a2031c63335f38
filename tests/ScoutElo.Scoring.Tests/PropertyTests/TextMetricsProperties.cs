using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Tests.PropertyTests;

public sealed class TextMetricsProperties
{
    private static void InUnit(double v) => Assert.True(double.IsFinite(v) && v is >= 0 and <= 1, $"value {v} not in [0, 1]");

    private static void InUnit(PrecisionRecallF r)
    {
        InUnit(r.Precision);
        InUnit(r.Recall);
        InUnit(r.F);
    }

    [Property]
    public Property Every_metric_is_in_range_and_never_NaN_for_any_string() =>
        Prop.ForAll(Gen.Zip(Generators.Text, Generators.Text).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkText, Generators.ShrinkText)), p =>
        {
            var (a, b) = p;
            for (int n = 1; n <= 3; n++)
            {
                InUnit(TextMetrics.RougeN(a, b, n));
                InUnit(TextMetrics.RougeN(a, b, n, WordTokenizer.RougeScore));
                InUnit(TextMetrics.RougeN(a, b, n, useStemmer: true));
                InUnit(TextMetrics.DistinctN(a, n));
                InUnit(TextMetrics.RepetitionRate(a, n));
            }
            InUnit(TextMetrics.RougeL(a, b));
            InUnit(TextMetrics.RougeLsum(a, b, useStemmer: true));
            InUnit(TextMetrics.SquadF1(a, b));
            InUnit(TextMetrics.ChrF(a, [b]) / 100);
            InUnit(TextMetrics.ChrF(a, [b], wordOrder: 2, epsSmoothing: true) / 100);
            InUnit(TextMetrics.SentenceBleu(a, [b]) / 100);
            InUnit(TextMetrics.CorpusBleu([a], [[b]]) / 100);
            double cr = TextMetrics.CompressionRatio(a);
            Assert.True(double.IsFinite(cr) && cr > 0);
        });

    [Property]
    public Property Identical_strings_score_the_maximum() =>
        Prop.ForAll(Generators.Words.Shrinking(Generators.ShrinkWords), s =>
        {
            int tokens = s.Split(' ').Length;
            for (int n = 1; n <= Math.Min(tokens, 4); n++) Assert.Equal(1.0, TextMetrics.RougeN(s, s, n).F, 1e-12);
            Assert.Equal(1.0, TextMetrics.RougeL(s, s).F, 1e-12);
            Assert.Equal(1.0, TextMetrics.RougeLsum(s, s).F, 1e-12);
            Assert.Equal(1.0, TextMetrics.SquadF1(s, s), 1e-12);
            Assert.True(TextMetrics.SquadExactMatch(s, s));
            Assert.Equal(100.0, TextMetrics.ChrF(s, [s]), 1e-9);
            Assert.Equal(100.0, TextMetrics.SentenceBleu(s, [s]), 1e-9);
        });

    [Property]
    public Property Rouge_precision_and_recall_swap_when_target_and_prediction_swap() =>
        Prop.ForAll(Gen.Zip(Generators.Text, Generators.Text).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkText, Generators.ShrinkText)), p =>
        {
            var (a, b) = p;
            for (int n = 1; n <= 2; n++)
            {
                var ab = TextMetrics.RougeN(a, b, n);
                var ba = TextMetrics.RougeN(b, a, n);
                Assert.Equal(ab.Precision, ba.Recall, 1e-12);
                Assert.Equal(ab.Recall, ba.Precision, 1e-12);
                Assert.Equal(ab.F, ba.F, 1e-12);
            }
            var l1 = TextMetrics.RougeL(a, b);
            var l2 = TextMetrics.RougeL(b, a);
            Assert.Equal(l1.Precision, l2.Recall, 1e-12);
            Assert.Equal(l1.F, l2.F, 1e-12);
            Assert.Equal(TextMetrics.SquadF1(a, b), TextMetrics.SquadF1(b, a), 1e-12);
        });

    [Property]
    public Property Adding_an_unrelated_reference_never_lowers_a_max_over_references_score() =>
        Prop.ForAll(Gen.Zip(Generators.Words, Gen.Zip(Generators.Words, Generators.Text)).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkWords, y => Generators.ShrinkPair(y, Generators.ShrinkWords, Generators.ShrinkText))), p =>
        {
            var (pred, (r1, extra)) = p;
            Assert.True(TextMetrics.RougeN([r1, extra], pred, 1).F >= TextMetrics.RougeN([r1], pred, 1).F);
            Assert.True(TextMetrics.RougeN([extra, r1], pred, 2).F >= TextMetrics.RougeN([r1], pred, 2).F);
            Assert.True(TextMetrics.RougeL([r1, extra], pred).F >= TextMetrics.RougeL([r1], pred).F);
            Assert.True(TextMetrics.SquadF1(pred, [r1, extra]) >= TextMetrics.SquadF1(pred, [r1]));
            Assert.True(TextMetrics.ChrF(pred, [extra, r1]) >= TextMetrics.ChrF(pred, [r1]));
        });

    [Property]
    public Property Bit_parallel_lcs_equals_the_dynamic_programming_reference_at_every_length() =>
        Prop.ForAll(Gen.Zip(Gen.Choose(0, 5).ArrayOf(), Gen.Zip(Gen.Choose(0, 5).ArrayOf(), Gen.Choose(0, 200))).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkArray, y => Generators.ShrinkPair(y, Generators.ShrinkArray, Generators.ShrinkToward(0)))), p =>
        {
            var (x, (y, pad)) = p;
            var a = x.Concat(Enumerable.Range(0, pad).Select(i => (i * 7) % 6)).ToArray(); // cross word boundaries (64, 128, 192)
            var s = TextScratch.Rent();
            try
            {
                for (int id = 0; id < 6; id++) s.InternToken(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(Lcs.Length(a, y), s.LcsLength(a, y));
                Assert.Equal(Lcs.Length(y, a), s.LcsLength(y, a));
            }
            finally
            {
                TextScratch.Return(s);
            }
        });
    private static readonly char[] PyWhitespace = [' ', '\t', '\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\xa0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];

    /// <summary>sacreBLEU's chrF written the plain way (string n-grams in dictionaries), no interning and no fast path: the
    /// reference the optimized <see cref="TextMetrics.ChrF"/> must equal on any text (issue 26).</summary>
    private static double PlainChrF(string hyp, string reference, int charOrder, int wordOrder, double beta, bool eps)
    {
        static List<string> Chars(string t)
        {
            var list = new List<string>();
            for (int i = 0; i < t.Length;)
            {
                System.Text.Rune.DecodeFromUtf16(t.AsSpan(i), out var r, out int used);
                i += Math.Max(used, 1);
                if (r.IsBmp && Array.IndexOf(PyWhitespace, (char)r.Value) >= 0) continue;
                list.Add(r.ToString());
            }
            return list;
        }
        static List<string> Words(string t)
        {
            const string puncts = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
            var list = new List<string>();
            foreach (var w in t.Split(PyWhitespace, StringSplitOptions.RemoveEmptyEntries))
            {
                if (w.Length == 1) list.Add(w);
                else if (puncts.Contains(w[^1], StringComparison.Ordinal)) { list.Add(w[..^1]); list.Add(w[^1..]); }
                else if (puncts.Contains(w[0], StringComparison.Ordinal)) { list.Add(w[..1]); list.Add(w[1..]); }
                else list.Add(w);
            }
            return list;
        }
        static Dictionary<string, int> Grams(List<string> units, int n, string sep)
        {
            var d = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i + n <= units.Count; i++)
            {
                string g = string.Join(sep, units.Skip(i).Take(n));
                d[g] = d.GetValueOrDefault(g) + 1;
            }
            return d;
        }
        var stats = new List<(int H, int R, int M)>();
        void Add(List<string> h, List<string> r, int order, string sep)
        {
            for (int n = 1; n <= order; n++)
            {
                var hg = Grams(h, n, sep);
                var rg = Grams(r, n, sep);
                stats.Add((hg.Values.Sum(), rg.Values.Sum(), hg.Sum(kv => Math.Min(kv.Value, rg.GetValueOrDefault(kv.Key)))));
            }
        }
        Add(Chars(hyp), Chars(reference), charOrder, "");
        if (wordOrder > 0) Add(Words(hyp), Words(reference), wordOrder, "\u0001");
        double factor = beta * beta, score = 0, ap = 0, ar = 0;
        int effective = 0;
        foreach (var (h, r, m) in stats)
        {
            double p = h > 0 ? (double)m / h : 1e-16, rc = r > 0 ? (double)m / r : 1e-16, denom = (factor * p) + rc;
            score += denom > 0 ? (1 + factor) * p * rc / denom : 1e-16;
            if (h > 0 && r > 0) { ap += p; ar += rc; effective++; }
        }
        if (eps) return 100 * score / stats.Count;
        if (effective == 0) return 0;
        ap /= effective;
        ar /= effective;
        return ap + ar == 0 ? 0 : 100 * (1 + factor) * ap * ar / ((factor * ap) + ar);
    }

    [Property]
    public Property ChrF_equals_the_plain_reference_on_any_script() =>
        Prop.ForAll(Gen.Zip(Generators.Text, Generators.Text).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkText, Generators.ShrinkText)), p =>
        {
            var (a, b) = p;
            foreach (var (chars, words, beta, eps) in new[] { (6, 0, 2.0, false), (6, 0, 3.0, true), (6, 2, 2.0, false), (3, 1, 1.0, true) })
                Assert.Equal(PlainChrF(a, b, chars, words, beta, eps), TextMetrics.ChrF(a, [b], chars, words, beta, eps), 1e-9);
        });
}
