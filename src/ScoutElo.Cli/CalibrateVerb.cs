using ScoutElo.Scoring;
using ScoutElo.Scoring.Reporting;
using System.CommandLine;
using System.Text;
using ScoutElo.Scoring.Calibration;

namespace ScoutElo.Cli;

internal static partial class Verbs
{
    /// <summary>Calibration option names → their flags, so option errors ("Folds must be at least 2") name the flag.</summary>
    private static readonly Dictionary<string, string> CalibrateFlags = new(StringComparer.Ordinal) { ["Folds"] = "--folds", ["Seed"] = "--seed", ["BootstrapResamples"] = "--seed" };

    internal static Command Calibrate()
    {
        var data = new Option<string[]>("--data") { Description = "Labeled JSONL file(s); repeat for several.", Required = true };
        var label = new Option<string[]>("--label") { Description = "The label to calibrate against; with several --data, once for all or once per file in the same order.", Required = true };
        var description = new Option<string?>("--description") { Description = "A note stored in the profile on where it comes from (for example the script that fitted it)." };
        var pool = new Option<bool>("--pool") { Description = "With several --data: pool them into one dataset instead of calibrating across them (leave one dataset out)." };
        var objective = new Option<string>("--objective") { Description = "With several --data: what the weights must hold on the dataset left out: mean or worst left-out Pearson.", DefaultValueFactory = _ => "mean" };
        var task = new Option<string?>("--task") { Description = "Restrict to one task: qa, summarization, dialogue or open." };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of folds and bootstrap.", DefaultValueFactory = _ => 1 };
        var policy = new Option<string>("--policy") { Description = "auto, drop, nnls, ridge or best.", DefaultValueFactory = _ => "auto" };
        var isotonic = new Option<bool>("--isotonic") { Description = "Also fit a monotone map from composite to the label scale." };
        var output = new Option<string>("--out") { Description = "Where to write the profile JSON.", Required = true };
        var report = new Option<string?>("--report") { Description = "Where to write the Markdown audit report." };
        var htmlReport = new Option<string?>("--html-report") { Description = "Directory for an HTML report (index.html): per task, each dimension's correlation with its bootstrap interval (kept or dropped, with its weight), the out-of-fold composite and the baselines." };
        var exclude = new Option<string[]>("--exclude") { Description = "Leave a built-in dimension out (repeatable), e.g. to measure what it adds." };
        var baseProfile = new Option<string?>("--base") { Description = "Few-shot: adapt this profile to --data (a few labeled groups from new traffic) instead of calibrating from scratch." };
        var historyOut = new Option<string?>("--history-out") { Description = "Also write the node history learned from the labels (JSONL), for score/evaluate --history." };
        var cmd = new Command("calibrate", Help("Audit the dimensions against a label, drop the unreliable ones, fit weights and cross-validate; or (--base) adapt a profile with a few labels.",
                "scoutelo calibrate --data scoutelo-demo/outputs.jsonl --label quality --out profile.json --report report.md",
                "scoutelo calibrate --data summeval.jsonl --label relevance --out rel.json --history-out nodes.jsonl",
                "scoutelo calibrate --data summeval.jsonl --data qags-cnndm.jsonl --label relevance --label consistency --out summaries.json --report summaries.md",
                "scoutelo calibrate --base rel.json --data few-new-labels.jsonl --label relevance --out adapted.json --report adapted.md"))
            { data, label, pool, objective, description, task, folds, seed, policy, isotonic, output, report, htmlReport, exclude, baseProfile, historyOut, EmbedderCli.Embedder, EmbedderCli.Model, EmbedderCli.KeyEnv, JudgeCli.Endpoint, JudgeCli.Model, JudgeCli.KeyEnv, JudgeCli.Mode, JudgeCli.BaselineModel, JudgeCli.Samples, JudgeCli.Concurrency, JudgeCli.Timeout, JudgeCli.Cache, JudgeCli.NoCache, Cli.Format, Cli.Map, Cli.Tokens, Cli.Prices, Cli.SkipInvalid, Cli.Json };
        cmd.SetAction(r => Cli.Run(() =>
        {
            var files = r.GetValue(data)!;
            var labelNames = r.GetValue(label)!;
            bool multi = files.Length > 1 && !r.GetValue(pool);
            if (labelNames.Length != 1 && !(multi && labelNames.Length == files.Length))
                throw new ArgumentException(multi ? $"--label: give one label for all {files.Length} files or one per --data ({labelNames.Length} given)." : "--label: give one label (several apply only to several --data without --pool).");
            if (r.GetResult(objective) is { Implicit: false } && !multi) throw new ArgumentException("--objective: applies only to several --data (calibration across datasets).");
            string objectiveName = r.GetValue(objective)!;
            if (objectiveName is not ("mean" or "worst")) throw new ArgumentException($"--objective: unknown objective '{objectiveName}'" + Cli.Suggest(objectiveName, "mean", "worst"));
            string labelName = labelNames[0];
            bool json = r.GetValue(Cli.Json);
            var profileOut = OutputTarget.Resolve("--out", r.GetValue(output)!, json);
            var reportOut = r.GetValue(report) is { } reportPath ? OutputTarget.Resolve("--report", reportPath, json) : null;
            string? htmlDir = r.GetValue(htmlReport) is { } htmlPath ? Cli.ReportDirectory("--html-report", htmlPath) : null;
            if (htmlDir is not null && r.GetValue(baseProfile) is not null) throw new ArgumentException("--html-report: applies to a calibration, not to --base adaptation (its report is the Markdown --report).");
            var historyTarget = r.GetValue(historyOut) is { } historyPath ? OutputTarget.Resolve("--history-out", historyPath, json) : null;
            using var judge = JudgeCli.Create(r);
            var embedder = EmbedderCli.Create(r);
            using var embedderCache = embedder?.Cache;
            if (multi)
            {
                if (r.GetValue(baseProfile) is not null) throw new ArgumentException("--base: adapts with one labeled file; several --data calibrate across datasets (or add --pool).");
                if (historyTarget is not null) throw new ArgumentException("--history-out: calibration across datasets leaves model-prior out (node identities do not carry over), so there is no history to write.");
                if (htmlDir is not null) throw new ArgumentException("--html-report: applies to a single-dataset calibration; across datasets the report is the Markdown --report.");
                if (r.GetResult(policy) is { Implicit: false }) throw new ArgumentException("--policy: across datasets the policy is chosen by leaving one dataset out; drop --policy (or add --pool).");
                if (r.GetValue(isotonic)) throw new ArgumentException("--isotonic: applies to a single-dataset calibration (a map to one label's scale); across datasets each has its own label.");
            }
            var perFile = files.Select(f => Cli.FillTokens(Cli.Load([f], r), r)).Select(x => judge is null ? x : judge.AddJudgments(x)).ToList();
            var records = perFile.SelectMany(x => x).ToList();
            if (multi)
            {
                for (int k = 0; k < files.Length; k++) Cli.CheckLabel(perFile[k], labelNames.Length == 1 ? labelNames[0] : labelNames[k]);
            }
            else Cli.CheckLabel(records, labelName);
            var options = new CalibrationOptions
            {
                Folds = r.GetValue(folds),
                Seed = r.GetValue(seed),
                FitIsotonic = r.GetValue(isotonic),
                Policy = r.GetValue(policy) switch
                {
                    "auto" => CalibrationPolicy.Auto,
                    "drop" => CalibrationPolicy.DropAndRenormalize,
                    "nnls" => CalibrationPolicy.NonNegativeLeastSquares,
                    "ridge" => CalibrationPolicy.Ridge,
                    "best" => CalibrationPolicy.BestSingle,
                    var p => throw new ArgumentException($"--policy: unknown policy '{p}'" + Cli.Suggest(p ?? "", "auto", "drop", "nnls", "ridge", "best")),
                },
                DomainObjective = objectiveName == "worst" ? DomainObjective.Worst : DomainObjective.Mean,
            };
            var excluded = r.GetValue(exclude) ?? [];
            var known = Scoring.Dimensions.BuiltInDimensions.Create().Select(d => d.Name).ToList();
            foreach (var x in excluded.Where(x => !known.Contains(x)))
                throw new ArgumentException($"--exclude: unknown dimension '{x}'" + Cli.Suggest(x, [.. known]));
            IQualityDimension[]? dims = null;
            if (excluded.Length > 0)
            {
                var scales = Scoring.Dimensions.JudgmentScale.InferAll(records.Select(x => x.Input));
                dims = [.. Scoring.Dimensions.BuiltInDimensions.Create(agreement: new Scoring.Dimensions.AgreementOptions { Scales = scales }).Where(d => !excluded.Contains(d.Name))];
            }
            if (embedder is { } emb)
            {
                // The embedding similarity is one more candidate: calibration audits it and decides its weight.
                var all = records.Select(x => x.Input).ToList();
                var scales = Scoring.Dimensions.JudgmentScale.InferAll(all);
                dims = [.. dims ?? Scoring.Dimensions.BuiltInDimensions.Create(agreement: new Scoring.Dimensions.AgreementOptions { Scales = scales }),
                    .. EmbedderCli.Dimensions(emb.Generator, all)];
            }
            var calibrator = new Calibrator(options, dims); // checks the options before any progress line
            if (multi)
            {
                var domains = files.Select((f, k) => new CalibrationDomain(UniqueName(files, k), perFile[k], labelNames.Length == 1 ? labelNames[0] : labelNames[k])).ToList();
                MultiDomainResult across = null!;
                Cli.Track($"calibrating across {files.Length} datasets", 0, _ => across = calibrator.CalibrateDomains(domains, Cli.ParseTask(r.GetValue(task))));
                WriteDomains(across with { Profile = across.Profile with { Description = r.GetValue(description) } }, profileOut, reportOut, json, excluded);
                return 0;
            }
            if (r.GetValue(baseProfile) is { } basePath)
            {
                AdaptationResult adapted = null!;
                var baseline = Cli.LoadProfile(basePath);
                Cli.Track($"adapting {Path.GetFileName(basePath)} with {records.Count} records labeled '{labelName}'", 0,
                    _ => adapted = calibrator.Adapt(baseline, records, labelName, Cli.ParseTask(r.GetValue(task))));
                WriteAdaptation(adapted with { Profile = adapted.Profile with { Description = r.GetValue(description) ?? adapted.Profile.Description } }, profileOut, reportOut, historyTarget, records, labelName, json);
                return 0;
            }
            CalibrationResult result = null!;
            Cli.Track($"calibrating {records.Count} records against '{labelName}'", 0,
                _ => result = calibrator.Calibrate(records, labelName, Cli.ParseTask(r.GetValue(task))));
            result = result with { Profile = result.Profile with { Description = r.GetValue(description) } };
            var outputs = new List<(OutputTarget, Action<TextWriter>)> { (profileOut, w => w.Write(result.Profile.ToJson())) };
            AddHistoryOutput(outputs, historyTarget, records, labelName);
            if (reportOut is { } md)
            {
                var sb = new StringBuilder();
                sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"## {string.Join(", ", files.Select(Path.GetFileName))} — `{labelName}`{(excluded.Length > 0 ? " — without " + string.Join(", ", excluded) : "")}");
                sb.AppendLine();
                if (result.SkippedMissingLabel > 0) sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{result.SkippedMissingLabel} records without the label were skipped.\n");
                foreach (var rep in result.Reports) sb.AppendLine(rep.ToMarkdown());
                outputs.Add((md, w => w.Write(sb.ToString())));
            }
            if (htmlDir is not null)
            {
                // The fitted profile applied to its own training data, for the scatter (labelled in-sample on the page).
                string lbl = labelName;
                var labeled = records.Where(x => x.Labels.ContainsKey(lbl)).ToList();
                var inputsLabeled = labeled.Select(x => x.Input).ToList();
                var fitted = dims is null ? result.Profile.CreateScorer(Calibrator.HistoryFromLabels(records, lbl), data: inputsLabeled) : result.Profile.CreateScorer(dims);
                var scored = fitted.ScoreBatch(inputsLabeled, -1);
                var points = new List<(double, double)>();
                for (int i = 0; i < scored.Length; i++)
                {
                    if (scored[i].Composite.Value is { } c) points.Add((c, labeled[i].Labels[lbl]));
                }
                outputs.Add((Cli.ReportFile("--html-report", htmlDir), w => w.Write(ReportHtml.Calibration(result, files, lbl, points))));
            }
            Outputs.WriteAllOrNone([.. outputs]); // the profile and the report, or neither
            if (json)
            {
                Console.WriteLine(TasksJson(result.SkippedMissingLabel, result.Reports, rep => (rep.Task, rep.Items), (w, rep) =>
                {
                    w.WriteString("policy", rep.Policy.ToString());
                    Cli.Correlation(w, "composite", rep.Composite);
                    Cli.Correlation(w, "uncalibrated", rep.Uncalibrated);
                    w.WriteStartObject("weights");
                    foreach (var a in rep.Audit) w.WriteNumber(a.Name, a.Weight);
                    w.WriteEndObject();
                    w.WriteStartObject("dimensions");
                    foreach (var a in rep.Audit) Cli.Correlation(w, a.Name, a.Correlation);
                    w.WriteEndObject();
                }));
            }
            else
            {
                foreach (var rep in result.Reports)
                {
                    string best = rep.BestDimension is { } b ? $"{b.Name} {b.Correlation.Pearson:0.000}" : "none";
                    Outputs.Summary.WriteLine($"{WireName.Of(rep.Task)}: n={rep.Items} policy={rep.Policy} composite (out-of-fold) Pearson {rep.Composite.Pearson:0.000}, uncalibrated {rep.Uncalibrated.Pearson:0.000}, best single {best}");
                }
            }
            return 0;
        }, CalibrateFlags));
        return cmd;
    }

    /// <summary>A dataset's name for reports: its file name, with the folder when two files share a name.</summary>
    private static string UniqueName(string[] files, int k)
    {
        string name = Path.GetFileNameWithoutExtension(files[k]);
        return files.Count(f => Path.GetFileNameWithoutExtension(f) == name) > 1 ? files[k] : name;
    }

    private static void WriteDomains(MultiDomainResult result, OutputTarget output, OutputTarget? report, bool json, string[] excluded)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var outputs = new List<(OutputTarget, Action<TextWriter>)> { (output, w => w.Write(result.Profile.ToJson())) };
        if (report is { } md)
        {
            var sb = new StringBuilder();
            sb.AppendLine(ci, $"## Across datasets — {string.Join(", ", result.Reports.SelectMany(x => x.Domains).Select(d => $"{d.Name} `{d.Label}`").Distinct())}{(excluded.Length > 0 ? " — without " + string.Join(", ", excluded) : "")}");
            sb.AppendLine();
            foreach (var rep in result.Reports) sb.AppendLine(rep.ToMarkdown());
            outputs.Add((md, w => w.Write(sb.ToString())));
        }
        Outputs.WriteAllOrNone([.. outputs]);
        if (json)
        {
            Console.WriteLine(TasksJson(0, result.Reports, rep => (rep.Task, rep.Domains.Sum(d => d.Items)), (w, rep) =>
            {
                w.WriteString("policy", rep.Policy.ToString());
                w.WriteString("objective", rep.Objective.ToString().ToLowerInvariant());
                Cli.Number(w, "meanLeftOut", rep.MeanLeftOut);
                w.WriteStartArray("datasets");
                foreach (var d in rep.Domains)
                {
                    w.WriteStartObject();
                    w.WriteString("name", d.Name);
                    w.WriteString("label", d.Label);
                    w.WriteNumber("n", d.Items);
                    Cli.Correlation(w, "inDomain", d.InDomain);
                    Cli.Correlation(w, "leftOut", d.LeftOut);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartObject("weights");
                foreach (var (k, v) in rep.Weights) w.WriteNumber(k, v);
                w.WriteEndObject();
            }));
        }
        else
        {
            foreach (var rep in result.Reports)
            {
                Outputs.Summary.WriteLine(string.Create(ci, $"{WireName.Of(rep.Task)}: {rep.Domains.Count} dataset(s), policy {rep.Policy}, mean left-out Pearson {rep.MeanLeftOut:0.000}"));
                foreach (var d in rep.Domains)
                    Outputs.Summary.WriteLine(string.Create(ci, $"  {d.Name} ({d.Label}, n={d.Items}): in-domain {d.InDomain.Pearson:0.000}, left out {d.LeftOut?.Pearson:0.000}"));
            }
        }
    }

    /// <summary>Adds the --history-out file (node history learned from the labels) to a verb's all-or-none outputs.</summary>
    private static void AddHistoryOutput(List<(OutputTarget, Action<TextWriter>)> outputs, OutputTarget? path, IReadOnlyList<LoggedOutput> records, string label)
    {
        if (path is null) return;
        var history = Calibrator.HistoryFromLabels(records, label);
        outputs.Add((path, w => NodeHistoryJsonl.Write(w, history.Snapshot())));
    }

    private static void WriteAdaptation(AdaptationResult result, OutputTarget output, OutputTarget? report, OutputTarget? historyOut, IReadOnlyList<LoggedOutput> records, string label, bool json)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var outputs = new List<(OutputTarget, Action<TextWriter>)> { (output, w => w.Write(result.Profile.ToJson())) };
        if (report is { } md)
        {
            var sb = new StringBuilder();
            foreach (var rep in result.Reports) sb.AppendLine(rep.ToMarkdown());
            outputs.Add((md, w => w.Write(sb.ToString())));
        }
        AddHistoryOutput(outputs, historyOut, records, label);
        Outputs.WriteAllOrNone([.. outputs]);
        if (json)
        {
            Console.WriteLine(TasksJson(result.SkippedMissingLabel, result.Reports, rep => (rep.Task, rep.Items), (w, rep) =>
            {
                w.WriteNumber("groups", rep.Groups);
                Cli.Number(w, "strength", double.IsPositiveInfinity(rep.Strength) ? null : rep.Strength);
                w.WriteBoolean("baseKept", double.IsPositiveInfinity(rep.Strength));
                if (rep.SingleDimension is { } one) w.WriteString("singleDimension", one); else w.WriteNull("singleDimension");
                Cli.Correlation(w, "base", rep.Base);
                Cli.Correlation(w, "refit", rep.Refit);
                Cli.Correlation(w, "adapted", rep.Adapted);
                w.WriteStartObject("weights");
                foreach (var (k, v) in rep.Weights) w.WriteNumber(k, v);
                w.WriteEndObject();
                w.WriteStartArray("learningCurve");
                foreach (var pt in rep.LearningCurve)
                {
                    w.WriteStartObject();
                    w.WriteNumber("groups", pt.Groups);
                    w.WriteNumber("items", pt.Items);
                    Cli.Number(w, "pearson", pt.Pearson);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }));
        }
        else
        {
            foreach (var rep in result.Reports)
            {
                string tau = rep.SingleDimension is { } one ? $"single dimension {one}" : double.IsPositiveInfinity(rep.Strength) ? "∞ (base kept)" : rep.Strength.ToString("0.###", ci);
                Outputs.Summary.WriteLine(string.Create(ci, $"{WireName.Of(rep.Task)}: few-shot n={rep.Items} groups={rep.Groups} τ={tau}: base {rep.Base.Pearson:0.000}, refit {rep.Refit.Pearson:0.000}, adapted (out-of-fold) {rep.Adapted.Pearson:0.000}"));
                Outputs.Summary.WriteLine("  learning curve: " + string.Join("  ", rep.LearningCurve.Select(p => string.Create(ci, $"{p.Groups} groups {p.Pearson:0.000}"))));
            }
        }
    }

    /// <summary>The JSON of both calibrate modes: {"skippedMissingLabel":..,"tasks":[{"task":..,"n":.., then the mode's fields}]}.</summary>
    private static string TasksJson<T>(int skippedMissingLabel, IEnumerable<T> reports, Func<T, (Scoring.TaskKind Task, int Items)> key, Action<System.Text.Json.Utf8JsonWriter, T> fields) =>
        Cli.WriteJson(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("skippedMissingLabel", skippedMissingLabel);
            w.WriteStartArray("tasks");
            foreach (var rep in reports)
            {
                var (task, items) = key(rep);
                w.WriteStartObject();
                w.WriteString("task", WireName.Of(task));
                w.WriteNumber("n", items);
                fields(w, rep);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    internal static Command Evaluate()
    {
        var data = new Option<string>("--data") { Description = "Labeled JSONL file.", Required = true };
        var label = new Option<string>("--label") { Description = "The label to evaluate against.", Required = true };
        var profile = new Option<string?>("--profile") { Description = "Calibration profile (JSON); the shipped default profile, adapted to the data without its labels, when omitted." };
        var history = Cli.HistoryOption();
        var minPearson = new Option<double?>("--min-pearson") { Description = "Quality gate: exit with code 3 when the composite's Pearson correlation with the label is below this (or cannot be computed)." };
        var htmlReport = new Option<string?>("--report") { Description = "Directory for an HTML report (index.html): correlations with their intervals per dimension and evaluator, composite against the label." };
        var minSpearman = new Option<double?>("--min-spearman") { Description = "Quality gate: exit with code 3 when the composite's Spearman correlation with the label is below this (or cannot be computed)." };
        var cmd = new Command("evaluate", Help("Apply a calibration profile to other labeled data and report correlations, with drift and applicability warnings; optional quality gates exit with code 3.",
                "scoutelo evaluate --data scoutelo-demo/outputs.jsonl --label quality --profile profile.json",
                "scoutelo evaluate --data other.jsonl --label relevance --profile rel.json --history nodes.jsonl --json",
                "scoutelo evaluate --data holdout.jsonl --label quality --profile profile.json --min-pearson 0.6")) { data, label, profile, history, minPearson, minSpearman, htmlReport, Cli.Adapt, Cli.NoAdapt, EmbedderCli.Embedder, EmbedderCli.Model, EmbedderCli.KeyEnv, JudgeCli.Endpoint, JudgeCli.Model, JudgeCli.KeyEnv, JudgeCli.Mode, JudgeCli.BaselineModel, JudgeCli.Samples, JudgeCli.Concurrency, JudgeCli.Timeout, JudgeCli.Cache, JudgeCli.NoCache, Cli.Format, Cli.Map, Cli.Tokens, Cli.Prices, Cli.SkipInvalid, Cli.Json };
        cmd.SetAction(r => Cli.Run(() =>
        {
            foreach (var gate in new[] { minPearson, minSpearman })
            {
                if (r.GetValue(gate) is { } g && (!double.IsFinite(g) || g is < -1 or > 1))
                    throw new ArgumentException($"{gate.Name}: must be a correlation in [-1, 1], got {g.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }
            string? reportDir = r.GetValue(htmlReport) is { } dirPath ? Cli.ReportDirectory("--report", dirPath) : null;
            using var judge = JudgeCli.Create(r);
            var embedder = EmbedderCli.Create(r);
            using var embedderCache = embedder?.Cache;
            var records = Cli.FillTokens(Cli.Load([r.GetValue(data)!], r), r);
            if (judge is not null) records = judge.AddJudgments(records);
            var extras = new List<IQualityDimension>();
            if (embedder is { } emb)
            {
                var all = records.Select(x => x.Input).ToList();
                extras.AddRange(EmbedderCli.Dimensions(emb.Generator, all));
            }
            Cli.CheckLabel(records, r.GetValue(label)!);
            var nodeHistory = Cli.LoadHistory(r.GetValue(history));
            var loadedProfile = Cli.ResolveProfile(r, r.GetValue(profile), [.. records.Select(x => x.Input)], nodeHistory, extras); // reads no label
            var rep = EvaluationReport.Evaluate(loadedProfile, records, r.GetValue(label)!, extras, history: nodeHistory);
            Cli.Warn(rep.Warnings);
            if (reportDir is not null)
            {
                string labelName = r.GetValue(label)!;
                var labeled = records.Where(x => x.Labels.ContainsKey(labelName)).ToList();
                var reports = Cli.ProfileScorer(loadedProfile, nodeHistory, [.. labeled.Select(x => x.Input)], extras).ScoreBatch([.. labeled.Select(x => x.Input)], -1);
                var points = labeled.Select((x, i) => (reports[i].Composite.Value, x.Labels[labelName])).Where(p => p.Value is not null).Select(p => (p.Value!.Value, p.Item2)).ToList();
                Outputs.WriteAllOrNone((Cli.ReportFile("--report", reportDir), w => w.Write(ReportHtml.Evaluation(rep, labelName, r.GetValue(profile) ?? "the shipped default profile", r.GetValue(data)!, points))));
            }
            var failures = new List<string>();
            void Gate(Option<double?> option, string statistic, double? value)
            {
                if (r.GetValue(option) is not { } min) return;
                if (value is not { } v) failures.Add($"composite {statistic} cannot be computed ({rep.Composite.Reason ?? "no variance"}), {option.Name} {min.ToString(System.Globalization.CultureInfo.InvariantCulture)} not met");
                else if (v < min) failures.Add($"composite {statistic} {v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)} < {option.Name} {min.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }
            Gate(minPearson, "Pearson", rep.Composite.Pearson);
            Gate(minSpearman, "Spearman", rep.Composite.Spearman);
            bool gated = r.GetValue(minPearson) is not null || r.GetValue(minSpearman) is not null;
            if (r.GetValue(Cli.Json))
            {
                Console.WriteLine(Cli.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("n", rep.Items);
                    w.WriteNumber("skippedMissingLabel", rep.SkippedMissingLabel);
                    Cli.Correlation(w, "composite", rep.Composite);
                    w.WriteStartObject("dimensions");
                    foreach (var (k, v) in rep.Dimensions) Cli.Correlation(w, k, v);
                    w.WriteEndObject();
                    w.WriteStartObject("judgments");
                    foreach (var (k, v) in rep.Judgments) Cli.Correlation(w, k, v);
                    w.WriteEndObject();
                    w.WriteStartObject("consensus");
                    Cli.Correlation(w, "mean", rep.ConsensusMean);
                    Cli.Correlation(w, "median", rep.ConsensusMedian);
                    w.WriteEndObject();
                    Cli.Warnings(w, rep.Warnings);
                    if (gated) Cli.GateJson(w, failures);
                    w.WriteEndObject();
                }));
            }
            else
            {
                Console.WriteLine($"n={rep.Items}: composite Pearson {rep.Composite.Pearson:0.000} Spearman {rep.Composite.Spearman:0.000} Kendall {rep.Composite.Kendall:0.000}");
                foreach (var (k, v) in rep.Dimensions) Console.WriteLine($"  {k,-12} {(v.Pearson is { } p ? p.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : v.Reason)}");
            }
            return Cli.GateExit(failures);
        }));
        return cmd;
    }
}
