using System.Text.Json;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Serialization;
using ScoutElo.Scoring.Tests.Reliability;

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

    [DataFact("summeval.jsonl", "qags-cnndm.jsonl")]
    public void Cli_warns_zero_shot_adapts_few_shot_and_uses_node_history()
    {
        string dir = CliBadInputTests.TempDirectory();
        string profile = Path.Combine(dir, "rel.json"), history = Path.Combine(dir, "h.jsonl"), adapted = Path.Combine(dir, "a.json");
        var (code, _, err) = CliBadInputTests.Run("calibrate", "--data", SharedData.PathOf("summeval.jsonl"), "--label", "relevance", "--out", profile, "--history-out", history);
        Assert.True(code == 0, err);
        Assert.Equal(16, File.ReadAllLines(history).Length); // one line per SummEval system

        var lines = File.ReadAllLines(SharedData.PathOf("qags-cnndm.jsonl"));
        string few = Path.Combine(dir, "few.jsonl"), rest = Path.Combine(dir, "rest.jsonl");
        File.WriteAllLines(few, lines.Take(35));
        File.WriteAllLines(rest, lines.Skip(35));

        (code, var stdout, err) = CliBadInputTests.Run("evaluate", "--data", rest, "--label", "consistency", "--profile", profile, "--json");
        Assert.True(code == 0, err);
        using (var zero = JsonDocument.Parse(stdout))
        {
            var warnings = zero.RootElement.GetProperty("warnings").EnumerateArray().Select(w => (w.GetProperty("code").GetString(), w.GetProperty("dimension").GetString())).ToList();
            Assert.Contains(("not-applicable", "model-prior"), warnings);
            Assert.Contains(("not-applicable", "semantic"), warnings);
        }
        Assert.Contains("warning [not-applicable]", err, StringComparison.Ordinal);

        (code, stdout, err) = CliBadInputTests.Run("calibrate", "--base", profile, "--data", few, "--label", "consistency", "--out", adapted, "--json");
        Assert.True(code == 0, err);
        using (var doc = JsonDocument.Parse(stdout))
        {
            var task = doc.RootElement.GetProperty("tasks")[0];
            Assert.Equal(35, task.GetProperty("n").GetInt32());
            Assert.True(task.GetProperty("learningCurve").GetArrayLength() >= 5);
        }
        (code, stdout, _) = CliBadInputTests.Run("evaluate", "--data", rest, "--label", "consistency", "--profile", adapted, "--json");
        (_, var zeroOut, _) = CliBadInputTests.Run("evaluate", "--data", rest, "--label", "consistency", "--profile", profile, "--json");
        double Pearson(string json) { using var d = JsonDocument.Parse(json); return d.RootElement.GetProperty("composite").GetProperty("pearson").GetDouble(); }
        Assert.True(code == 0 && Pearson(stdout) >= 0.60 && Pearson(stdout) > Pearson(zeroOut) + 0.1, $"adapted {Pearson(stdout):0.000} vs zero-shot {Pearson(zeroOut):0.000}");

        (code, stdout, err) = CliBadInputTests.Run("evaluate", "--data", SharedData.PathOf("summeval.jsonl"), "--label", "relevance", "--profile", profile, "--history", history, "--json");
        Assert.True(code == 0, err);
        using (var withHistory = JsonDocument.Parse(stdout))
        {
            Assert.True(withHistory.RootElement.GetProperty("dimensions").GetProperty("model-prior").GetProperty("n").GetInt32() == 1600);
            Assert.DoesNotContain(withHistory.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("dimension").GetString() == "model-prior");
        }

        string bad = CliBadInputTests.Temp("bad-history.jsonl", "{\"node\":\"M0\",\"count\":3,\"mean\":0.5}\n{\"node\":\"M1\",\"count\":3,\"mean\":7}\n");
        (code, stdout, err) = CliBadInputTests.Run("score", "--data", rest, "--out", Path.Combine(dir, "s.jsonl"), "--history", bad);
        Assert.Equal(1, code);
        Assert.Contains("bad-history.jsonl:2", err, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    /// <summary>Issue 22: a SummEval relevance profile moved to QAGS-CNN/DM, adapted without labels, moves its weight to what
    /// the new traffic's dimensions agree on and gains well over zero-shot; the labels are never read by the adaptation.</summary>
    [DataFact("summeval.jsonl", "qags-cnndm.jsonl")]
    public void Label_free_adaptation_lifts_a_moved_profile_without_reading_labels()
    {
        var summeval = LoggedOutputJsonl.ReadAllFile(SharedData.PathOf("summeval.jsonl")).Records;
        var qags = LoggedOutputJsonl.ReadAllFile(SharedData.PathOf("qags-cnndm.jsonl")).Records;
        var profile = new Calibrator(Options).Calibrate(summeval, "relevance").Profile;
        var unlabeled = qags.Select(r => r.Input).ToList();
        var adapted = profile.AdaptUnlabeled(unlabeled);
        double zero = EvaluationReport.Evaluate(profile, qags, "consistency").Composite.Pearson!.Value;
        double after = EvaluationReport.Evaluate(adapted.Profile, qags, "consistency").Composite.Pearson!.Value;
        Assert.True(after >= zero + 0.1 && after >= 0.5, $"zero-shot {zero:0.000}, adapted {after:0.000}");
        Assert.Contains(adapted.Warnings, w => w.Code == ProfileDiagnostics.Reweighted);
        // Records stripped of their labels give the same profile: the adaptation reads inputs only.
        var again = profile.AdaptUnlabeled([.. qags.Select(r => r with { Labels = new Dictionary<string, double>() }).Select(r => r.Input)]);
        Assert.Equal(adapted.Profile.ToJson(), again.Profile.ToJson());
    }

    /// <summary>Issue 22: the shipped default profile is what scripts/fit-default-profiles.sh fits on the shared data (the
    /// same multi-domain calibration, through the API), so its provenance figures are reproducible.</summary>
    [DataFact("summeval.jsonl", "qags-cnndm.jsonl", "qags-xsum.jsonl")]
    public void The_default_summarization_weights_are_what_multi_domain_calibration_fits()
    {
        CalibrationDomain Domain(string file, string label) => new(Path.GetFileNameWithoutExtension(file), LoggedOutputJsonl.ReadAllFile(SharedData.PathOf(file)).Records, label);
        var fitted = new Calibrator().CalibrateDomains([Domain("summeval.jsonl", "relevance"), Domain("qags-cnndm.jsonl", "consistency"), Domain("qags-xsum.jsonl", "consistency")]);
        var shipped = CalibrationProfile.Default.Tasks[TaskKind.Summarization].Weights;
        foreach (var (k, v) in fitted.Profile.Tasks[TaskKind.Summarization].Weights) Assert.Equal(v, shipped[k], 9);
        foreach (var p in fitted.Profile.Provenance)
            Assert.Equal(p.LeftOutPearson, CalibrationProfile.Default.Provenance.Single(x => x.Name == p.Name).LeftOutPearson);
    }
}
