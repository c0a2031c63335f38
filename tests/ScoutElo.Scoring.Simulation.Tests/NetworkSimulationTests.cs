using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Simulation;

using ScoutElo.Scoring.Tests;

namespace ScoutElo.Scoring.Simulation.Tests;

public sealed class NetworkSimulationTests
{
    // One audit per seed, shared by the incentive test and the README figure check (each costs a few seconds).
    private static readonly Lazy<IncentiveAuditResult>[] Audits =
        [.. Enumerable.Range(1, 5).Select(seed => new Lazy<IncentiveAuditResult>(() => IncentiveAudit.Run(new NetworkSimulationOptions { Seed = seed })))];

    private static readonly Lazy<IncentiveAuditResult> Unverified = new(() => IncentiveAudit.Run(new NetworkSimulationOptions { Seed = 1, VerifyRate = 0 }));

    [Fact]
    public void Without_token_evidence_quantization_pays_in_profit_and_loses_only_a_little_revenue()
    {
        var q = Unverified.Value.Deviations.Single(d => d.Kind == DeviationKind.ServeQuantizedModel);
        Assert.True(q.ProfitGain > 0.1, $"profit {q.ProfitGain:P1}"); // the attack of issue 35: invisible to quality, visible in profit
        Assert.True(q.Gain is < 0 and > -0.1, $"revenue {q.Gain:P1}");
        Assert.True(q.ProfitPays);
        Assert.False(Unverified.Value.IncentiveCompatible);
    }

