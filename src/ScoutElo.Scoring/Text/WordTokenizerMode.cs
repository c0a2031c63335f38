namespace ScoutElo.Scoring.Text;

/// <summary>How <see cref="WordTokenizer"/> finds tokens.</summary>
public enum WordTokenizerMode
{
    /// <summary>Letters, digits and combining marks of any script; CJK characters one per token.</summary>
    Unicode = 0,
    /// <summary>Exactly rouge-score's tokenizer: <c>[a-z0-9]+</c> runs after lower-casing.</summary>
    RougeScore = 1,
}
