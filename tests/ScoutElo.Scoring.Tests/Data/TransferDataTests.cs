using System.Text.Json;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Reporting;

namespace ScoutElo.Scoring.Tests.Data;

/// <summary>Issue 12 on the shared data: a profile moved to traffic it was not calibrated on (other articles, other systems),
/// the label-free warnings, few-shot adaptation and node history, through the API and the scoutelo command.</summary>
public sealed class TransferDataTests
{
    private static readonly CalibrationOptions Options = new() { BootstrapResamples = 100 };

    /// <summary>SummEval split both ways: calibrate on half the articles × half the systems, score the other articles × the
    /// other systems (so no node history exists: model-prior cannot judge, conditional weights take over).</summary>
    [DataFact("summeval.jsonl")]
    public void SummEval_relevance_profile_on_unseen_articles_and_systems_is_at_least_its_best_single_dimension()
    {
        var all = LoggedOutputJsonl.ReadAllFile(SharedData.PathOf("summeval.jsonl")).Records;
        var docs = all.Select(r => r.Input.Context!).Distinct().ToList();
        var systems = all.Select(r => r.Input.Node!).Distinct().Order(StringComparer.Ordinal).ToList();
        var docsA = docs.Where((_, i) => i % 2 == 0).ToHashSet();
        var systemsA = systems.Take(8).ToHashSet();
        var train = all.Where(r => docsA.Contains(r.Input.Context!) && systemsA.Contains(r.Input.Node!)).ToList();
        var held = all.Where(r => !docsA.Contains(r.Input.Context!) && !systemsA.Contains(r.Input.Node!)).ToList();
        var profile = new Calibrator(Options).Calibrate(train, "relevance").Profile;
        var report = EvaluationReport.Evaluate(profile, held, "relevance");
        double composite = report.Composite.Pearson!.Value;
        double best = report.Dimensions.Values.Max(c => c.Pearson ?? double.NegativeInfinity);
        Assert.True(composite >= 0.40 && composite >= best - 0.01, $"zero-shot composite {composite:0.000}, best single {best:0.000}");
        Assert.Contains(report.Warnings, w => w.Code == ProfileDiagnostics.NotApplicable && w.Dimension == "model-prior");
    }
}
