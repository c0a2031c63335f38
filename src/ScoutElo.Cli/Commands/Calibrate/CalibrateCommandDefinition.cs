using System.CommandLine;

namespace ScoutElo.Cli.Commands.Calibrate;

/// <summary>The <c>calibrate</c> verb's options and help; <see cref="CalibrateCommand"/> runs it.</summary>
internal sealed class CalibrateCommandDefinition
{
    public Option<string[]> Data { get; } = new("--data") { Description = "Labeled JSONL file(s); repeat for several.", Required = true };
    public Option<string[]> Label { get; } = new("--label") { Description = "The label to calibrate against; with several --data, once for all or once per file in the same order.", Required = true };
    public Option<string?> Description { get; } = new("--description") { Description = "A note stored in the profile on where it comes from (for example the script that fitted it)." };
    public Option<bool> Pool { get; } = new("--pool") { Description = "With several --data: pool them into one dataset instead of calibrating across them (leave one dataset out)." };
    public Option<string> Objective { get; } = new("--objective") { Description = "With several --data: what the weights must hold on the dataset left out: mean or worst left-out Pearson.", DefaultValueFactory = _ => "mean" };
    public Option<string?> Task { get; } = new("--task") { Description = "Restrict to one task: qa, summarization, dialogue or open." };
    public Option<int> Folds { get; } = new Option<int>("--folds") { Description = "Cross-validation folds.", DefaultValueFactory = _ => 5 }.AtLeast(2);
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of folds and bootstrap.", DefaultValueFactory = _ => 1 };
    public Option<string> Policy { get; } = new("--policy") { Description = "auto, drop, nnls, ridge or best.", DefaultValueFactory = _ => "auto" };
    public Option<bool> Isotonic { get; } = new("--isotonic") { Description = "Also fit a monotone map from composite to the label scale." };
    public Option<string> Output { get; } = new("--out") { Description = "Where to write the profile JSON.", Required = true };
    public Option<string?> Report { get; } = new("--report") { Description = "Where to write the Markdown audit report." };
    public Option<string?> HtmlReport { get; } = new("--html-report") { Description = "Directory for an HTML report (index.html): per task, each dimension's correlation with its bootstrap interval (kept or dropped, with its weight), the out-of-fold composite and the baselines." };
    public Option<string[]> Exclude { get; } = new("--exclude") { Description = "Leave a built-in dimension out (repeatable), e.g. to measure what it adds." };
    public Option<string?> BaseProfile { get; } = new("--base") { Description = "Few-shot: adapt this profile to --data (a few labeled groups from new traffic) instead of calibrating from scratch." };
    public Option<string?> HistoryOut { get; } = new("--history-out") { Description = "Also write the node history learned from the labels (JSONL), for score/evaluate --history." };

    /// <summary>The command, its handler bound.</summary>
    public Command Create()
    {
        var cmd = new Command("calibrate", Cli.Help("Audit the dimensions against a label, drop the unreliable ones, fit weights and cross-validate; or (--base) adapt a profile with a few labels.",
                "scoutelo calibrate --data scoutelo-demo/outputs.jsonl --label quality --out profile.json --report report.md",
                "scoutelo calibrate --data summeval.jsonl --label relevance --out rel.json --history-out nodes.jsonl",
                "scoutelo calibrate --data summeval.jsonl --data qags-cnndm.jsonl --label relevance --label consistency --out summaries.json --report summaries.md",
                "scoutelo calibrate --base rel.json --data few-new-labels.jsonl --label relevance --out adapted.json --report adapted.md"))
            { Data, Label, Pool, Objective, Description, Task, Folds, Seed, Policy, Isotonic, Output, Report, HtmlReport, Exclude, BaseProfile, HistoryOut, EmbedderCli.Embedder, EmbedderCli.Model, EmbedderCli.KeyEnv, JudgeCli.Endpoint, JudgeCli.Model, JudgeCli.KeyEnv, JudgeCli.Mode, JudgeCli.BaselineModel, JudgeCli.Samples, JudgeCli.Concurrency, JudgeCli.Timeout, JudgeCli.MaxFailures, JudgeCli.MinShare, JudgeCli.Rubric, JudgeCli.Prices, JudgeCli.NoLogprobs, JudgeCli.Cache, JudgeCli.NoCache, InputFiles.Format, InputFiles.Map, InputFiles.JudgmentScale, InputFiles.Tokens, InputFiles.Prices, InputFiles.SkipInvalid, Cli.Json };
        cmd.SetAction(r => Cli.Run(r, r => new CalibrateCommand(r, this).Run()));
        return cmd;
    }
}
