using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Network;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;
using ScoutElo.Scoring.Storage.Sqlite;
using Spectre.Console;

namespace ScoutElo.Cli.Commands.Settle;

/// <summary>The settle verb.</summary>
internal static class SettleCommand
{
    private static readonly string[] NetworkColumns = ["#", "node", "rating", "±95%", "Elo", "responses", "reward", "health"];

    internal static Command Settle()
    {
        var data = new Option<string[]>("--data") { Description = "Traffic JSONL (repeat for several files, settled in the order given).", Required = true, AllowMultipleArgumentsPerToken = false };
        var state = StateOption();
        var period = new Option<int>("--period") { Description = "Rounds per rating period: the engine settles and commits once per period (the last, shorter period at the end of the input).", DefaultValueFactory = _ => 20 }.AtLeast(1);
        var rule = new Option<string>("--reward-rule") { Description = "Node reward rule: gated (quality-gated, default) or cost-aware (alpha*q - beta*cost, beta limited to its safe region).", DefaultValueFactory = _ => "gated" };
        var beta = new Option<double>("--beta") { Description = "Cost weight of --reward-rule cost-aware (alpha = 1; at most 0.1).", DefaultValueFactory = _ => 0.1 };
        var report = new Option<string?>("--report") { Description = "Directory to write an HTML report into (leaderboard, evaluators, this run's payouts)." };
        var profile = new Option<string?>("--profile") { Description = "Calibration profile that scores responses no evaluator scored (default: the eight built-in dimensions, equal weights), with model-prior on the network's settled history." };
        var judgePolicy = new Option<string?>("--judge-policy") { Description = "A policy from 'scoutelo escalate' calibrated on human labels: a baseline verdict (the probability that the response beats the baseline) counts in the health check only when its confidence reaches the judge's threshold, as the decision it implies; part of the state's rules." };
        var policyJudge = new Option<string?>("--judge-policy-judge") { Description = "The policy's judge whose verdicts the traffic's baselineVerdicts are (needed when the policy cascades several judges)." };
        var cmd = new Command("settle", Cli.Help("Settle observed traffic through the network engine: consensus, health checks, payouts, Glicko-2 and Elo; commit it to the state and print the leaderboard. Rounds settled before are skipped.",
                "scoutelo settle --data traffic.jsonl --state network.db",
                "scoutelo settle --data monday.jsonl --data tuesday.jsonl --state network.db --json",
                "scoutelo simulate --traffic-out t.jsonl --no-audit && scoutelo settle --data t.jsonl --state s.db --report settle-report"))
            { data, state, period, rule, beta, report, profile, judgePolicy, policyJudge, Cli.Json };
        cmd.SetAction(r => Cli.Run(r, r =>
        {
            var calibration = r.GetValue(profile) is { } profilePath ? ProfileOptions.LoadProfile(profilePath) : null;
            var options = new NetworkOptions
            {
                RoundsPerPeriod = r.GetValue(period),
                RewardRule = RewardRule(r.GetValue(rule)!, r.GetValue(beta)),
                Scorer = calibration is null ? null : history => calibration.CreateScorer(history),
                BaselineJudge = BaselineJudge(r, judgePolicy, policyJudge),
            };
            var files = r.GetValue(data)!;
            foreach (var f in files) InputFiles.RequireFile("--data", f, "traffic file");
            string? reportDir = r.GetValue(report) is { } dirPath ? Cli.ReportDirectory("--report", dirPath) : null;
            string? statePath = r.GetValue(state);
            bool existed = statePath is null || File.Exists(statePath);
            using var store = StateFiles.Open(r, statePath, create: true);
            try
            {
                var network = new ScoutNetwork(options, store); // the state is loaded once: it checks the input, then settles it
                long lines = ValidateAll(network, files); // the whole input before the first commit: a bad line changes nothing
                return SettleInto(r, options, network, statePath, files, lines, reportDir, json: r.GetValue(Cli.Json));
            }
            catch when (!existed)
            {
                store?.Dispose();
                RemoveNewState(statePath!); // a failed first run leaves no state file behind
                throw;
            }
        }, Cli.BetaFlag));
        return cmd;
    }

