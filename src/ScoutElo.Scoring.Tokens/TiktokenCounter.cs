using Microsoft.ML.Tokenizers;

namespace ScoutElo.Scoring.Tokens;

/// <summary>Counts tokens the way OpenAI-family models do (tiktoken <c>o200k_base</c> or <c>cl100k_base</c>), offline: the
/// vocabularies ship in the Microsoft.ML.Tokenizers data packages, nothing is downloaded.</summary>
/// <remarks>Immutable and thread-safe. <see cref="AsFunc"/> plugs it into any option that takes a length counter
/// (<see cref="Dimensions.StructureOptions.LengthCounter"/>).</remarks>
public sealed class TiktokenCounter
{
    private static readonly Lazy<TiktokenCounter> LazyO200k = new(() => new TiktokenCounter("o200k_base", TiktokenTokenizer.CreateForEncoding("o200k_base")));
    private static readonly Lazy<TiktokenCounter> LazyCl100k = new(() => new TiktokenCounter("cl100k_base", TiktokenTokenizer.CreateForEncoding("cl100k_base")));

    private readonly Tokenizer _tokenizer;

    private TiktokenCounter(string encoding, Tokenizer tokenizer)
    {
        Encoding = encoding;
        _tokenizer = tokenizer;
    }

    /// <summary>The <c>o200k_base</c> encoding (GPT-4o, GPT-4.1, o-series, GPT-5 families).</summary>
    public static TiktokenCounter O200kBase => LazyO200k.Value;

    /// <summary>The <c>cl100k_base</c> encoding (GPT-4, GPT-3.5-turbo, text-embedding-3).</summary>
    public static TiktokenCounter Cl100kBase => LazyCl100k.Value;

    /// <summary>The encoding name.</summary>
    public string Encoding { get; }

    /// <summary>The counter for a model name: <c>gpt-4o*</c>, <c>gpt-4.1*</c>, <c>gpt-5*</c>, <c>o1*</c>, <c>o3*</c>, <c>o4*</c> →
    /// <see cref="O200kBase"/>; <c>gpt-4*</c>, <c>gpt-3.5*</c>, <c>text-embedding-3*</c> → <see cref="Cl100kBase"/>; any other
    /// model (other vendors' tokenizers differ) → <see cref="O200kBase"/> as an approximation.</summary>
    /// <param name="model">The model name (case-insensitive), for example <c>gpt-4o-mini</c>.</param>
    /// <returns>The counter.</returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is null or empty.</exception>
    public static TiktokenCounter ForModel(string model)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        string m = model.Trim().ToLowerInvariant();
        if (m.StartsWith("gpt-4o", StringComparison.Ordinal) || m.StartsWith("gpt-4.1", StringComparison.Ordinal) || m.StartsWith("gpt-5", StringComparison.Ordinal)
            || m.StartsWith("o1", StringComparison.Ordinal) || m.StartsWith("o3", StringComparison.Ordinal) || m.StartsWith("o4", StringComparison.Ordinal))
            return O200kBase;
        if (m.StartsWith("gpt-4", StringComparison.Ordinal) || m.StartsWith("gpt-3.5", StringComparison.Ordinal) || m.StartsWith("text-embedding-3", StringComparison.Ordinal))
            return Cl100kBase;
        return O200kBase;
    }

    /// <summary>Counts the tokens of a text.</summary>
    /// <param name="text">The text (empty counts 0).</param>
    /// <returns>The token count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? 0 : _tokenizer.CountTokens(text);
    }

    /// <summary>This counter as a function, for options that take one.</summary>
    /// <returns><see cref="Count"/> as a delegate.</returns>
    public Func<string, int> AsFunc() => Count;
}
