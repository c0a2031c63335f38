using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Tests.Text;

public sealed class TextMetricsTests
{
    [Fact]
    public void RougeN_NullTarget_ThrowsNamingTarget() =>
        Assert.Equal("target", Assert.Throws<ArgumentNullException>(() => TextMetrics.RougeN((string)null!, "x", 1)).ParamName);

    [Fact]
    public void RougeN_NullPrediction_ThrowsNamingPrediction() =>
        Assert.Equal("prediction", Assert.Throws<ArgumentNullException>(() => TextMetrics.RougeN("x", null!, 1)).ParamName);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void RougeN_OrderBelowOne_ThrowsNamingN(int n) =>
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => TextMetrics.RougeN("a", "a", n)).ParamName);

    [Fact]
    public void DistinctN_OrderBelowOne_ThrowsNamingN() =>
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => TextMetrics.DistinctN("a b", 0)).ParamName);

    [Fact]
    public void RepetitionRate_NullText_ThrowsNamingText() =>
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => TextMetrics.RepetitionRate(null!, 1)).ParamName);

    [Fact]
    public void SquadF1_NullGold_ThrowsNamingGold() =>
        Assert.Equal("gold", Assert.Throws<ArgumentNullException>(() => TextMetrics.SquadF1("a", (string)null!)).ParamName);

    [Fact]
    public void SquadF1_EmptyGoldList_ThrowsNamingGolds() =>
        Assert.Equal("golds", Assert.Throws<ArgumentException>(() => TextMetrics.SquadF1("a", Array.Empty<string>())).ParamName);

    [Fact]
    public void ChrF_NoReference_ThrowsNamingReferences() =>
        Assert.Equal("references", Assert.Throws<ArgumentException>(() => TextMetrics.ChrF("a", [])).ParamName);

    [Fact]
    public void ChrF_NaNBeta_ThrowsNamingBeta() =>
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => TextMetrics.ChrF("a", ["a"], beta: double.NaN)).ParamName);

    [Fact]
    public void CorpusBleu_StreamLengthMismatch_ThrowsNamingReferenceStreams() =>
        Assert.Equal("referenceStreams", Assert.Throws<ArgumentException>(() => TextMetrics.CorpusBleu(["a", "b"], [["a"]])).ParamName);

    [Fact]
    public void SentenceBleu_NullHypothesis_ThrowsNamingHypothesis() =>
        Assert.Equal("hypothesis", Assert.Throws<ArgumentNullException>(() => TextMetrics.SentenceBleu(null!, ["a"])).ParamName);

    [Fact]
    public void Rouge_on_non_ascii_text_is_not_a_silent_zero_with_the_unicode_tokenizer()
    {
        Assert.Equal(1.0, TextMetrics.RougeN("東京は日本の首都です", "東京は日本の首都です", 1).F);
        Assert.Equal(1.0, TextMetrics.RougeL("Wilhelm Röntgen", "Wilhelm Röntgen").F);
        Assert.Equal(0.0, TextMetrics.RougeN("東京", "東京", 1, WordTokenizer.RougeScore).F); // rouge-score drops non-ASCII letters
    }

    [Fact]
    public void SquadContains_finds_the_normalized_gold_answer_inside_a_sentence()
    {
        Assert.True(TextMetrics.SquadContains("The first prize went to Wilhelm Röntgen in 1901.", "Wilhelm Röntgen"));
        Assert.False(TextMetrics.SquadContains("Röntgen, Wilhelm", "Wilhelm Röntgen"));
        Assert.False(TextMetrics.SquadContains("anything", "the"));
    }

    [Fact]
    public void Squad_articles_are_removed_only_as_whole_words()
    {
        Assert.True(TextMetrics.SquadExactMatch("theater", "Theater!"));
        Assert.False(TextMetrics.SquadExactMatch("theater", "ater"));
        Assert.Equal(1.0, TextMetrics.SquadF1("an apple", "apple"));
    }

    [Fact]
    public void CompressionRatio_is_higher_for_degenerate_loops_than_for_prose()
    {
        string loop = string.Concat(Enumerable.Repeat("I am a helpful assistant. ", 40));
        string prose = "Paul Merson has restarted his row with Andros Townsend after the Tottenham midfielder was brought on with only seven minutes remaining in his team's draw with Burnley.";
        Assert.True(TextMetrics.CompressionRatio(loop) > 5 * TextMetrics.CompressionRatio(prose));
        Assert.Equal(1.0, TextMetrics.CompressionRatio(""));
    }

    [Fact]
    public void One_megabyte_inputs_complete_without_exception_or_NaN()
    {
        string big = string.Concat(Enumerable.Repeat("lorem ipsum 東京 😀 dolor sit amet, ", 1_000_000 / 32));
        string noSpaces = new('x', 1_000_000);
        Assert.InRange(TextMetrics.RougeN(big, big[..5000], 2).F, 0, 1);
        Assert.InRange(TextMetrics.RougeL(big[..20000], big[..20000]).F, 0.999, 1);
        Assert.InRange(TextMetrics.SquadF1(noSpaces, big), 0, 1);
        Assert.InRange(TextMetrics.DistinctN(big, 3), 0, 1);
        Assert.InRange(TextMetrics.CompressionRatio(big), 1, double.MaxValue);
    }

    [Fact]
    public void Sentence_bleu_of_a_partial_match_is_between_zero_and_hundred()
    {
        double b = TextMetrics.SentenceBleu("The dog bit the man.", ["The dog had bit the man."]);
        Assert.InRange(b, 1, 99);
    }
}
