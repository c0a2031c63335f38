using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Tests.PropertyTests;

namespace ScoutElo.Scoring.Tests.Calibration;

public sealed class CalibratorTests
{
    private sealed class LengthDim : IQualityDimension
    {
        public string Name => "len";

        public DimensionScore Score(ScoringInput input) => DimensionScore.Of(Math.Min(1, input.Response.Length / 20.0));
    }

    private sealed class NoiseDim : IQualityDimension
    {
        public string Name => "noise";

        public DimensionScore Score(ScoringInput input) => DimensionScore.Of(input.Query.Length * 37 % 11 / 10.0); // unrelated to the label
    }

    internal static List<LoggedOutput> Synthetic(int n, int seed = 3)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(i =>
        {
            int len = rng.Next(1, 20);
            return new LoggedOutput
            {
                Id = "i" + i,
                Input = new ScoringInput { Query = "q" + (i / 2), Response = new string('x', len), Task = TaskKind.Open },
                Labels = new Dictionary<string, double> { ["q"] = len + (rng.NextDouble() * 4) },
            };
        }).ToList();
    }

    [Fact]
    public void Calibrate_KeepsTheInformativeDimension_WeightsSumToOne_ProfileRoundTrips()
    {
        var data = Synthetic(200);
        var result = new Calibrator(new CalibrationOptions { BootstrapResamples = 100 }, [new LengthDim(), new NoiseDim()]).Calibrate(data, "q");
        var report = Assert.Single(result.Reports);
        Assert.True(report.Composite.Pearson > 0.7);
        var weights = result.Profile.Tasks[TaskKind.Open].Weights;
        Assert.Equal(1.0, weights.Values.Sum(), 12);
        Assert.True(weights["len"] > 0.9);
        var back = CalibrationProfile.FromJson(result.Profile.ToJson());
        Assert.Equal(result.Profile.ToJson(), back.ToJson());
        Assert.Equal(weights, back.Tasks[TaskKind.Open].Weights);
    }

    [Fact]
    public void Calibrate_IsDeterministicForASeed()
    {
        var data = Synthetic(120);
        var c = new Calibrator(new CalibrationOptions { BootstrapResamples = 100, Seed = 9, FitIsotonic = true }, [new LengthDim(), new NoiseDim()]);
        Assert.Equal(c.Calibrate(data, "q").Profile.ToJson(), c.Calibrate(data, "q").Profile.ToJson());
        Assert.Equal(MarkdownReport.Write(c.Calibrate(data, "q").Reports[0]), MarkdownReport.Write(c.Calibrate(data, "q").Reports[0]));
    }

    [Fact]
    public void Calibrate_FewerThanTenItems_ThrowsNamingData() =>
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => new Calibrator().Calibrate(Synthetic(9), "q")).ParamName);

    [Fact]
    public void Calibrate_MissingLabels_AreSkippedAndCounted()
    {
        var data = Synthetic(30);
        data.AddRange(Synthetic(5).Select(r => r with { Labels = new Dictionary<string, double>() }));
        var result = new Calibrator(new CalibrationOptions { BootstrapResamples = 100 }, [new LengthDim()]).Calibrate(data, "q");
        Assert.Equal(5, result.SkippedMissingLabel);
        Assert.Equal(30, result.Reports[0].Items);
    }

    [Fact]
    public void Calibrate_ConstantLabels_ReportUndefinedCorrelationsNeverNaN()
    {
        var data = Synthetic(30).Select(r => r with { Labels = new Dictionary<string, double> { ["q"] = 3 } }).ToList();
        var report = new Calibrator(new CalibrationOptions { BootstrapResamples = 100 }, [new LengthDim()]).Calibrate(data, "q").Reports[0];
        Assert.Null(report.Composite.Pearson);
        Assert.Contains("constant label", report.Audit[0].Correlation.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", MarkdownReport.Write(report), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void Constructor_BadFolds_ThrowsNamingOptions(int folds) =>
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new Calibrator(new CalibrationOptions { Folds = folds })).ParamName);

    [Property]
    public Property Folds_never_split_a_group() =>
        Prop.ForAll(Gen.Choose(2, 7).Shrinking(Generators.ShrinkToward(2)), k =>
        {
            var inputs = Synthetic(60).Select(r => r.Input).ToList();
            var (fold, groups) = Calibrator.AssignFolds(inputs, Enumerable.Range(0, inputs.Count).ToArray(), k, 5);
            Assert.Equal(30, groups);
            for (int i = 0; i < inputs.Count; i += 2) Assert.Equal(fold[i], fold[i + 1]); // items 2j and 2j+1 share a query
        });

    [Fact]
    public void Profile_FromJson_RejectsAnotherSchemaVersion()
    {
        var json = new CalibrationProfile { Label = "q", Tasks = new Dictionary<TaskKind, TaskCalibration>() }.ToJson().Replace("\"schemaVersion\": 1", "\"schemaVersion\": 99", StringComparison.Ordinal);
        Assert.Contains("schemaVersion", Assert.Throws<FormatException>(() => CalibrationProfile.FromJson(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_weights_are_applied_by_the_scorer_per_task()
    {
        var profile = new CalibrationProfile
        {
            Label = "q",
            Tasks = new Dictionary<TaskKind, TaskCalibration>
            {
                [TaskKind.Qa] = new() { Policy = CalibrationPolicy.BestSingle, Weights = new Dictionary<string, double> { ["semantic"] = 1 } },
            },
        };
        var scorer = profile.CreateScorer();
        var r = scorer.Score(new ScoringInput { Task = TaskKind.Qa, Query = "who", Response = "It was Ada Lovelace.", References = ["Ada Lovelace"] });
        Assert.Equal(1.0, r.Composite.Value);
        Assert.Equal(1.0, scorer.WeightsFor(TaskKind.Qa)["semantic"]);
        Assert.Equal(1.0 / 8, scorer.WeightsFor(TaskKind.Open)["semantic"], 12);
    }
}