    /// <summary>The judge of <c>--judge-policy</c> whose threshold gates the baseline verdicts, or null without a policy.</summary>
    private static Scoring.Judging.JudgeThreshold? BaselineJudge(CliContext r, Option<string?> policyFlag, Option<string?> judgeFlag)
    {
        string? name = r.GetValue(judgeFlag);
        if (r.GetValue(policyFlag) is not { } path)
            return name is null ? null : throw new ArgumentException($"{judgeFlag.Name}: applies only with {policyFlag.Name} FILE.");
        var policy = Escalate.EscalateCommand.ReadPolicy(InputFiles.RequireFile(policyFlag.Name, path, "policy file"), policyFlag.Name);
        var judge = name is null
            ? policy.Judges.Count == 1 ? policy.Judges[0] : throw new ArgumentException($"{judgeFlag.Name}: the policy cascades {policy.Judges.Count} judges ({string.Join(", ", policy.Judges.Select(j => j.Judge))}); name the one whose verdicts the traffic holds.")
            : policy.Judges.FirstOrDefault(j => j.Judge == name) ?? throw new ArgumentException($"{judgeFlag.Name}: the policy has no judge '{name}'{Cli.Suggest(name, [.. policy.Judges.Select(j => j.Judge)])}");
        if (judge.Threshold is null)
            r.Error.WriteLine($"{policyFlag.Name}: judge '{judge.Judge}' abstains in this policy ({judge.Abstains}); no baseline verdict will count in the health check.");
        return judge;
    }

    /// <summary>Parses every line of every file and checks every round as the engine will (against the state's settled rounds
    /// too: a reused round id with other content), before anything is committed; returns the number of lines (the progress total).</summary>
    private static long ValidateAll(ScoutNetwork checker, string[] files)
    {
        var seen = new Dictionary<string, (string Hash, string Where)>(StringComparer.Ordinal);
        long lines = 0;
        foreach (var f in files)
        {
            foreach (var t in TrafficJsonl.ReadFile(f))
            {
                try
                {
                    checker.ValidateRound(t.Round);
                    string hash = t.Round.ContentHash();
                    if (seen.TryGetValue(t.Round.RoundId, out var first) && first.Hash != hash)
                        throw new ArgumentException($"Round '{t.Round.RoundId}' appears again with different content (first at {first.Where}; a round id names one round)");
                    seen.TryAdd(t.Round.RoundId, (hash, Where(t)));
                }
                catch (ArgumentException e)
                {
                    throw new FormatException($"{Where(t)}: {Cli.WithoutParameterTail(e.Message)}; nothing was settled.", e);
                }
                lines += t.LastLine - t.FirstLine + 1;
            }
        }
        return lines;
    }

    private static string Where(TrafficRound t) => t.FirstLine == t.LastLine ? $"{t.Source}:{t.FirstLine}" : $"{t.Source}:{t.FirstLine}-{t.LastLine}";

