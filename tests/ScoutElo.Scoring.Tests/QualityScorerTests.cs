using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.Tests;

public sealed class QualityScorerTests
{
    internal sealed class Fixed(string name, DimensionScore score) : IQualityDimension
    {
        public string Name => name;

        public DimensionScore Score(ScoringInput input) => score;
    }

    [Fact]
    public void Score_RenormalizesOverApplicableDimensions()
    {
        var scorer = new QualityScorer(
            [new Fixed("a", DimensionScore.Of(0.2)), new Fixed("b", DimensionScore.NotApplicable("n/a")), new Fixed("c", DimensionScore.Of(0.8))],
            new Dictionary<string, double> { ["a"] = 1, ["b"] = 5, ["c"] = 3 });
        var r = scorer.Score(new ScoringInput { Response = "x" });
        Assert.Equal(((1 * 0.2) + (3 * 0.8)) / 4, r.Composite.Value!.Value, 12);
        Assert.Equal(["b"], r.NotApplicable);
        Assert.Equal(0.25, r.Dimensions[0].EffectiveWeight, 12);
        Assert.Equal(0, r.Dimensions[1].EffectiveWeight);
    }

    [Fact]
    public void Score_NothingApplicable_CompositeIsNotApplicable() =>
        Assert.False(new QualityScorer([new Fixed("a", DimensionScore.NotApplicable("no"))]).Score(new ScoringInput { Response = "x" }).Composite.IsApplicable);

    [Fact]
    public void Constructor_DuplicateNames_ThrowsNamingDimensions() =>
        Assert.Equal("dimensions", Assert.Throws<ArgumentException>(() => new QualityScorer([new Fixed("a", default), new Fixed("a", default)])).ParamName);

    [Fact]
    public void Constructor_NegativeWeight_ThrowsNamingWeights() =>
        Assert.Equal("weights", Assert.Throws<ArgumentOutOfRangeException>(() => new QualityScorer([new Fixed("a", default)], new Dictionary<string, double> { ["a"] = -1 })).ParamName);

    [Fact]
    public void Constructor_UnknownWeightName_ThrowsNamingWeights() =>
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => new QualityScorer([new Fixed("a", default)], new Dictionary<string, double> { ["zz"] = 1 })).ParamName);

    [Fact]
    public void Score_NullInput_ThrowsNamingInput() =>
        Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => BuiltInDimensions.CreateScorer().Score(null!)).ParamName);

    [Fact]
    public void Input_UnknownTask_ThrowsNamingTask() =>
        Assert.Equal("Task", Assert.Throws<ArgumentOutOfRangeException>(() => new ScoringInput { Response = "x", Task = (TaskKind)42 }).ParamName);

    [Fact]
    public void Default_dimensions_have_the_fixed_names() =>
        Assert.Equal(["model-prior", "cost-prior", "structure", "semantic", "alignment", "agreement", "faithfulness", "salience"], BuiltInDimensions.CreateScorer().Dimensions.Select(d => d.Name));
}
