using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Ranking;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Text;

namespace ScoutElo.Scoring.Tests.Reliability;

/// <summary>Issue 13: hostile inputs across the public API get a clear error naming the parameter (or a documented result);
/// never NaN, never a silent zero, never a state change on failure.</summary>
public sealed class BadInputMatrixTests
{
    public static TheoryData<string, Action, Type, string?> ApiErrors() => new()
    {
        { "split: no shares", () => Rewards.Split(1, [], []), typeof(ArgumentException), "shares" },
        { "split: NaN share", () => Rewards.Split(1, [double.NaN], new UInt128[1]), typeof(ArgumentOutOfRangeException), "shares" },
        { "split: infinite share", () => Rewards.Split(1, [double.PositiveInfinity], new UInt128[1]), typeof(ArgumentOutOfRangeException), "shares" },
        { "split: negative share", () => Rewards.Split(1, [-1e-300], new UInt128[1]), typeof(ArgumentOutOfRangeException), "shares" },
        { "split: wrong destination", () => Rewards.Split(1, [1.0, 2.0], new UInt128[1]), typeof(ArgumentException), "payouts" },
        { "weighted mean: NaN weight", () => Consensus.WeightedMean([0.5], [double.NaN]), typeof(ArgumentOutOfRangeException), "weights" },
        { "weighted mean: zero weights", () => Consensus.WeightedMean([0.5, 0.2], [0.0, 0.0]), typeof(ArgumentException), "weights" },
        { "weighted mean: length mismatch", () => Consensus.WeightedMean([0.5, 0.2], [1.0]), typeof(ArgumentException), "weights" },
        { "median: empty", () => Consensus.Median([]), typeof(ArgumentException), "scores" },
        { "median: NaN score", () => Consensus.Median([double.NaN]), typeof(ArgumentOutOfRangeException), "scores" },
        { "trimmed mean: fraction 0.5", () => Consensus.TrimmedMean([1.0, 2.0], 0.5), typeof(ArgumentOutOfRangeException), "fraction" },
        { "pearson accumulator: 1e200", () => default(PearsonAccumulator).Add(1e200, 1), typeof(ArgumentOutOfRangeException), "x" },
        { "pearson accumulator: NaN y", () => default(PearsonAccumulator).Add(1, double.NaN), typeof(ArgumentOutOfRangeException), "y" },
        { "reward rule: unsafe beta", () => NodeRewardRule.CostAware(1, 0.5), typeof(ArgumentOutOfRangeException), "beta" },
        { "reward rule: NaN alpha", () => NodeRewardRule.CostAware(double.NaN, 0), typeof(ArgumentOutOfRangeException), "alpha" },
        { "reward share: quality 1.5", () => NodeRewardRule.QualityGated.Share(1.5, 0, true, 1), typeof(ArgumentOutOfRangeException), "quality" },
        { "reward share: NaN routing", () => NodeRewardRule.QualityGated.Share(0.5, 0, true, double.NaN), typeof(ArgumentOutOfRangeException), "routingWeight" },
        { "health check: empty node", () => new ClaimedModelHealthCheck().Record("", 0.5, 0.5), typeof(ArgumentException), "node" },
        { "health check: quality -0.1", () => new ClaimedModelHealthCheck().Record("n", -0.1, 0.5), typeof(ArgumentOutOfRangeException), "nodeQuality" },
        { "health check: Z = 0", () => _ = new ClaimedModelHealthCheck(new ClaimedModelHealthCheckOptions { Z = 0 }), typeof(ArgumentOutOfRangeException), "options" },
        { "node reward: NaN quality", () => Rewards.NodeReward(double.NaN, 0, NodeRewardRule.QualityGated), typeof(ArgumentOutOfRangeException), "quality" },
        { "ledger: null shares", () => new RewardLedger().PayRound(1, null!), typeof(ArgumentNullException), "shares" },
        { "elo: self match", () => new EloRatingTable().Apply(new MatchResult("a", "a", 1)), typeof(ArgumentException), "match" },
        { "elo: score 2", () => new EloRatingTable().Apply(new MatchResult("a", "b", 2)), typeof(ArgumentOutOfRangeException), "match" },
        { "elo: NaN weight", () => new EloRatingTable().ApplyBatch([new MatchResult("a", "b", 1, double.NaN)]), typeof(ArgumentOutOfRangeException), "matches" },
        { "elo: empty id", () => new EloRatingTable().ApplySequential([new MatchResult("", "b", 1)]), typeof(ArgumentException), "matches" },
        { "elo: overflowing weight", () => new EloRatingTable().ApplyBatch([new MatchResult("a", "b", 1, 1e300)]), typeof(ArgumentOutOfRangeException), "matches" },
        { "elo: add NaN rating", () => new EloRatingTable().Add("a", double.NaN), typeof(ArgumentOutOfRangeException), "rating" },
        { "elo intervals: no matches", () => EloIntervals.Compute([]), typeof(ArgumentException), "matches" },
        { "elo intervals: period 0", () => EloIntervals.Compute([new MatchResult("a", "b", 1)], periodSize: 0), typeof(ArgumentOutOfRangeException), "periodSize" },
        { "glicko: score -1", () => new Glicko2RatingTable().ApplyBatch([new MatchResult("a", "b", -1)]), typeof(ArgumentOutOfRangeException), "matches" },
        { "routing weight: NaN rating", () => NodeRewardRule.RoutingWeight(double.NaN, 0, 1500), typeof(ArgumentOutOfRangeException), "rating" },
        { "text: negative n", () => TextMetrics.DistinctN("a b", 0), typeof(ArgumentOutOfRangeException), "n" },
        { "jsonl: 1e400 label", () => LoggedOutputJsonl.Parse("{\"id\":\"x\",\"response\":\"r\",\"labels\":{\"q\":1e400}}", "f.jsonl", 7), typeof(JsonlFormatException), null },
        { "jsonl: 1e400 judgment", () => LoggedOutputJsonl.Parse("{\"id\":\"x\",\"response\":\"r\",\"judgments\":{\"j\":[1e400]}}", "f.jsonl", 7), typeof(JsonlFormatException), null },
        { "jsonl: -1e400 logprob", () => LoggedOutputJsonl.Parse("{\"id\":\"x\",\"response\":\"r\",\"logprobs\":[-1e400]}", "f.jsonl", 7), typeof(JsonlFormatException), null },
        { "jsonl: missing id", () => LoggedOutputJsonl.Parse("{\"response\":\"r\"}", "f.jsonl", 7), typeof(JsonlFormatException), null },
        { "jsonl: unknown task", () => LoggedOutputJsonl.Parse("{\"id\":\"x\",\"response\":\"r\",\"task\":\"chat\"}", "f.jsonl", 7), typeof(JsonlFormatException), null },
        { "jsonl: negative latency", () => LoggedOutputJsonl.Parse("{\"id\":\"x\",\"response\":\"r\",\"metrics\":{\"latency_ms\":-1}}", "f.jsonl", 7), typeof(JsonlFormatException), null },
        { "jsonl: not an object", () => LoggedOutputJsonl.Parse("[1,2]", "f.jsonl", 7), typeof(JsonlFormatException), null },
        { "calibrate: labels 1e200", () => new Calibrator(new CalibrationOptions()).Calibrate(Labeled(1e200), "q"), typeof(ArgumentOutOfRangeException), "data" },
        { "calibrate: one group", () => new Calibrator(new CalibrationOptions()).Calibrate(Labeled(1, oneGroup: true), "q"), typeof(ArgumentException), "data" },
        { "bradley-terry: weight below 1e-6", () => BradleyTerry.Fit([new MatchResult("a", "b", 1, 1e-300)]), typeof(ArgumentOutOfRangeException), "matches" },
        { "bradley-terry: base rating 1e308", () => BradleyTerry.Fit([new MatchResult("a", "b", 1)], new BradleyTerryOptions { BaseRating = 1e308 }), typeof(ArgumentOutOfRangeException), "options" },
        { "elo: weight below 1e-6", () => new EloRatingTable().ApplyBatch([new MatchResult("a", "b", 1, 1e-9)]), typeof(ArgumentOutOfRangeException), "matches" },
        { "judgment scale: NaN score", () => new ScoutElo.Scoring.Dimensions.JudgmentScale(0, 1).Normalize(double.NaN), typeof(ArgumentOutOfRangeException), "score" },
        { "agreement: empty scale", () => _ = new ScoutElo.Scoring.Dimensions.AgreementDimension(new ScoutElo.Scoring.Dimensions.AgreementOptions { Scales = new Dictionary<string, ScoutElo.Scoring.Dimensions.JudgmentScale> { ["j"] = new(1, 1) } }), typeof(ArgumentOutOfRangeException), "options" },
        { "adapt: base without the task", () => new Calibrator(new CalibrationOptions()).Adapt(new CalibrationProfile { Label = "q", Tasks = new Dictionary<TaskKind, TaskCalibration>() }, Labeled(1), "q"), typeof(ArgumentException), "baseProfile" },
        { "history: count 0", () => new ScoutElo.Scoring.Dimensions.InMemoryNodeQualityHistory().Record("n", new ScoutElo.Scoring.Dimensions.NodeQualityStats(0, 0.5)), typeof(ArgumentOutOfRangeException), "stats" },
        { "diagnostics: reports of another length", () => ProfileDiagnostics.Check(null, [new ScoringInput { Response = "x" }], []), typeof(ArgumentException), "reports" },
    };

