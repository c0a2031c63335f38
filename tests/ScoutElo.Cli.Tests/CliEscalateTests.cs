using System.Globalization;
using System.Text;
using System.Text.Json;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Judging;
using ScoutElo.Scoring.Network;
using static ScoutElo.Cli.Tests.CliBadInputTests;

namespace ScoutElo.Cli.Tests;

/// <summary>Issue 37: <c>scoutelo escalate</c> calibrates a cascade of judges on logged outputs with human verdicts and
/// applies it to new rows, printing the documented JSON; bad input gets one sentence naming the flag or file:line.</summary>
public sealed class CliEscalateTests
{
    /// <summary>Rows with two judges' P(first is better) (calibrated: right with probability max(p, 1 − p)) and a human verdict.</summary>
    private static string Rows(int n, int seed, bool labels = true)
    {
        var rng = new Random(seed);
        var text = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            int label = rng.Next(2);
            string P()
            {
                double c = 0.5 + (0.5 * rng.NextDouble());
                int said = rng.NextDouble() < c ? label : 1 - label;
                return (said == 1 ? c : 1 - c).ToString("R", CultureInfo.InvariantCulture);
            }
            text.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"i{i}\",\"response\":\"pair {i}\",\"judgments\":{{\"small\":[{P()}],\"large\":[{P()}]}}");
            if (labels) text.Append(CultureInfo.InvariantCulture, $",\"labels\":{{\"human\":{label}}}");
            text.Append("}\n");
        }
        return text.ToString();
    }

    [Fact]
    public void Calibrating_writes_a_policy_that_applying_uses_and_the_json_is_the_documented_object()
    {
        string dir = TempDirectory();
        string cal = Path.Combine(dir, "cal.jsonl"), test = Path.Combine(dir, "test.jsonl"), policy = Path.Combine(dir, "policy.json");
        File.WriteAllText(cal, Rows(1500, 1));
        File.WriteAllText(test, Rows(800, 2));
        var (code, _, err) = Run("escalate", "--data", cal, "--label", "human", "--judges", "small,large", "--out", policy);
        Assert.True(code == 0, err);
        var library = EscalationPolicy.FromJson(File.ReadAllText(policy));
        Assert.Equal(["small", "large"], library.Judges.Select(j => j.Judge));
        var (applied, stdout, err2) = Run("escalate", "--policy", policy, "--data", test, "--label", "human", "--json");
        Assert.True(applied == 0, err2);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(800, root.GetProperty("n").GetInt32());
        double coverage = root.GetProperty("coverage").GetDouble();
        Assert.InRange(coverage, 0.05, 1);
        Assert.True(root.GetProperty("agreement").GetDouble() >= 0.8);
        Assert.Equal(["small", "large"], root.GetProperty("byJudge").EnumerateObject().Select(p => p.Name));
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(800, items.Count);
        Assert.Equal(coverage, items.Count(i => i.GetProperty("decision").ValueKind != JsonValueKind.Null) / 800.0, 12);
        // Without labels: no agreement, the same decisions.
        File.WriteAllText(test, Rows(800, 2, labels: false));
        using var unlabelled = JsonDocument.Parse(Run("escalate", "--policy", policy, "--data", test, "--json").Out);
        Assert.Equal(JsonValueKind.Null, unlabelled.RootElement.GetProperty("agreement").ValueKind);
        Assert.Equal(coverage, unlabelled.RootElement.GetProperty("coverage").GetDouble());
    }

    public static TheoryData<string, string[], string> BadInput()
    {
        string good = Temp("good.jsonl", Rows(100, 3));
        string wide = Temp("wide.jsonl", "{\"id\":\"a\",\"response\":\"r\",\"judgments\":{\"small\":[0.4]},\"labels\":{\"human\":1}}\n{\"id\":\"b\",\"response\":\"r\",\"judgments\":{\"small\":[1.3]},\"labels\":{\"human\":1}}\n");
        string half = Temp("half.jsonl", "{\"id\":\"a\",\"response\":\"r\",\"judgments\":{\"small\":[0.4]},\"labels\":{\"human\":0.5}}\n");
        return new()
        {
            { "probability", ["escalate", "--data", wide, "--label", "human", "--judges", "small"], "wide.jsonl:2: judgments.small[0] = 1.3 is not a probability in [0, 1]." },
            { "label", ["escalate", "--data", half, "--label", "human", "--judges", "small"], "half.jsonl:1: labels.human = 0.5; a human verdict is 1 (the first is better, or the item passes) or 0." },
            { "judge", ["escalate", "--data", good, "--label", "human", "--judges", "smal"], "--judges: no row of '" + good + "' has a judgment 'smal'; its judgments are large, small; did you mean 'small'?" },
            { "alpha", ["escalate", "--data", good, "--label", "human", "--judges", "small", "--alpha", "1.5"], "--alpha: must be between 0 and 1 (exclusive), got 1.5." },
            { "delta", ["escalate", "--data", good, "--label", "human", "--judges", "small", "--delta", "0"], "--delta: must be between 0 and 1 (exclusive), got 0." },
            { "no label", ["escalate", "--data", good, "--judges", "small"], "--label: name the label holding the human verdict to calibrate against (or apply a policy with --policy)." },
            { "mixed", ["escalate", "--data", good, "--policy", good, "--judges", "small"], "--judges: applies when calibrating, not with --policy." },
        };
    }

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_gets_one_sentence_naming_the_flag_or_the_line(string why, string[] args, string expected)
    {
        var (code, stdout, err) = Run(args);
        Assert.True(code != 0, why);
        Assert.Equal("", stdout);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_judge_too_few_items_reach_abstains_and_the_table_says_why()
    {
        string data = Temp("few.jsonl", Rows(20, 4));
        var (code, stdout, err) = Run("escalate", "--data", data, "--label", "human", "--judges", "small");
        Assert.True(code == 0, err);
        Assert.Contains("small abstains: only 20 calibration item(s) reach it; a threshold needs at least 30.", stdout, StringComparison.Ordinal);
    }

    /// <summary>A one-judge policy calibrated on synthetic verdicts that are right with probability max(p, 1 − p).</summary>
    private static string Policy(string dir)
    {
        var rng = new Random(3);
        var items = new List<JudgedItem>();
        for (int i = 0; i < 2000; i++)
        {
            int label = rng.Next(2);
            double c = 0.5 + (0.5 * rng.NextDouble());
            int said = rng.NextDouble() < c ? label : 1 - label;
            items.Add(new JudgedItem($"i{i}", new Dictionary<string, JudgeVerdict> { ["gpt"] = new(said, c) }, label));
        }
        string path = Path.Combine(dir, "policy.json");
        File.WriteAllText(path, SelectiveJudging.Calibrate(["gpt"], items).ToJson());
        return path;
    }

    [Fact]
    public void Settle_counts_only_the_baseline_verdicts_the_policy_keeps_and_names_a_wrong_judge()
    {
        string dir = TempDirectory(), traffic = Path.Combine(dir, "t.jsonl");
        string policy = Policy(dir);
        double threshold = EscalationPolicy.FromJson(File.ReadAllText(policy)).Judges[0].Threshold!.Value;
        Assert.InRange(threshold, 0.6, 0.99);
        using (var w = new StreamWriter(traffic))
        {
            for (int i = 0; i < 12; i++)
            {
                ObservedResponse Answer(string node, double verdict) => new()
                {
                    ResponseId = $"r{i}/{node}", Node = node, Response = "an answer",
                    Metrics = new InferenceMetrics { LatencyMs = 500, OutputTokens = 40, Uptime = 1 },
                    Scores = new Dictionary<string, double> { ["e1"] = 0.7, ["e2"] = 0.72 },
                    BaselineVerdicts = [verdict],
                };
                // The loser loses every comparison, but only with a confidence below the policy's threshold.
                Scoring.Reporting.TrafficJsonl.Write(w, new ObservedRound { RoundId = $"r{i}", Task = TaskKind.Qa, Query = "q", Responses = [Answer("loser", 1 - threshold + 0.02), Answer("peer", 0.995)] });
            }
        }
        static Dictionary<string, string> Nodes(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("node").GetString()!, n => n.GetProperty("healthCheck").GetString()!);
        }
        var (code, plain, err) = Run("settle", "--data", traffic, "--period", "4", "--json");
        Assert.True(code == 0, err);
        Assert.Equal(("fail", "pass"), (Nodes(plain)["loser"], Nodes(plain)["peer"]));
        var (gatedCode, gated, err2) = Run("settle", "--data", traffic, "--period", "4", "--judge-policy", policy, "--json");
        Assert.True(gatedCode == 0, err2);
        Assert.Equal(("unknown", "pass"), (Nodes(gated)["loser"], Nodes(gated)["peer"])); // the loser's verdicts were not confident enough to count

        var (bad, _, why) = Run("settle", "--data", traffic, "--judge-policy", policy, "--judge-policy-judge", "gtp");
        Assert.Equal(1, bad);
        Assert.Contains("--judge-policy-judge: the policy has no judge 'gtp'; did you mean 'gpt'?", why, StringComparison.Ordinal);
        Assert.Contains("--judge-policy-judge: applies only with --judge-policy", Run("settle", "--data", traffic, "--judge-policy-judge", "gpt").Err, StringComparison.Ordinal);
    }
}
