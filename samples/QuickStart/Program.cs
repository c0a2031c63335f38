// The shortest honest tour of ScoutElo.Scoring: score a response, calibrate on labeled items,
// aggregate evaluator scores (Proof of Quality), and update ratings.
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Ranking;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring;

// 1. Score one response on the built-in dimensions.
var scorer = BuiltInDimensions.CreateScorer();
var input = new ScoringInput
{
    Task = TaskKind.Qa,
    Query = "who got the first nobel prize in physics",
    Response = "The first Nobel Prize in Physics was awarded to Wilhelm Röntgen in 1901.",
    References = ["Wilhelm Conrad Röntgen", "Wilhelm Röntgen"],
    Metrics = new InferenceMetrics { LatencyMs = 640, OutputTokens = 18, CostUsd = 0.0002 },
};
var report = scorer.Score(input);
Console.WriteLine($"composite {report.Composite}");
foreach (var d in report.Dimensions) Console.WriteLine($"  {d.Name,-12} {d.Score,-40} weight {d.EffectiveWeight:0.00}");

// 2. Calibrate on a few labeled items (real data: ../shared/data/jsonl; here a tiny inline set).
string[] answers = ["Wilhelm Röntgen", "Marie Curie", "Röntgen, in 1901", "I don't know", "Albert Einstein", "It was Wilhelm Röntgen.",
                    "Niels Bohr", "Röntgen", "Max Planck", "Wilhelm Conrad Röntgen", "Enrico Fermi", "W. Röntgen"];
var labeled = answers.Select((a, i) => new LoggedOutput
{
    Id = $"q/{i}",
    Input = input with { Response = a, Query = $"who got the first nobel prize in physics ({i / 2})" },
    Labels = new Dictionary<string, double> { ["correct"] = a.Contains("Röntgen", StringComparison.Ordinal) ? 1 : 0 },
}).ToList();
var calibration = new Calibrator(new CalibrationOptions { Folds = 3, BootstrapResamples = 200 }).Calibrate(labeled, "correct");
var qa = calibration.Reports[0];
Console.WriteLine($"calibrated ({qa.Policy}): out-of-fold Pearson {qa.Composite.Pearson:0.000} vs uncalibrated {qa.Uncalibrated.Pearson:0.000}");

// 3. Aggregate nine evaluators' scores of one output, three of them colluding.
double[] scores = [0.81, 0.78, 0.84, 0.80, 0.79, 0.83, 1.0, 1.0, 1.0];
Console.WriteLine($"mean {Consensus.Mean(scores):0.000}, median {Consensus.Median(scores):0.000}, trimmed {Consensus.TrimmedMean(scores, 0.2):0.000}");

// 4. Update ratings from matches.
var elo = new EloRatingTable();
elo.ApplyBatch([new MatchResult("scout-a", "scout-b", 1.0), new MatchResult("scout-b", "scout-c", 0.5), new MatchResult("scout-a", "scout-c", 0.8)]);
foreach (var (node, rating) in elo.Snapshot()) Console.WriteLine($"{node}: {rating:0.0}");
Console.WriteLine($"profile JSON: {calibration.Profile.ToJson().Length} chars; round-trips: {CalibrationProfile.FromJson(calibration.Profile.ToJson()).ToJson() == calibration.Profile.ToJson()}");