    private static List<LoggedOutput> Labeled(double scale, bool oneGroup = false) =>
        [.. Enumerable.Range(0, 40).Select(i => new LoggedOutput
        {
            Id = $"x{i}",
            Input = new ScoringInput { Task = TaskKind.Qa, Query = oneGroup ? "who?" : $"who wrote book {i % 10}?", Response = i % 3 == 0 ? "Ann Lee" : "Bob", References = ["Ann Lee"] },
            Labels = new Dictionary<string, double> { ["q"] = (i % 3 == 0 ? 1 : 0) * scale },
        })];

    [Theory]
    [MemberData(nameof(ApiErrors))]
    public void Api_rejects_bad_input_with_a_clear_error(string what, Action call, Type expected, string? param)
    {
        var e = Assert.ThrowsAny<Exception>(call);
        Assert.True(expected.IsInstanceOfType(e), $"{what}: expected {expected.Name}, got {e.GetType().Name}: {e.Message}");
        if (param is not null) Assert.Equal(param, ((ArgumentException)e).ParamName);
        if (e is JsonlFormatException) Assert.Contains("f.jsonl:7", e.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    public static TheoryData<string, Func<double>, double> ScaleSafe() => new()
    {
        { "weighted mean of ±1e308 with 1e308 weights", () => Consensus.WeightedMean([1e308, -1e308, 1e308], [1e308, 1e308, 1e308]), 1e308 / 3 },
        { "weighted mean with one huge weight", () => Consensus.WeightedMean([0.2, 0.9], [1e308, 1e308]), 0.55 },
        { "isotonic map over labels ×1e300", () => IsotonicMap.Fit([0.1, 0.2, 0.3, 0.4], [1e300, -1e300, 1.5e300, 1.7e308]).Apply(0.25), 1e300 }, // pools the first two to 0 at x = 0.15, then 2/3 of the way to 1.5e300
        { "isotonic map over scores ±1e308", () => IsotonicMap.Fit([-1e308, 1e308], [0.0, 1.0]).Apply(0), 0.5 },
        { "sentence BLEU of a sentence with itself", () => TextMetrics.SentenceBleu("the cat sat on the mat today", ["the cat sat on the mat today"]), 100 },
        { "judgment scale [−1e308, 1e308] at 0", () => new ScoutElo.Scoring.Dimensions.JudgmentScale(-1e308, 1e308).Normalize(0), 0.5 },
        { "agreement over ±1e308 judgments", () => new ScoutElo.Scoring.Dimensions.AgreementDimension().Score(new ScoringInput
            { Response = "x", Judgments = new Dictionary<string, IReadOnlyList<double>> { ["a"] = [-1e308, 1e308], ["b"] = [1e308, 1e308] } }).Value!.Value, 0.5 + (0.75 - 0.5) * (1 - Math.Min(1, 2 * 0.4330127018922193)) },
        { "bradley-terry with weights 1e9 and 1e-6 (spread of ratings)", () => BradleyTerry.Fit([new MatchResult("a", "b", 1, 1e9), new MatchResult("b", "a", 1, 1e-6), new MatchResult("b", "c", 0.5, 1e9)]).Ratings.Max(r => r.High) > 0 ? 1 : 0, 1 },
    };

    [Theory]
    [MemberData(nameof(ScaleSafe))]
    public void Kernels_stay_finite_and_exact_on_extreme_values(string what, Func<double> call, double expected)
    {
        double v = call();
        Assert.True(double.IsFinite(v), $"{what}: {v}");
        Assert.Equal(expected, v, Math.Abs(expected) * 1e-9 + 1e-12);
        Assert.True(v <= 100 || Math.Abs(expected) > 100, what);
    }

    [Theory]
    [InlineData(1e-200)]
    [InlineData(1)]
    [InlineData(1e200)]
    [InlineData(-1e300)]
    public void Correlation_is_scale_invariant(double scale)
    {
        double[] x = [0.1, 0.4, 0.35, 0.8, 0.7, 0.2];
        double[] y = [1, 3, 2, 5, 4, 2];
        double expected = Internal.Stats.Pearson(x, y)!.Value;
        double scaled = Internal.Stats.Pearson(x, [.. y.Select(v => v * scale)])!.Value;
        Assert.Equal(expected * Math.Sign(scale), scaled, 12);
    }

    [Fact]
    public void A_failed_elo_batch_leaves_the_table_exactly_as_it_was()
    {
        var t = new EloRatingTable();
        t.Apply(new MatchResult("a", "b", 1));
        string before = t.ToJson();
        Assert.ThrowsAny<ArgumentException>(() => t.ApplyBatch([new MatchResult("a", "c", 1), new MatchResult("c", "d", 1, 1e300)]));
        Assert.ThrowsAny<ArgumentException>(() => t.ApplySequential([new MatchResult("x", "y", 1), new MatchResult("x", "y", 1, 1e300)]));
        Assert.ThrowsAny<ArgumentException>(() => t.ApplyBatch([new MatchResult("e", "f", 1), new MatchResult("g", "g", 1)]));
        Assert.Equal(before, t.ToJson());
        Assert.False(t.Contains("c"));
        Assert.False(t.Contains("x"));
    }

    [Fact]
    public void A_failed_health_check_record_changes_nothing()
    {
        var h = new ClaimedModelHealthCheck();
        for (int i = 0; i < 6; i++) h.Record("n", 0.2, 0.8);
        double? before = h.ShortfallUpperBound("n");
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Record("n", double.NaN, 0.5));
        Assert.Equal(before, h.ShortfallUpperBound("n"));
        Assert.Equal(6, h.Checks("n"));
        Assert.False(h.Passes("n"));
    }

    [Fact]
    public void Skip_invalid_lines_skips_non_finite_and_invalid_utf8_lines_and_reports_their_line()
    {
        string path = Path.GetTempFileName();
        try
        {
            var bytes = new List<byte>();
            bytes.AddRange("{\"id\":\"a\",\"response\":\"ok\"}\n{\"id\":\"b\",\"response\":\"r\",\"labels\":{\"q\":1e400}}\n"u8.ToArray());
            bytes.AddRange("{\"id\":\"c\",\"response\":\"bad "u8.ToArray());
            bytes.Add(0xC3); // truncated UTF-8 sequence
            bytes.AddRange("\"}\n{\"id\":\"d\",\"response\":\"fine\"}\n"u8.ToArray());
            File.WriteAllBytes(path, [.. bytes]);
            var errors = new List<string>();
            var result = LoggedOutputJsonl.ReadAllFile(path, JsonlReadOptions.Default with { SkipInvalidLines = true, OnInvalidLine = e => errors.Add(e.Message) });
            Assert.Equal(["a", "d"], result.Records.Select(r => r.Id));
            Assert.Equal(2, result.SkippedLines);
            Assert.Contains(errors, m => m.Contains(":2", StringComparison.Ordinal));
            Assert.Contains(errors, m => m.Contains(":3", StringComparison.Ordinal) && m.Contains("UTF-8", StringComparison.Ordinal));
            var strict = Assert.Throws<JsonlFormatException>(() => LoggedOutputJsonl.ReadAllFile(path));
            Assert.Contains(":2", strict.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
