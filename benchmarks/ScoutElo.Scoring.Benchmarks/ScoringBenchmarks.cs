using BenchmarkDotNet.Attributes;
using ScoutElo.Scoring.Dimensions;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>Per-dimension and full-composite cost on a SummEval-length input: a 400-word source, a 60-word summary and
/// 11 reference summaries of about 60 words. The full composite is the baseline, so each ratio is a dimension's share.</summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private ScoringInput _input = null!;
    private QualityScorer _scorer = null!;
    private readonly StructureDimension _structure = new();
    private readonly SemanticDimension _semantic = new();
    private readonly AlignmentDimension _alignment = new();
    private readonly AgreementDimension _agreement = new();
    private readonly CostPriorDimension _cost = new();
    private readonly FaithfulnessDimension _faithfulness = new();
    private readonly SalienceDimension _salience = new();
    private ModelPriorDimension _prior = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7); // benchmark data only; fixed seed
        string[] vocab = [.. Enumerable.Range(0, 1500).Select(i => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        string Sentence(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => vocab[Math.Min(rng.Next(vocab.Length), rng.Next(vocab.Length))])) + ".";
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words / 20).Select(_ => Sentence(20)));
        var history = new InMemoryNodeQualityHistory();
        history.Record("node-1", 0.7);
        _prior = new ModelPriorDimension(history);
        _input = new ScoringInput
        {
            Task = TaskKind.Summarization,
            Query = "Summarize the news article.",
            Context = Text(400),
            Response = Text(60),
            References = [.. Enumerable.Range(0, 11).Select(_ => Text(60))],
            Node = "node-1",
            Metrics = new InferenceMetrics { LatencyMs = 900, OutputTokens = 80, CostUsd = 0.001 },
            Judgments = new Dictionary<string, IReadOnlyList<double>> { ["judge-a"] = [4, 5, 4], ["judge-b"] = [0.8] },
            LogProbs = [.. Enumerable.Range(0, 80).Select(i => -0.01 * (i % 7))],
        };
        _scorer = new QualityScorer([_prior, _cost, _structure, _semantic, _alignment, _agreement, _faithfulness, _salience]);
    }

    [Benchmark(Baseline = true, Description = "all eight + composite")]
    public double Composite() => _scorer.Score(_input).Composite.Value!.Value;

    [Benchmark(Description = "model-prior")]
    public double ModelPrior() => _prior.Score(_input).Value!.Value;

    [Benchmark(Description = "cost-prior")]
    public double CostPrior() => _cost.Score(_input).Value!.Value;

    [Benchmark(Description = "structure")]
    public double Structure() => _structure.Score(_input).Value!.Value;

    [Benchmark(Description = "semantic")]
    public double Semantic() => _semantic.Score(_input).Value!.Value;

    [Benchmark(Description = "alignment")]
    public double Alignment() => _alignment.Score(_input).Value!.Value;

    [Benchmark(Description = "agreement")]
    public double Agreement() => _agreement.Score(_input).Value!.Value;

    [Benchmark(Description = "faithfulness")]
    public double Faithfulness() => _faithfulness.Score(_input).Value!.Value;

    [Benchmark(Description = "salience")]
    public double Salience() => _salience.Score(_input).Value!.Value;
}
