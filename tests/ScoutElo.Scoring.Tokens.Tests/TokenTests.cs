using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Tests.PropertyTests;
using ScoutElo.Scoring.Tokens;

using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Tokens.Tests;

/// <summary>The optional model-token package (issue 14): offline tiktoken counts, metric filling, length bands in tokens.</summary>
public sealed class TokenTests
{
    [Fact]
    public void Counts_match_tiktoken_reference_values()
    {
        // OpenAI cookbook ("How to count tokens with tiktoken"): "tiktoken is great!" is 6 tokens in cl100k_base.
        Assert.Equal(6, TiktokenCounter.Cl100kBase.Count("tiktoken is great!"));
        Assert.Equal(2, TiktokenCounter.O200kBase.Count("hello world"));
        Assert.Equal(0, TiktokenCounter.O200kBase.Count(""));
        Assert.Same(TiktokenCounter.O200kBase, TiktokenCounter.ForModel("GPT-4o-mini"));
        Assert.Same(TiktokenCounter.Cl100kBase, TiktokenCounter.ForModel("gpt-4-turbo"));
        Assert.Same(TiktokenCounter.Cl100kBase, TiktokenCounter.ForModel("gpt-3.5-turbo"));
        Assert.Equal("o200k_base", TiktokenCounter.ForModel("o3-mini").Encoding);
    }

    [Property]
    public Property Token_counts_are_subadditive_within_a_small_seam_and_never_negative() =>
        Prop.ForAll(Gen.Zip(Generators.Words, Generators.Words).Shrinking(x => Generators.ShrinkPair(x, Generators.ShrinkWords, Generators.ShrinkWords)), p =>
        {
            var c = TiktokenCounter.O200kBase;
            int a = c.Count(p.Item1), b = c.Count(p.Item2), ab = c.Count(p.Item1 + " " + p.Item2);
            Assert.True(a >= 1 && b >= 1);
            Assert.InRange(ab, Math.Max(a, b), a + b + 1);
        });

    [Fact]
    public void Fill_missing_adds_token_counts_and_cost_and_never_overwrites_logged_values()
    {
        var input = new ScoringInput { Query = "Summarize the news article.", Context = "The council approved the budget on Monday.", Response = "The council approved the budget.", Metrics = new InferenceMetrics { LatencyMs = 500 } };
        var c = TiktokenCounter.O200kBase;
        var filled = TokenMetrics.FillMissing(input, c, new TokenPricing(2.5, 10));
        int output = c.Count(input.Response), prompt = c.Count(input.Query) + c.Count(input.Context!);
        Assert.Equal(output, filled.Metrics.OutputTokens);
        Assert.Equal(((prompt * 2.5) + (output * 10)) / 1e6, filled.Metrics.CostUsd!.Value, 15);
        Assert.Equal(output / 0.5, filled.Metrics.TokensPerSecond!.Value, 9);

        var logged = input with { Metrics = new InferenceMetrics { OutputTokens = 99, CostUsd = 0.5 } };
        Assert.Same(logged, TokenMetrics.FillMissing(logged, c, new TokenPricing(1, 1)));
        Assert.Equal("pricing", Assert.Throws<ArgumentOutOfRangeException>(() => TokenMetrics.FillMissing(input, c, new TokenPricing(-1, 1))).ParamName);
    }

    [Fact]
    public void Structure_bands_can_be_counted_in_model_tokens()
    {
        var answer = new ScoringInput { Task = TaskKind.Qa, Query = "who", Response = "It was, without any reasonable doubt whatsoever, Ada Lovelace." };
        var tokens = TiktokenCounter.O200kBase.AsFunc();
        double tight = new StructureDimension(new StructureOptions { LengthCounter = tokens, Qa = new LengthBand(1, 5) }).Score(answer).Value!.Value;
        double roomy = new StructureDimension(new StructureOptions { LengthCounter = tokens, Qa = new LengthBand(1, 60) }).Score(answer).Value!.Value;
        Assert.True(roomy > tight, $"{roomy} vs {tight}");
        Assert.Throws<InvalidOperationException>(() => new StructureDimension(new StructureOptions { LengthCounter = _ => -1 }).Score(answer));
    }
}