    private static void RemoveNewState(string path)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            try { File.Delete(f); } catch (IOException) { } catch (UnauthorizedAccessException) { } // best effort; the original error matters
        }
    }

    private static int SettleInto(CliContext r, NetworkOptions options, ScoutNetwork network, string? statePath, string[] files, long lines, string? reportDir, bool json)
    {
        if (network.SettledRules is { } stored && stored != options.DescribeRules())
        {
            // Name only what differs, in the flags' terms.
            var now = options.DescribeRules().Split("; ");
            var differs = stored.Split("; ").Where(p => !now.Contains(p)).ToList();
            throw new ArgumentException($"--state: '{statePath}' was settled under other rules ({string.Join("; ", differs)}); "
                + "settle it with the same --period, --reward-rule and --beta, or start a new --state.");
        }
        var before = network.Nodes().ToDictionary(n => n.Node, n => n.Reward, StringComparer.Ordinal);
        long settled = 0, skipped = 0;
        ProgressLine.Track(r, "settling", (int)Math.Min(int.MaxValue, lines), done =>
        {
            long seen = 0;
            foreach (var f in files)
            {
                foreach (var t in TrafficJsonl.ReadFile(f))
                {
                    RoundReceipt receipt;
                    try
                    {
                        receipt = network.Submit(t.Round);
                    }
                    catch (ArgumentException e)
                    {
                        throw new FormatException($"{Where(t)}: {Cli.WithoutParameterTail(e.Message)}", e);
                    }
                    if (receipt.Accepted) settled++;
                    else skipped++;
                    seen += t.Round.Responses.Count;
                    done((int)Math.Min(int.MaxValue, seen));
                }
            }
            network.Flush();
        });
        if (skipped > 0) r.Error.WriteLine($"settle: skipped {skipped} round(s) settled before (never paid twice).");
        var payouts = network.Nodes().ToDictionary(n => n.Node, n => n.Reward - before.GetValueOrDefault(n.Node), StringComparer.Ordinal);
        if (reportDir is not null)
        {
            var file = Cli.ReportFile("--report", reportDir);
            string html = NetworkHtml(network, payouts, settled, skipped);
            Outputs.WriteAllOrNone(r, (file, w => w.Write(html)));
            r.Error.WriteLine($"report: {file}");
        }
        PrintNetwork(r, network, settled, skipped, payouts, json);
        return 0;
    }

    internal static Command Leaderboard()
    {
        var state = StateOption();
        state.Required = true;
        var cmd = new Command("leaderboard", Cli.Help("Print the network's leaderboard and evaluators from a state written by settle, without settling anything.",
                "scoutelo leaderboard --state network.db",
                "scoutelo leaderboard --state network.db --json"))
            { state, Cli.Json };
        cmd.SetAction(r => Cli.Run(r, r =>
        {
            using var store = StateFiles.OpenExisting(r.GetValue(state)!);
            var network = new ScoutNetwork(null, store);
            PrintNetwork(r, network, 0, 0, null, r.GetValue(Cli.Json));
            return 0;
        }));
        return cmd;
    }

    private static Option<string?> StateOption() => new("--state")
    {
        Description = "The network's state (a SQLite file, created when missing; one transaction per settled period). Without it, an in-memory state that is not kept.",
    };

    internal static NodeRewardRule RewardRule(string rule, double beta) => rule switch
    {
        "gated" => NodeRewardRule.QualityGated,
        "cost-aware" => NodeRewardRule.CostAware(1.0, beta),
        var other => throw new ArgumentException($"--reward-rule: unknown rule '{other}'; expected gated or cost-aware."),
    };

    private static void PrintNetwork(CliContext r, ScoutNetwork network, long settled, long skipped, IReadOnlyDictionary<string, UInt128>? payouts, bool json)
    {
        var nodes = network.Nodes();
        var evaluators = network.Evaluators();
        if (json)
        {
            r.Out.WriteLine(ReportJson.Serialize(SettlementReport.From(network, settled, skipped)));
            return;
        }
        var ci = CultureInfo.InvariantCulture;
        var console = r.Ansi();
        var table = new Table().Border(TableBorder.Simple).Title($"[bold]Network leaderboard[/] after {network.RoundsSettled} rounds in {network.Periods} periods")
            .Caption("rating: Glicko-2, ±95% half-width; reward: cumulative base units (this run's payout in brackets); health: claimed-model spot checks, judge verdicts and served-model verification (a node failing verification is listed below with the reason)");
        foreach (var c in NetworkColumns) table.AddColumn(new TableColumn(c) { Alignment = c is "node" or "health" ? Justify.Left : Justify.Right });
        int i = 1;
        foreach (var n in nodes)
        {
            string reward = n.Reward.ToString("N0", ci) + (payouts is not null ? $" (+{payouts.GetValueOrDefault(n.Node).ToString("N0", ci)})" : "");
            string health = n.Health switch
            {
                HealthStatus.Fail => "[red]fail[/]",
                HealthStatus.Pass => "pass",
                _ => "[grey]unknown[/]",
            };
            table.AddRow((i++).ToString(ci), CliContext.Cell(n.Node), n.Rating.ToString("0", ci), ((n.High - n.Low) / 2).ToString("0", ci), n.Elo.ToString("0", ci),
                n.Responses.ToString(ci), reward, health);
        }
        console.Write(table);
        foreach (var n in nodes.Where(n => n.Verification.Outcome == Scoring.Verification.VerificationOutcome.Fail || n.Verification.RuleFailures > 0))
            console.WriteLine(string.Create(ci, $"{TerminalText.Escape(n.Node)}: {TerminalText.Escape(n.Verification.Reason)}"));
        var ev = new Table().Border(TableBorder.Simple).Title("[bold]Evaluators[/]");
        foreach (var c in new[] { "evaluator", "trust", "reward", "scores" }) ev.AddColumn(new TableColumn(c) { Alignment = c == "evaluator" ? Justify.Left : Justify.Right });
        foreach (var e in evaluators) ev.AddRow(CliContext.Cell(e.Evaluator), e.Trust.ToString("0.000", ci), e.Reward.ToString("N0", ci), e.Scores.ToString(ci));
        console.Write(ev);
        console.WriteLine(string.Create(ci, $"This run: {settled} round(s) settled, {skipped} skipped. Withheld node budget so far: {network.UnallocatedNodeBudget:N0}."));
    }

    private static string NetworkHtml(ScoutNetwork network, IReadOnlyDictionary<string, UInt128> payouts, long settled, long skipped)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"<h1>Network settlement</h1><p>{network.RoundsSettled} rounds in {network.Periods} rating periods; this run settled {settled} and skipped {skipped}. Withheld node budget: {network.UnallocatedNodeBudget:N0} base units.</p>");
        sb.Append("<h2>Leaderboard</h2><table><tr><th>rank</th><th>node</th><th>rating (Glicko-2)</th><th>95% interval</th><th>Elo</th><th>responses</th><th>mean quality</th><th>reward</th><th>this run</th><th>health</th><th>served model (tokens)</th></tr>");
        int i = 1;
        foreach (var n in network.Nodes())
        {
            sb.Append(ci, $"<tr><td>{i++}</td><td>{WebUtility.HtmlEncode(n.Node)}</td><td>{n.Rating:0}</td><td>{n.Low:0} – {n.High:0}</td><td>{n.Elo:0}</td><td>{n.Responses}</td><td>{n.MeanQuality:0.000}</td><td>{n.Reward:N0}</td><td>{payouts.GetValueOrDefault(n.Node):N0}</td><td>{WireName.Of(n.Health)}</td><td title=\"{WebUtility.HtmlEncode(n.Verification.Reason)}\">{WireName.Of(n.Verification.Outcome)}</td></tr>");
        }
        sb.Append("</table><h2>Evaluators</h2><table><tr><th>#</th><th>evaluator</th><th>trust</th><th>reward</th><th>scores</th></tr>");
        i = 1;
        foreach (var e in network.Evaluators()) sb.Append(ci, $"<tr><td>{i++}</td><td>{WebUtility.HtmlEncode(e.Evaluator)}</td><td>{e.Trust:0.000}</td><td>{e.Reward:N0}</td><td>{e.Scores}</td></tr>");
        sb.Append("</table>");
        return HtmlTemplate.Page("scoutelo settle", sb.ToString(), ReportJson.Serialize(SettlementReport.From(network, settled, skipped)));
    }
}
