using MathNet.Numerics.Statistics;
using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Reporting;
using Xunit.Abstractions;

namespace ScoutElo.Scoring.Tests.Data;

/// <summary>Real-data regression guards: each dimension's Pearson correlation with human labels has a floor.</summary>
public sealed class DimensionCorrelationDataTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, LoggedOutput[]> Cache = [];

    internal static LoggedOutput[] Load(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var records)) Cache[file] = records = [.. LoggedOutputJsonl.ReadFile(SharedData.PathOf(file))];
            return records;
        }
    }

    private Dictionary<string, double> Correlations(string file, string label)
    {
        var records = Load(file);
        var scorer = BuiltInDimensions.CreateScorer();
        var reports = scorer.ScoreBatch(records.Select(r => r.Input).ToList(), maxDegreeOfParallelism: -1);
        var result = new Dictionary<string, double>();
        foreach (var name in scorer.Dimensions.Select(d => d.Name).Append("composite"))
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < records.Length; i++)
            {
                var s = name == "composite" ? reports[i].Composite : reports[i][name];
                if (s.TryGetValue(out double v)) { xs.Add(v); ys.Add(records[i].Labels[label]); }
            }
            if (xs.Count < 3 || xs.Distinct().Count() < 2) { output.WriteLine($"{file} {label} {name}: not applicable (n={xs.Count})"); continue; }
            double r = Correlation.Pearson(xs, ys);
            result[name] = r;
            output.WriteLine($"{file} {label} {name}: Pearson {r:0.000} (n={xs.Count})");
        }
        Assert.All(reports, r => Assert.True(!r.Composite.IsApplicable || r.Composite.Value is >= 0 and <= 1));
        return result;
    }

    [DataFact("summeval.jsonl")]
    public void SummEval_relevance_dimension_floors()
    {
        var c = Correlations("summeval.jsonl", "relevance");
        Assert.True(c["semantic"] >= 0.32, $"semantic {c["semantic"]:0.000} below the ROUGE-1 F anchor 0.32");
        Assert.True(c["structure"] >= 0.10, $"structure {c["structure"]:0.000}");
        Assert.True(c["alignment"] >= 0.05, $"alignment {c["alignment"]:0.000}");
    }

    [DataFact("evouna-nq.jsonl")]
    public void EvounaNq_correctness_dimension_floors()
    {
        var c = Correlations("evouna-nq.jsonl", "correct");
        Assert.True(c["semantic"] >= 0.69, $"semantic {c["semantic"]:0.000} below the contains-gold anchor 0.69");
        Assert.True(c["alignment"] >= 0.05, $"alignment {c["alignment"]:0.000}");
    }

    [DataFact("evouna-tq.jsonl")]
    public void EvounaTq_correctness_dimension_floors()
    {
        var c = Correlations("evouna-tq.jsonl", "correct");
        Assert.True(c["semantic"] >= 0.69, $"semantic {c["semantic"]:0.000}");
    }

    [DataFact("qags-cnndm.jsonl", "qags-xsum.jsonl")]
    public void Qags_consistency_alignment_floor()
    {
        Assert.True(Correlations("qags-cnndm.jsonl", "consistency")["alignment"] >= 0.25);
        Assert.True(Correlations("qags-xsum.jsonl", "consistency")["alignment"] >= 0.2);
    }

    [DataFact("topical-chat.jsonl")]
    public void TopicalChat_overall_agreement_floor()
    {
        var c = Correlations("topical-chat.jsonl", "overall");
        Assert.True(c["agreement"] >= 0.3, $"agreement {c["agreement"]:0.000}");
    }
}
