using System.Text.Json;
using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Tests.Vectors;

public sealed class TextMetricsVectorTests
{
    private static JsonElement Root() => JsonDocument.Parse(File.ReadAllText(SharedData.VectorPath("text-metrics.json"))).RootElement;

    [VectorFact("text-metrics.json")]
    public void Rouge_cases_reproduce_rouge_score_with_both_tokenizers()
    {
        var cases = Root().GetProperty("rouge").GetProperty("cases").EnumerateArray().ToList();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            string type = c.GetProperty("type").GetString()!, target = c.GetProperty("target").GetString()!, prediction = c.GetProperty("prediction").GetString()!;
            foreach (var tok in new ITokenizer[] { WordTokenizer.Unicode, WordTokenizer.RougeScore })
            {
                PrecisionRecallF r = type switch
                {
                    "rouge1" => TextMetrics.RougeN(target, prediction, 1, tok),
                    "rouge2" => TextMetrics.RougeN(target, prediction, 2, tok),
                    "rougeL" => TextMetrics.RougeL(target, prediction, tok),
                    "rougeLsum" => TextMetrics.RougeLsum(target, prediction),
                    _ => throw new InvalidOperationException(type),
                };
                Assert.Equal(c.GetProperty("precision").GetDouble(), r.Precision, 1e-5);
                Assert.Equal(c.GetProperty("recall").GetDouble(), r.Recall, 1e-5);
                Assert.Equal(c.GetProperty("f").GetDouble(), r.F, 1e-5);
            }
        }
    }

    [VectorFact("text-metrics.json")]
    public void Lcs_vector_matches_both_kernels()
    {
        var lcs = Root().GetProperty("rouge").GetProperty("lcs");
        int[] a = lcs.GetProperty("a").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        int[] b = lcs.GetProperty("b").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        int expected = lcs.GetProperty("length").GetInt32();
        Assert.Equal(expected, Lcs.Length(a, b));
        var s = TextScratch.Rent();
        foreach (var id in a.Concat(b)) s.InternToken(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var map = (int x) => s.InternToken(x.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, s.LcsLength(a.Select(map).ToArray(), b.Select(map).ToArray()));
        TextScratch.Return(s);
    }

    [VectorFact("text-metrics.json")]
    public void Squad_cases_reproduce_the_official_script()
    {
        foreach (var c in Root().GetProperty("squad").GetProperty("cases").EnumerateArray())
        {
            string p = c.GetProperty("prediction").GetString()!, g = c.GetProperty("gold").GetString()!;
            Assert.Equal(c.GetProperty("exact").GetBoolean(), TextMetrics.SquadExactMatch(p, g));
            Assert.Equal(c.GetProperty("f1").GetDouble(), TextMetrics.SquadF1(p, g), 1e-5);
        }
    }

    [VectorFact("text-metrics.json")]
    public void SacreBleu_corpus_values_reproduce()
    {
        var b = Root().GetProperty("sacrebleu");
        var hyps = b.GetProperty("hypotheses").EnumerateArray().Select(e => e.GetString()!).ToList();
        var refs = b.GetProperty("reference_streams").EnumerateArray()
            .Select(s => (IReadOnlyList<string>)s.EnumerateArray().Select(e => e.GetString()!).ToList()).ToList();
        Assert.Equal(b.GetProperty("bleu_13a").GetDouble(), TextMetrics.CorpusBleu(hyps, refs), 1e-6);
        Assert.Equal(b.GetProperty("bleu_no_tokenizer").GetDouble(), TextMetrics.CorpusBleu(hyps, refs, BleuTokenizer.None), 1e-6);
        Assert.Equal(b.GetProperty("three_empty_hypotheses").GetDouble(), TextMetrics.CorpusBleu(["", "", ""], refs), 1e-6);
    }

    [VectorFact("text-metrics.json")]
    public void ChrF_cases_reproduce_sacrebleu()
    {
        var c = Root().GetProperty("chrf");
        foreach (var e in c.GetProperty("cases_beta3_eps_smoothing").EnumerateArray())
            Assert.Equal(e.GetProperty("score").GetDouble(), TextMetrics.ChrF(e.GetProperty("hypothesis").GetString()!, [e.GetProperty("reference").GetString()!], beta: 3, epsSmoothing: true), 1e-4);
        foreach (var e in c.GetProperty("cases_beta3_effective_order").EnumerateArray())
            Assert.Equal(e.GetProperty("score").GetDouble(), TextMetrics.ChrF(e.GetProperty("hypothesis").GetString()!, [e.GetProperty("reference").GetString()!], beta: 3), 1e-4);
    }

    [VectorFact("text-metrics.json")]
    public void Distinct_n_reproduces_the_published_ratios()
    {
        var r = Root().GetProperty("repetition");
        string text = r.GetProperty("text").GetString()!;
        Assert.Equal(r.GetProperty("distinct_2_per_ngram").GetDouble(), TextMetrics.DistinctN(text, 2), 1e-9);
        int tokens = WordTokenizer.Unicode.Tokenize(text).Count;
        Assert.Equal(r.GetProperty("distinct_1_per_token").GetDouble(), TextMetrics.DistinctN(text, 1), 1e-9); // per token == per 1-gram
        Assert.Equal(r.GetProperty("distinct_2_per_token").GetDouble(), TextMetrics.DistinctN(text, 2) * (tokens - 1) / tokens, 1e-9);
    }
}