    [Fact]
    public void The_verification_figures_in_the_docs_are_what_the_simulation_gives()
    {
        string doc = File.ReadAllText(Path.Combine(ApiSnapshot.RepositoryRoot(), "docs", "verification.md"));
        var block = System.Text.RegularExpressions.Regex.Match(doc, "<!-- verification-figures:begin -->(.*?)<!-- verification-figures:end -->", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(block.Success, "docs/verification.md has no verification-figures block");
        string text = block.Groups[1].Value.ReplaceLineEndings(" ").Replace('−', '-');
        const string Fail = " (regenerate with docs/generate-network.sh)";
        double Pct(string pattern) => double.Parse(System.Text.RegularExpressions.Regex.Match(text, pattern).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var results = Audits.Select(a => a.Value).ToList();
        var q = results.Select(r => 100 * r.Deviations.Single(d => d.Kind == DeviationKind.ServeQuantizedModel).ProfitGain).ToList();
        var di = results.Select(r => 100 * r.Deviations.Single(d => d.Kind == DeviationKind.ServeDistilledModel).ProfitGain).ToList();
        Assert.True(Math.Abs(Pct(@"quantized deviation's profit changes by ([+-]\d+)%") - q.Min()) <= 0.5 + 1e-9, "quantized low" + Fail);
        Assert.True(Math.Abs(Pct(@"quantized deviation's profit changes by [+-]\d+% to ([+-]\d+)%") - q.Max()) <= 0.5 + 1e-9, "quantized high" + Fail);
        Assert.True(Math.Abs(Pct(@"distilled one's by ([+-]\d+)%") - di.Min()) <= 0.5 + 1e-9, "distilled low" + Fail);
        Assert.True(Math.Abs(Pct(@"distilled one's by [+-]\d+% to ([+-]\d+)%") - di.Max()) <= 0.5 + 1e-9, "distilled high" + Fail);
        int honestFailing = results.Sum(r => r.Honest.Leaderboard.Count(e => e.Profile != ScoutProfile.Impostor && e.Verification == Scoring.Verification.VerificationOutcome.Fail));
        Assert.Contains($"and {honestFailing} honest scouts", text, StringComparison.Ordinal);
        var nq = Unverified.Value.Deviations.Single(d => d.Kind == DeviationKind.ServeQuantizedModel);
        Assert.True(Math.Abs(Pct(@"revenue changes by ([+-][\d.]+)%") - (100 * nq.Gain)) <= 0.05 + 1e-9, "revenue at rate 0" + Fail);
        Assert.True(Math.Abs(Pct(@"and its profit by ([+-]\d+)%") - (100 * nq.ProfitGain)) <= 0.5 + 1e-9, "profit at rate 0" + Fail);
    }

    // Issue 11's bar: defaults, seed 1 and four other seeds.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Honesty_pays_best_and_rewards_follow_true_quality(int seed)
    {
        var audit = Audits[seed - 1].Value;
        var r = audit.Honest;
        double impostor = r.Profiles.Single(p => p.Profile == ScoutProfile.Impostor).MeanReward;
        double honest = r.Profiles.Single(p => p.Profile == ScoutProfile.Honest).MeanReward;
        Assert.True(impostor <= 0.5 * honest, $"impostors {impostor:N0} vs honest {honest:N0}");
        Assert.True(r.RewardSpearman >= 0.8, $"Spearman(reward, true quality) {r.RewardSpearman:0.000}");
        Assert.True(r.GroundTruthSpearman >= 0.85, $"Spearman(rating, true quality) {r.GroundTruthSpearman:0.000}");
        Assert.Equal(7, audit.Deviations.Count);
        Assert.All(audit.Deviations, d => Assert.False(d.Pays, $"{d.Kind} pays {d.Gain:P3}"));
        Assert.All(audit.Deviations, d => Assert.False(d.ProfitPays, $"{d.Kind} pays {d.ProfitGain:P3} in profit"));
        // Substitution inside the consensus' resolution stops paying through verification, not through quality: clearly, in profit.
        Assert.All(audit.Deviations.Where(d => d.Kind is DeviationKind.ServeQuantizedModel or DeviationKind.ServeDistilledModel),
            d => Assert.True(d.ProfitGain < -0.1, $"{d.Kind} profit {d.ProfitGain:P1}"));
        Assert.All(r.Leaderboard.Where(e => e.Profile is ScoutProfile.Impostor), e => Assert.Equal(Scoring.Verification.VerificationOutcome.Fail, e.Verification));
        Assert.All(r.Leaderboard.Where(e => e.Profile is not ScoutProfile.Impostor), e => Assert.Equal(Scoring.Verification.VerificationOutcome.Pass, e.Verification));
        Assert.Contains(r.Leaderboard, e => e.Profile == ScoutProfile.HardwareNoise);
        Assert.True(audit.IncentiveCompatible);
        // Deviations that lose quality or availability lose clearly, not by rounding.
        Assert.All(audit.Deviations.Where(d => d.Kind is DeviationKind.SubstituteCheaperModel or DeviationKind.GoFlaky or DeviationKind.CopyEvaluatorScores),
            d => Assert.True(d.Gain < -0.2, $"{d.Kind} {d.Gain:P1}"));
        Assert.True(r.MaliciousRewardShare < r.MaliciousHeadcountShare);
        Assert.All(r.Leaderboard.Where(e => e.Profile == ScoutProfile.Impostor), e => Assert.False(e.PassesHealthCheck, e.Node));
        Assert.All(r.Leaderboard.Where(e => e.Profile != ScoutProfile.Impostor), e => Assert.True(e.PassesHealthCheck, e.Node));
        Assert.Equal((UInt128)2000 * 1_000_000, r.Leaderboard.SumMoney(e => e.Reward) + r.UnallocatedNodeBudget); // every round's budget is paid or withheld, exactly
    }

    [Fact]
    public void The_old_cost_aware_parameters_are_rejected_and_the_safe_region_keeps_impostors_below_honest()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => NodeRewardRule.CostAware(1.0, 0.5));
        Assert.Equal("beta", e.ParamName);
        var r = NetworkSimulation.Run(new NetworkSimulationOptions { RewardRule = NodeRewardRule.CostAware(1.0, 0.1) });
        double impostor = r.Profiles.Single(p => p.Profile == ScoutProfile.Impostor).MeanReward;
        double honest = r.Profiles.Single(p => p.Profile == ScoutProfile.Honest).MeanReward;
        Assert.True(impostor <= 0.5 * honest, $"impostors {impostor:N0} vs honest {honest:N0}");
    }

    [Fact]
    public void A_sybil_split_keeps_every_identity_on_the_board_and_sums_its_rewards()
    {
        var o = new NetworkSimulationOptions { Rounds = 200, Scouts = 8, Seed = 3, Deviation = new Deviation(DeviationKind.Sybil, 1, 3) };
        var r = NetworkSimulation.Run(o);
        Assert.Equal(10, r.Leaderboard.Count);
        Assert.Equal(3, r.Leaderboard.Count(e => e.Deviating));
        Assert.Equal(r.Leaderboard.Where(e => e.Deviating).SumMoney(e => e.Reward), r.OperatorRewards[1]);
    }

    [Fact]
    public void Simulation_is_deterministic_by_seed()
    {
        var o = new NetworkSimulationOptions { Rounds = 120, Scouts = 8, Seed = 5 };
        var a = NetworkSimulation.Run(o);
        var b = NetworkSimulation.Run(o);
        Assert.Equal(a.Leaderboard, b.Leaderboard);
        Assert.Equal(a.GroundTruthSpearman, b.GroundTruthSpearman);
        Assert.Equal(a.EvaluatorRewards, b.EvaluatorRewards);
    }

