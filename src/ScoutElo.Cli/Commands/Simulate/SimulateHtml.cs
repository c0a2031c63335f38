using System.Globalization;
using System.Net;
using System.Text;
using ScoutElo.Scoring.Simulation;

namespace ScoutElo.Cli.Commands.Simulate;

/// <summary>The <c>simulate --report</c> page: rating trajectories, consensus against the truth, rewards by profile, the
/// leaderboard and the incentive audit.</summary>
internal static class SimulateHtml
{
    public static string Html(NetworkSimulationResult result, IncentiveAuditResult? deviations, NetworkSimulationOptions options, string resultJson)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"<h1>Simulated inference network</h1><p>{options.Scouts} scouts, {options.Rounds} rounds, {options.Evaluators} evaluators ({result.MaliciousEvaluators} malicious), seed {options.Seed}. Spearman(true quality, rating) = <b>{result.GroundTruthSpearman:0.000}</b>. Malicious evaluators earned {result.MaliciousRewardShare:P1} of evaluator rewards (headcount {result.MaliciousHeadcountShare:P1}).</p>");

        // Rating trajectories, colored by profile (categorical, with a legend) and labeled directly at the right end for the
        // top three and bottom three scouts.
        var profiles = Enum.GetValues<ScoutProfile>();
        string ColorOf(ScoutProfile p) => SvgChart.Palette[Array.IndexOf(profiles, p) % SvgChart.Palette.Length];
        var board = result.Leaderboard;
        var series = board.Select((e, i) => new SvgChart.Series(
            $"{e.Node} ({SimulateCommand.ProfileName(e.Profile)}, final rank {i + 1})", ColorOf(e.Profile), e.Profile == ScoutProfile.Impostor,
            [.. result.Trajectories.Select(t => ((double)t.Round, t.Ratings[e.Node]))],
            i < 3 || i >= board.Count - 3 ? $"#{i + 1} {e.Node}" : null)).ToList();
        var present = profiles.Where(p => board.Any(e => e.Profile == p)).ToList();
        sb.Append("<h2>Rating trajectories (Glicko-2)</h2><p>One line per scout, colored by its (hidden) profile; impostors dashed. Labels mark the final top and bottom three.</p>");
        sb.Append(SvgChart.Lines(1000, 400, "round", "Glicko-2 rating", series,
            present.Select(p => (SimulateCommand.ProfileName(p) + $" ({board.Count(e => e.Profile == p)})", ColorOf(p), p == ScoutProfile.Impostor))));

        sb.Append("<div style=\"display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start\"><div>");
        sb.Append(ci, $"<h2>PoQ consensus vs true quality</h2><p style=\"max-width:480px\">Each dot is one sampled response: its simulated ground-truth quality (x) against the settled trust-weighted consensus of the evaluators (y). The summary's MAE ({result.ConsensusMae:0.000}) compares the consensus with what honest evaluators would have scored; this chart compares it with the ground truth itself, so it also shows the honest evaluators' own noise.</p>");
        sb.Append(SvgChart.Scatter(400, "true quality (simulation ground truth)", "PoQ consensus", result.QualityPoints.Take(3000).Select(q => (q.TrueQuality, q.Consensus)), SvgChart.Palette[0]));
        sb.Append("</div><div>");
        sb.Append("<h2>Mean node reward by profile</h2><p style=\"max-width:480px\">Millions of base units per scout over the run, with the mean true quality of each profile in brackets.</p>");
        sb.Append(SvgChart.Bars(520, "mean reward per scout (millions of base units)",
            [.. result.Profiles.Select(p => ($"{SimulateCommand.ProfileName(p.Profile)} [{p.MeanTrueQuality:0.00}]", p.MeanReward / 1e6, ColorOf(p.Profile)))], "0.0"));
        sb.Append("</div></div>");

        sb.Append("<h2>Leaderboard</h2><table><tr><th>rank</th><th>scout</th><th>rating</th><th>95% CI</th><th>Elo</th><th>performance</th><th>quality</th><th>reward</th><th>true quality</th><th>profile</th></tr>");
        int rank = 1;
        foreach (var e in result.Leaderboard)
            sb.Append(ci, $"<tr><td>{rank++}</td><td>{WebUtility.HtmlEncode(e.Node)}</td><td>{e.Rating:0}</td><td>[{e.Low:0}, {e.High:0}]</td><td>{e.Elo:0}</td><td>{e.Performance:0.000}</td><td>{e.Quality:0.000}</td><td>{e.Reward:N0}</td><td>{e.TrueQuality:0.00}</td><td>{SimulateCommand.ProfileName(e.Profile)}{(e.PassesHealthCheck ? "" : e.Verification == Scoring.Verification.VerificationOutcome.Fail ? " (fails verification)" : " (fails health check)")}</td></tr>");
        sb.Append("</table>");
        sb.Append(ci, $"<h2>Node rewards by profile</h2><p>Spearman(true quality, reward) = <b>{result.RewardSpearman:0.000}</b>.</p><table><tr><th>profile</th><th>scouts</th><th>mean reward</th><th>mean true quality</th><th>reward per unit true quality</th></tr>");
        foreach (var p in result.Profiles)
            sb.Append(ci, $"<tr><td>{SimulateCommand.ProfileName(p.Profile)}</td><td>{p.Scouts}</td><td>{p.MeanReward:N0}</td><td>{p.MeanTrueQuality:0.00}</td><td>{p.RewardPerUnitQuality:N0}</td></tr>");
        sb.Append("</table>");
        if (deviations is not null)
        {
            sb.Append(ci, $"<h2>Incentive audit</h2><p>Reward and profit (reward − serving cost at {options.RewardUnitsPerUsd:0.##e+0} base units per USD) of one honest participant that switches strategy while everything else stays fixed. A gain above {deviations.Tolerance:P1} in either means the deviation pays.</p><table><tr><th>deviation</th><th>participant</th><th>honest reward</th><th>deviating reward</th><th>gain</th><th>profit gain</th><th>verdict</th></tr>");
            foreach (var d in deviations.Deviations)
                sb.Append(ci, $"<tr><td>{SimulateCommand.DeviationName(d.Kind)}</td><td>{d.Participant}</td><td>{d.HonestReward:N0}</td><td>{d.DeviationReward:N0}</td><td>{d.Gain:+0.0%;-0.0%;0.0%}</td><td>{d.ProfitGain:+0.0%;-0.0%;0.0%}</td><td>{(d.Pays || d.ProfitPays ? "PAYS" : "does not pay")}</td></tr>");
            sb.Append("</table>");
        }
        return Scoring.Reporting.HtmlTemplate.Page("scoutelo simulate", sb.ToString(), resultJson);
    }
}
