using ScoutElo.Scoring;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Ranking;
using ScoutElo.Scoring.Reporting;

// Score one response on the eight built-in dimensions.
var report = BuiltInDimensions.CreateScorer().Score(new ScoringInput
{
    Task = TaskKind.Qa,
    Query = "who got the first nobel prize in physics",
    Response = "The first Nobel Prize in Physics was awarded to Wilhelm Röntgen in 1901.",
    References = ["Wilhelm Conrad Röntgen", "Wilhelm Röntgen"],
});
Console.WriteLine(report.Composite);                    // 1, from structure, semantic and alignment; the rest say n/a

// Calibrate on labeled data, then score with the per-task profile.
var data = LoggedOutputJsonl.ReadAllFile("../shared/data/jsonl/evouna-nq.jsonl").Records;
var result = new Calibrator().Calibrate(data, label: "correct");
File.WriteAllText("qa.profile.json", result.Profile.ToJson());
var scorer = result.Profile.CreateScorer();

// Aggregate evaluators robustly; split rewards exactly.
double consensus = Consensus.WeightedMedian([0.81, 0.79, 0.83, 1.0, 1.0], [1, 1, 1, 0.1, 0.1]);

// Rank scouts.
var elo = new EloRatingTable();
elo.ApplyBatch([new MatchResult("scout-a", "scout-b", 1.0), new MatchResult("scout-b", "scout-c", 0.5)]);
