using System.Text.Json;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Calibration;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Tests;

namespace ScoutElo.Cli.Tests;

/// <summary>The command on real data: a profile applied zero-shot warns, few-shot adapts it, node history carries over.</summary>
public sealed class CliTransferDataTests
{
    private static readonly CalibrationOptions Options = new() { BootstrapResamples = 100 };

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
