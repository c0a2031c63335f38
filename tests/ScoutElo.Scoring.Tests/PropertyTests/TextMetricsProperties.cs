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
}
