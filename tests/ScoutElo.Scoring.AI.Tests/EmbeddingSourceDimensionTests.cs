using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.AI;
using ScoutElo.Scoring.AI;

namespace ScoutElo.Scoring.AI.Tests;

/// <summary>Issue 22: the embedding source signal (best response cosine over 3-sentence source windows).</summary>
public sealed class EmbeddingSourceDimensionTests
{
    /// <summary>Letter counts as the embedding: deterministic for any text, so the expected cosine can be computed here.</summary>
    private sealed class LetterCounts : IEmbeddingGenerator<string, Embedding<float>>
    {
        public int Texts { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            Texts += list.Count;
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(list.Select(v => new Embedding<float>(Vector(v)))));
        }

        public static float[] Vector(string text)
        {
            var v = new float[26];
            foreach (char c in text.ToLowerInvariant())
            {
                if (c is >= 'a' and <= 'z') v[c - 'a']++;
            }
            return v;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private static readonly string[] Words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"];

    private static Gen<string> Sentence => Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(Gen.Elements(Words), n)).Select(w => char.ToUpperInvariant(w[0][0]) + string.Join(' ', w)[1..] + "."); // capitalized: the splitter ends a sentence only before a capital

    /// <summary>A source of 1–9 sentences and a response; shrinks by dropping source sentences.</summary>
    private static Arbitrary<(string[] Sentences, string Response)> SourceAndResponse =>
        Arb.From(Gen.Choose(1, 9).SelectMany(n => Gen.ArrayOf(Sentence, n)).SelectMany(s => Sentence.Select(r => (s, r))),
            p => Enumerable.Range(0, p.s.Length > 1 ? p.s.Length : 0).Select(i => (p.s.Where((_, j) => j != i).ToArray(), p.r)));

    [Property(MaxTest = 60)]
    public Property The_score_is_the_best_cosine_over_every_run_of_three_source_sentences() =>
        Prop.ForAll(SourceAndResponse, p =>
        {
            var (sentences, response) = p;
            string context = string.Join(' ', sentences);
            var windows = EmbeddingSourceDimension.Windows(context, 3);
            Assert.Equal(Math.Max(1, sentences.Length - 2), windows.Count);
            double expected = windows.Max(w => Cosine(LetterCounts.Vector(response), LetterCounts.Vector(w)));
            var score = new EmbeddingSourceDimension(new LetterCounts()).ScoreAsync(new ScoringInput { Query = "q", Response = response, Context = context }).AsTask().GetAwaiter().GetResult();
            // The dimension works in single precision: compare within a tolerance, never by rounding (a rounding boundary made it flaky).
            Assert.Equal(Math.Clamp(expected, 0, 1), score.Value!.Value, 1e-6);
        });

    [Fact]
    public async Task Without_a_context_or_when_the_generator_fails_it_is_not_applicable_with_the_reason()
    {
        var gen = new LetterCounts();
        var dim = new EmbeddingSourceDimension(gen);
        var none = await dim.ScoreAsync(new ScoringInput { Query = "q", Response = "alpha." });
        Assert.False(none.IsApplicable);
        Assert.Equal("no context", none.Reason);
        Assert.Equal(0, gen.Texts);
        var failing = await new EmbeddingSourceDimension(new FixedEmbeddingGenerator([], fail: true)).ScoreAsync(new ScoringInput { Query = "q", Response = "alpha.", Context = "Alpha bravo. Charlie." });
        Assert.False(failing.IsApplicable);
        Assert.StartsWith("embedding failed: HttpRequestException", failing.Reason, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingSourceDimension(gen, 0));
        Assert.Equal(EmbeddingSourceDimension.DimensionName, dim.Name);
    }

    [Fact]
    public async Task Each_distinct_text_is_embedded_once_per_batch_call()
    {
        var gen = new LetterCounts();
        var inputs = Enumerable.Range(0, 4).Select(_ => new ScoringInput { Query = "q", Response = "alpha bravo.", Context = "Alpha. Bravo. Charlie. Delta." }).ToList();
        var scores = await new EmbeddingSourceDimension(gen).ScoreBatchAsync(inputs);
        Assert.All(scores, s => Assert.True(s.IsApplicable));
        Assert.Equal(3, gen.Texts); // the response and two windows, shared by all four inputs
    }
}
