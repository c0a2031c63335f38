namespace ScoutElo.Scoring.Text;

/// <summary>Splits text into word tokens. Implementations must be deterministic and thread-safe.</summary>
/// <remarks>The built-ins are <see cref="WordTokenizer.Unicode"/> and <see cref="WordTokenizer.RougeScore"/>. A tokenizer of
/// another library (for example a subword tokenizer) plugs in by implementing this interface; a bare token counter plugs in
/// as a <c>Func&lt;string, int&gt;</c> where only counts are needed.</remarks>
public interface ITokenizer
{
    /// <summary>Tokenizes <paramref name="text"/>.</summary>
    /// <param name="text">The text; never null.</param>
    /// <returns>The tokens in order; empty when there are none.</returns>
    IReadOnlyList<string> Tokenize(string text);
}
