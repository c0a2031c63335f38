namespace ScoutElo.Scoring.Text;

/// <summary>The tokenization applied by BLEU before counting n-grams (sacreBLEU's <c>tokenize</c> option).</summary>
public enum BleuTokenizer
{
    /// <summary>sacreBLEU's default <c>13a</c> tokenizer (mteval-v13a): punctuation and symbols split off.</summary>
    Tokenizer13a = 0,
    /// <summary>No tokenization: split on whitespace only (sacreBLEU <c>tokenize='none'</c>).</summary>
    None = 1,
}
