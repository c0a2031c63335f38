using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Tests.PropertyTests;
using ScoutElo.Scoring.Verification;

namespace ScoutElo.Scoring.Tests.Verification;

/// <summary>Issue 35: the model-equality test from text (MMD, string kernel, permutation p-value).</summary>
public sealed class ModelEqualityTestTests
{
    private static readonly string[] Names = ["Paris", "William Shakespeare", "1901", "Mount Everest", "the Pacific Ocean", "Marie Curie", "Canberra", "Jupiter"];

    /// <summary>Answers of a "model": a style (terse or sentence) and a random fact; the seed picks the draws.</summary>
    private static List<TextSample> Answers(int count, bool sentence, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            string fact = Names[rng.Next(Names.Length)];
            return new TextSample(sentence ? $"The answer is {fact}, as far as I know." : fact, $"q{seed}-{i}");
        })];
    }

    [Fact]
    public void Answers_in_another_style_are_different_and_the_same_style_is_not()
    {
        var options = new ModelEqualityOptions { Permutations = 500 };
        var different = ModelEqualityTest.Run(Answers(40, false, 1), Answers(40, true, 2), options);
        Assert.True(different.Different);
        Assert.Equal(1.0 / 501, different.PValue);
        Assert.True(different.Statistic > 0.1);
        var same = ModelEqualityTest.Run(Answers(40, true, 3), Answers(40, true, 4), options);
        Assert.False(same.Different);
        Assert.Equal(0, same.Paired);
        Assert.Equal(same, ModelEqualityTest.Run(Answers(40, true, 3), Answers(40, true, 4), options)); // deterministic given the seed
    }

    [Fact]
    public void Under_equal_distributions_the_test_rejects_at_about_its_level()
    {
        int rejected = 0;
        const int Trials = 200;
        for (int t = 0; t < Trials; t++)
        {
            var r = ModelEqualityTest.Run(Answers(20, t % 2 == 0, 1000 + t), Answers(20, t % 2 == 0, 5000 + t), new ModelEqualityOptions { Permutations = 99, Seed = t });
            if (r.Different) rejected++;
        }
        Assert.InRange(rejected, 0, 20); // 5 % of 200 is 10; a binomial 99.9 % bound is about 20
    }

    [Fact]
    public void Answers_to_the_same_query_are_paired_and_permuted_within_the_pair()
    {
        var node = new List<TextSample> { new("Paris.", "capital of France"), new("1901", "first physics Nobel"), new("Canberra", "capital of Australia") };
        var reference = new List<TextSample> { new("It is Paris.", "capital of France"), new("In 1901.", "first physics Nobel"), new("Sydney", null) };
        var r = ModelEqualityTest.Run(node, reference, new ModelEqualityOptions { Permutations = 200 });
        Assert.Equal(2, r.Paired);
        Assert.Equal((3, 3), (r.N, r.M));
        Assert.InRange(r.PValue, 1.0 / 201, 1.0);
    }

    [Property(MaxTest = 30)]
    public Property The_statistic_is_symmetric_and_the_p_value_in_its_range() =>
        Prop.ForAll(Gen.Zip(Gen.Zip(Gen.Choose(2, 12), Gen.Choose(2, 12)), Gen.Choose(0, 10_000))
            .Shrinking(t => Generators.ShrinkPair(t, p => Generators.ShrinkPair(p, Generators.ShrinkToward(2), Generators.ShrinkToward(2)), Generators.ShrinkToward(0))), t =>
        {
            var ((n, m), seed) = t;
            var a = Answers(n, seed % 2 == 0, seed);
            var b = Answers(m, seed % 3 == 0, seed + 1);
            var options = new ModelEqualityOptions { Permutations = 50 };
            var ab = ModelEqualityTest.Run(a, b, options);
            var ba = ModelEqualityTest.Run(b, a, options);
            Assert.Equal(ab.Statistic, ba.Statistic, 1e-12);
            Assert.InRange(ab.PValue, 1.0 / 51, 1.0);
            Assert.Equal(ab.PValue <= options.Alpha, ab.Different);
            Assert.Equal(ab.Different ? VerificationOutcome.Fail : VerificationOutcome.Pass, ab.Verdict.Outcome);
            Assert.Equal(ab.PValue, ab.Verdict.Score);
        });

    [Fact]
    public void Bad_input_names_the_parameter()
    {
        var two = Answers(2, false, 1);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => ModelEqualityTest.Run([new TextSample("x")], two)).ParamName);
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => ModelEqualityTest.Run(two, [])).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => ModelEqualityTest.Run(two, two, new ModelEqualityOptions { Alpha = 1 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => ModelEqualityTest.Run(two, two, new ModelEqualityOptions { Characters = 0 })).ParamName);
        Assert.Equal("node", Assert.Throws<ArgumentNullException>(() => ModelEqualityTest.Run([new TextSample(null!), new TextSample("y")], two)).ParamName);
    }

    /// <summary>Real QA systems (EVOUNA: five systems on the same questions), 200 answers per side on disjoint questions:
    /// two systems are told apart, and disjoint halves of one system's answers are not (beyond the level).</summary>
    [DataFact("evouna-nq.jsonl")]
    public void Real_qa_systems_are_told_apart_and_one_system_is_not_told_from_itself()
    {
        var rows = File.ReadLines(SharedData.PathOf("evouna-nq.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var bySystem = rows.GroupBy(r => r.GetProperty("node").GetString()!).ToDictionary(g => g.Key, g => g.GroupBy(r => r.GetProperty("query").GetString()!).ToDictionary(q => q.Key, q => q.First().GetProperty("response").GetString() ?? ""));
        var queries = bySystem.Values.First().Keys.Order(StringComparer.Ordinal).ToList();
        var options = new ModelEqualityOptions { Permutations = 200 };
        int falseAlarms = 0, splits = 0;
        var systems = bySystem.Keys.Order(StringComparer.Ordinal).ToList();
        for (int s = 0; s < 10; s++)
        {
            var rng = new Random(s);
            var shuffled = queries.OrderBy(_ => rng.Next()).ToList();
            var first = shuffled.Take(200).ToList();
            var second = shuffled.Skip(200).Take(200).ToList();
            foreach (var system in systems)
            {
                splits++;
                if (ModelEqualityTest.Run(Side(system, first), Side(system, second), options with { Seed = s }).Different) falseAlarms++;
            }
        }
        Assert.True(falseAlarms <= 6, $"{falseAlarms} of {splits} same-system splits flagged");
        var q = queries;
        Assert.True(ModelEqualityTest.Run(Side("fid", q[..200]), Side("gpt4", q[200..400]), options).Different);
        Assert.True(ModelEqualityTest.Run(Side("newbing", q[..200]), Side("gpt35", q[200..400]), options).Different);

        List<TextSample> Side(string system, List<string> qs) => [.. qs.Where(bySystem[system].ContainsKey).Select(x => new TextSample(bySystem[system][x], x))];
    }
}
