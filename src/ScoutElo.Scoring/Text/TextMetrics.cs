namespace ScoutElo.Scoring.Text;

/// <summary>
/// Reference-exact text metrics: ROUGE-N/L/Lsum (rouge-score), SQuAD exact match and token F1, sacreBLEU corpus and sentence
/// BLEU, chrF/chrF++, distinct-n, repetition rate and compression ratio.
/// </summary>
/// <remarks>
/// <para>Every method is thread-safe and allocation-light: tokens and n-grams are interned per call into per-thread scratch
/// buffers, so the ROUGE-N, ROUGE-L and F1 paths allocate nothing once those buffers have grown to the workload.</para>
/// <para>No method returns NaN. Degenerate inputs (empty text, no n-grams) have documented values.</para>
/// <para>ROUGE follows Google's <c>rouge-score</c> package definitions. Its word tokenizer is
/// <see cref="WordTokenizer.Unicode"/> by default, identical to rouge-score's on ASCII text and Unicode-aware elsewhere;
/// pass <see cref="WordTokenizer.RougeScore"/> for byte-exact rouge-score tokenization of any text.</para>
/// </remarks>
public static partial class TextMetrics
{
    private static void CheckN(int n, string paramName = "n")
    {
        if (n < 1) throw new ArgumentOutOfRangeException(paramName, n, "The n-gram order must be at least 1.");
    }

    private static void CheckReferences(IReadOnlyList<string> references, string paramName)
    {
        ArgumentNullException.ThrowIfNull(references, paramName);
        for (int i = 0; i < references.Count; i++)
        {
            if (references[i] is null) throw new ArgumentException($"Reference {i} is null.", paramName);
        }
    }
}
