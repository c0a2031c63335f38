using ScoutElo.Scoring.Dimensions;
using ScoutElo.Scoring.Internal;


namespace ScoutElo.Scoring.Calibration;

// The baselines part of the calibrator: each external evaluator and their consensus, against the same labels.
public sealed partial class Calibrator
{
    internal static IEnumerable<BaselineResult> EvaluatorBaselines(List<ScoringInput> inputs, double[] y, IReadOnlyDictionary<string, JudgmentScale> scales)
    {
        if (scales.Count == 0) yield break;
        foreach (var name in scales.Keys)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < inputs.Count; i++)
            {
                if (inputs[i].Judgments.TryGetValue(name, out var v)) { xs.Add(Stats.Mean(v)); ys.Add(y[i]); }
            }
            yield return new BaselineResult(name, BaselineKind.Evaluator, CorrelationSummary.Of([.. xs], [.. ys]));
        }
        var mx = new List<double>();
        var mdx = new List<double>();
        var cy = new List<double>();
        for (int i = 0; i < inputs.Count; i++)
        {
            var js = inputs[i].Judgments;
            if (js.Count == 0) continue;
            var normalized = js.Select(kv => scales[kv.Key].Normalize(Stats.Mean(kv.Value))).ToArray();
            mx.Add(normalized.Average());
            mdx.Add(Stats.Median(normalized));
            cy.Add(y[i]);
        }
        yield return new BaselineResult("consensus (mean)", BaselineKind.ConsensusMean, CorrelationSummary.Of([.. mx], [.. cy]));
        yield return new BaselineResult("consensus (median)", BaselineKind.ConsensusMedian, CorrelationSummary.Of([.. mdx], [.. cy]));
    }
}