    [Theory]
    [InlineData(1)]  // scouts = 1
    [InlineData(2)]  // impostor cannot deviate
    [InlineData(3)]  // a malicious evaluator cannot "deviate" to copying
    [InlineData(4)]  // one identity is no sybil
    [InlineData(5)]  // spot-check rate out of range
    public void Invalid_options_throw_naming_options(int which)
    {
        var o = which switch
        {
            1 => new NetworkSimulationOptions { Scouts = 1 },
            2 => new NetworkSimulationOptions { Deviation = new Deviation(DeviationKind.GoFlaky, 3) },
            3 => new NetworkSimulationOptions { Deviation = new Deviation(DeviationKind.CopyEvaluatorScores, 0) },
            4 => new NetworkSimulationOptions { Deviation = new Deviation(DeviationKind.Sybil, 1, 1) },
            _ => new NetworkSimulationOptions { SpotCheckRate = double.NaN },
        };
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => NetworkSimulation.Run(o)).ParamName);
    }

    /// <summary>The README's simulation figures come from <c>docs/generate-network.sh</c>; this fails when a change moves a
    /// figure beyond the precision the README prints it with, so the text cannot go stale unnoticed.</summary>
    [Fact]
    public void The_readme_simulation_figures_are_what_the_simulation_gives()
    {
        string readme = File.ReadAllText(Path.Combine(ApiSnapshot.RepositoryRoot(), "README.md"));
        var block = System.Text.RegularExpressions.Regex.Match(readme, "<!-- network-figures:begin -->(.*?)<!-- network-figures:end -->", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(block.Success, "README has no network-figures block");
        string text = block.Groups[1].Value.ReplaceLineEndings(" ");
        var results = Audits.Select(a => a.Value).ToList();
        double Ratio(NetworkSimulationResult r) => r.Profiles.Single(p => p.Profile == ScoutProfile.Impostor).MeanReward / r.Profiles.Single(p => p.Profile == ScoutProfile.Honest).MeanReward;
        double Num(string pattern, int group = 1) =>
            double.Parse(System.Text.RegularExpressions.Regex.Match(text, pattern).Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
        const string Fail = " (regenerate with docs/generate-network.sh)";

        var ratios = results.Select(r => Ratio(r.Honest)).ToList();
        Assert.True(Math.Abs(Num(@"earn (\d+)%–") - (100 * ratios.Min())) <= 0.5 + 1e-9, "impostor share low" + Fail);
        Assert.True(Math.Abs(Num(@"earn \d+%–(\d+)% of an honest") - (100 * ratios.Max())) <= 0.5 + 1e-9, "impostor share high" + Fail);
        Assert.True(Math.Abs(Num(@"seed 1: ([\d.]+)") - ratios[0]) <= 0.005 + 1e-9, "seed 1 ratio" + Fail);
        var rewards = results.Select(r => r.Honest.RewardSpearman).ToList();
        Assert.True(Math.Abs(Num(@"Spearman\(reward, true quality\) ([\d.]+)–") - rewards.Min()) <= 0.005 + 1e-9, "reward Spearman" + Fail);
        var ratings = results.Select(r => r.Honest.GroundTruthSpearman).ToList();
        Assert.True(Math.Abs(Num(@"Spearman\(rating, true quality\) ([\d.]+)–") - ratings.Min()) <= 0.005 + 1e-9, "rating Spearman" + Fail);
        var rows = System.Text.RegularExpressions.Regex.Matches(block.Groups[1].Value, @"^\| [^|\n]+ \| ([+−-][\d.]+)%[^|\n]*\| ([+−-][\d.]+)%", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.Equal(results[0].Deviations.Count, rows.Count);
        foreach (var (d, row) in results[0].Deviations.Zip(rows))
        {
            foreach (var (group, value) in new[] { (1, d.Gain), (2, d.ProfitGain) })
            {
                string cell = row.Groups[group].Value;
                double printed = double.Parse(cell.Replace('−', '-'), System.Globalization.CultureInfo.InvariantCulture);
                double tolerance = cell.Contains('.', StringComparison.Ordinal) ? 0.00005 : 0.5;
                Assert.True(Math.Abs(printed - (100 * value)) <= tolerance + 1e-9, $"{d.Kind}: README {printed}%, run {100 * value:0.0000}%" + Fail);
            }
        }
    }
}
