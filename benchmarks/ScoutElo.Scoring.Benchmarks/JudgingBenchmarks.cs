using BenchmarkDotNet.Attributes;
using ScoutElo.Scoring.Judging;

namespace ScoutElo.Scoring.Benchmarks;

/// <summary>Issue 37: calibrating a cascade of three judges on 10,000 labelled items (target: under a second), against one
/// judge on the same items (baseline). Each judge's confidence is uniform on [0.5, 1] and right with that probability.</summary>
[MemoryDiagnoser]
public class JudgingBenchmarks
{
    private const int Items = 10_000;
    private static readonly string[] Judges = ["small", "medium", "large"];
    private List<JudgedItem> _items = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(37);
        _items = new List<JudgedItem>(Items);
        for (int i = 0; i < Items; i++)
        {
            int label = rng.Next(2);
            var verdicts = new Dictionary<string, JudgeVerdict>(StringComparer.Ordinal);
            foreach (var j in Judges)
            {
                double c = 0.5 + (0.5 * rng.NextDouble());
                verdicts[j] = new JudgeVerdict(rng.NextDouble() < c ? label : 1 - label, c);
            }
            _items.Add(new JudgedItem($"i{i}", verdicts, label));
        }
    }

    [Benchmark(Baseline = true, Description = "calibrate 1 judge, 10,000 items")]
    public EscalationPolicy OneJudge() => SelectiveJudging.Calibrate(["small"], _items);

    [Benchmark(Description = "calibrate a cascade of 3 judges, 10,000 items")]
    public EscalationPolicy ThreeJudges() => SelectiveJudging.Calibrate(Judges, _items);
}
