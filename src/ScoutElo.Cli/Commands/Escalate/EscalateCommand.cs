using System.CommandLine;
using System.Globalization;
using ScoutElo.Scoring.Judging;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;
using Spectre.Console;

namespace ScoutElo.Cli.Commands.Escalate;

/// <summary>The escalate verb: calibrate a cascade of judges so the verdicts it keeps agree with people at a guaranteed rate
/// (Trust or Escalate), or apply a calibrated cascade to new items.</summary>
internal static class EscalateCommand
{
    internal static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Logged-output JSONL: each row's judgments hold each judge's P(first is better) or pass score in [0, 1] (several values: their mean, e.g. the share of sampled runs that prefer the first), its labels the human verdict (1 or 0).", Required = true };
        var label = new Option<string?>("--label") { Description = "The label holding the human verdict (required to calibrate; when applying, agreement is measured on it)." };
        var judges = new Option<string?>("--judges") { Description = "Judge names (judgments), comma-separated, in the order they are tried: cheapest first." };
        var alpha = new Option<double>("--alpha") { Description = "Tolerated disagreement with people: the kept verdicts agree at least 1 − alpha of the time.", DefaultValueFactory = _ => 0.15 };
        var delta = new Option<double>("--delta") { Description = "Error level of the calibration: the guarantee holds with probability at least 1 − delta (per judge; see --split-delta).", DefaultValueFactory = _ => 0.1 };
        var split = new Option<bool>("--split-delta") { Description = "Calibrate each of k judges at delta/k, so the guarantee holds for the whole cascade at once with probability at least 1 − delta." };
        var output = new Option<string?>("--out") { Description = "Write the calibrated policy (JSON) here." };
        var policy = new Option<string?>("--policy") { Description = "Apply this calibrated policy to --data instead of calibrating." };
        var cmd = new Command("escalate", Cli.Help("Calibrate judges so the verdicts they keep agree with people at least 1 − alpha of the time with probability 1 − delta (Trust or Escalate: fixed-sequence testing with exact binomial bounds), or apply a calibrated policy: each item is decided by the first confident judge, or escalated.",
                "scoutelo escalate --data cal.jsonl --label human --judges small,large --out policy.json",
                "scoutelo escalate --policy policy.json --data new.jsonl --label human --json"))
            { data, label, judges, alpha, delta, split, output, policy, Cli.Json };
        cmd.SetAction(r => Cli.Run(r, r =>
        {
            string file = InputFiles.RequireFile("--data", r.GetValue(data)!);
            string? name = r.GetValue(label);
            if (name is { Length: 0 }) throw new ArgumentException("--label: must not be empty.");
            if (r.GetValue(policy) is { } policyFile)
            {
                foreach (var (flag, given) in new (string, bool)[] { ("--judges", r.GetValue(judges) is not null), ("--out", r.GetValue(output) is not null), ("--split-delta", r.GetValue(split)) })
                    if (given) throw new ArgumentException($"{flag}: applies when calibrating, not with --policy.");
                return Apply(r, ReadPolicy(InputFiles.RequireFile("--policy", policyFile, "policy file")), file, name);
            }
            if (name is null) throw new ArgumentException("--label: name the label holding the human verdict to calibrate against (or apply a policy with --policy).");
            var names = (r.GetValue(judges) ?? throw new ArgumentException("--judges: name the judges to calibrate, cheapest first (for example --judges small,large)."))
                .Split(',', StringSplitOptions.TrimEntries);
            if (names.Any(n => n.Length == 0)) throw new ArgumentException("--judges: a judge name is empty.");
            var options = new SelectiveJudgingOptions { Alpha = Open("--alpha", r.GetValue(alpha)), Delta = Open("--delta", r.GetValue(delta)), SplitDelta = r.GetValue(split) };
            var target = r.GetValue(output) is { } o ? OutputTarget.Resolve("--out", o) : null;
            var items = Read(file, name, names);
            var calibrated = SelectiveJudging.Calibrate(names, items, options);
            if (target is not null) Outputs.WriteAllOrNone(r, (target, w => w.Write(calibrated.ToJson())));
            if (r.GetValue(Cli.Json)) r.Out.WriteLine(calibrated.ToJson().ReplaceLineEndings(" "));
            else Print(r, calibrated, items.Count(i => i.Label is not null));
            return 0;
        }));
        return cmd;
    }

    private static double Open(string flag, double v) =>
        double.IsFinite(v) && v is > 0 and < 1 ? v : throw new ArgumentException($"{flag}: must be between 0 and 1 (exclusive), got {v.ToString(CultureInfo.InvariantCulture)}.");

    /// <summary>Reads a policy file, naming the flag and the file in a format error.</summary>
    internal static EscalationPolicy ReadPolicy(string path, string flag = "--policy")
    {
        try
        {
            return EscalationPolicy.FromJson(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{flag}: '{path}': {e.Message}", e);
        }
    }

    /// <summary>Reads the items: each row's verdict per judge (the mean of its judgment values) and its label, naming the file
    /// and line of a value out of range.</summary>
    private static List<JudgedItem> Read(string file, string? label, IReadOnlyList<string>? judges)
    {
        var items = new List<JudgedItem>();
        var seenJudges = new SortedSet<string>(StringComparer.Ordinal);
        bool labelSeen = false;
        long n = 0;
        foreach (var line in File.ReadLines(file))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var record = LoggedOutputJsonl.Parse(line, file, n);
            var verdicts = new Dictionary<string, JudgeVerdict>(StringComparer.Ordinal);
            foreach (var (judge, values) in record.Input.Judgments)
            {
                seenJudges.Add(judge);
                if (values.Count == 0) continue;
                for (int i = 0; i < values.Count; i++)
                {
                    if (values[i] is < 0 or > 1)
                        throw new FormatException($"{file}:{n}: judgments.{judge}[{i}] = {values[i].ToString("R", CultureInfo.InvariantCulture)} is not a probability in [0, 1].");
                }
                verdicts[judge] = JudgeVerdict.FromProbability(Math.Clamp(values.Average(), 0, 1));
            }
            int? human = null;
            if (label is not null && record.Labels.TryGetValue(label, out double v))
            {
                labelSeen = true;
                human = v switch
                {
                    0 => 0,
                    1 => 1,
                    _ => throw new FormatException($"{file}:{n}: labels.{label} = {v.ToString("R", CultureInfo.InvariantCulture)}; a human verdict is 1 (the first is better, or the item passes) or 0."),
                };
            }
            items.Add(new JudgedItem(record.Id, verdicts, human));
        }
        if (items.Count == 0) throw new FormatException($"--data: '{file}' holds no rows.");
        foreach (var j in judges ?? [])
        {
            if (!seenJudges.Contains(j))
            {
                string hint = Cli.Closest(j, seenJudges) is { } near ? $"; did you mean '{near}'?" : ".";
                throw new ArgumentException($"--judges: no row of '{file}' has a judgment '{j}'; its judgments are {(seenJudges.Count == 0 ? "none" : string.Join(", ", seenJudges))}{hint}");
            }
        }
        if (label is not null && !labelSeen && judges is not null) throw new ArgumentException($"--label: no row of '{file}' has the label '{label}'.");
        return items;
    }

    private static int Apply(CliContext r, EscalationPolicy policy, string file, string? label)
    {
        var items = Read(file, label, null);
        var report = policy.Apply(items);
        var byJudge = new Dictionary<string, JudgeDecisions>(StringComparer.Ordinal);
        for (int i = 0; i < policy.Judges.Count; i++) byJudge[policy.Judges[i].Judge] = new JudgeDecisions(policy.Judges[i].Threshold, report.DecidedByJudge[i].Value); // both in cascade order
        var agreement = report.Agreement is { Trials: > 0 } a ? a : null;
        var run = new EscalationRunReport(items.Count, report.Coverage.Estimate ?? 0, report.Coverage.Low, report.Coverage.High,
            agreement?.Estimate, agreement?.Low, agreement?.High, byJudge, [.. report.Items.Select(d => new EscalatedItem(d.Id, d.Decision, d.Judge))]);
        if (r.GetValue(Cli.Json))
        {
            r.Out.WriteLine(ReportJson.Serialize(run));
            return 0;
        }
        var ci = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Simple).Title($"[bold]Escalation[/]: {items.Count.ToString(ci)} item(s)");
        foreach (var c in new[] { "judge", "threshold", "decided" }) table.AddColumn(new TableColumn(c) { Alignment = c == "judge" ? Justify.Left : Justify.Right });
        foreach (var (judge, d) in byJudge) table.AddRow(CliContext.Cell(judge), d.Threshold?.ToString("0.####", ci) ?? "abstains", d.Decided.ToString(ci));
        table.AddRow("(escalated)", "", report.Items.Count(i => i.Escalated).ToString(ci));
        r.Ansi().Write(table);
        r.Out.WriteLine(string.Create(ci, $"Coverage {run.Coverage:0.###} (95 % interval {run.CoverageLow:0.###}–{run.CoverageHigh:0.###})")
            + (agreement is null ? "; no labelled item was decided, so agreement is not measured." : string.Create(ci, $"; agreement with '{label}' {agreement.Estimate:0.###} ({agreement.Low:0.###}–{agreement.High:0.###}) on {agreement.Trials} decided labelled item(s).")));
        return 0;
    }

    private static void Print(CliContext r, EscalationPolicy policy, int labelled)
    {
        var ci = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Simple).Title(string.Create(ci, $"[bold]Escalation policy[/]: alpha {policy.Options.Alpha:R}, delta {policy.Options.Delta:R}{(policy.Options.SplitDelta ? " (split over the judges)" : "")}, {labelled} labelled item(s)"));
        foreach (var c in new[] { "judge", "threshold", "items", "decided", "agreement", "disagreement bound" })
            table.AddColumn(new TableColumn(c) { Alignment = c == "judge" ? Justify.Left : Justify.Right });
        foreach (var j in policy.Judges)
        {
            table.AddRow(CliContext.Cell(j.Judge), j.Threshold?.ToString("0.####", ci) ?? "abstains", j.CalibrationItems.ToString(ci), j.CalibrationDecided.ToString(ci),
                j.CalibrationAgreement?.ToString("0.###", ci) ?? "-", j.DisagreementBound?.ToString("0.###", ci) ?? "-");
        }
        r.Ansi().Write(table);
        foreach (var j in policy.Judges.Where(j => j.Abstains is not null)) r.Out.WriteLine($"{j.Judge} {j.Abstains}.");
    }
}
