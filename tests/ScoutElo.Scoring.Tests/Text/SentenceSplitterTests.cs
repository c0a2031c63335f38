using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Tests.Text;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Split_respects_abbreviations_initials_quotes_and_newlines() =>
        Assert.Equal(
            ["Dr. Smith met J. R. Tolkien in the U.S. yesterday.", "\"Was it raining?\" she asked.", "It was!", "New line here", "東京は晴れ。", "大阪は雨。"],
            SentenceSplitter.Split("Dr. Smith met J. R. Tolkien in the U.S. yesterday. \"Was it raining?\" she asked. It was!\nNew line here\n東京は晴れ。大阪は雨。"));

    [Fact]
    public void Split_of_whitespace_is_empty_and_null_throws()
    {
        Assert.Empty(SentenceSplitter.Split("  \n\t "));
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => SentenceSplitter.Split(null!)).ParamName);
    }

    [Fact]
    public void WordTokenizer_modes_agree_on_ascii_and_differ_on_other_scripts()
    {
        Assert.Equal(WordTokenizer.RougeScore.Tokenize("Hello, World! 42 times"), WordTokenizer.Unicode.Tokenize("Hello, World! 42 times"));
        Assert.Equal(["röntgen", "東", "京"], WordTokenizer.Unicode.Tokenize("Röntgen 東京"));
        Assert.Equal(["r", "ntgen"], WordTokenizer.RougeScore.Tokenize("Röntgen 東京"));
        Assert.Equal(["run", "quickli"], WordTokenizer.Get(WordTokenizerMode.Unicode, useStemmer: true).Tokenize("running quickly"));
    }
}
