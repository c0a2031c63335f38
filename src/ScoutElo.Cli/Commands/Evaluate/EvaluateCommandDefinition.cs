using System.CommandLine;

namespace ScoutElo.Cli.Commands.Evaluate;

/// <summary>The <c>evaluate</c> verb's options and help; <see cref="EvaluateCommand"/> runs it.</summary>
internal sealed class EvaluateCommandDefinition
{
    public Option<string> Data { get; } = new("--data") { Description = "Labeled JSONL file.", Required = true };
    public Option<string> Label { get; } = new("--label") { Description = "The label to evaluate against.", Required = true };
    public Option<string?> Profile { get; } = new("--profile") { Description = "Calibration profile (JSON); the shipped default profile, adapted to the data without its labels, when omitted." };
    public Option<string?> History { get; } = ProfileOptions.HistoryOption();
    public Option<double?> MinPearson { get; } = new("--min-pearson") { Description = "Quality gate: exit with code 3 when the composite's Pearson correlation with the label is below this (or cannot be computed)." };
    public Option<string?> HtmlReport { get; } = new("--report") { Description = "Directory for an HTML report (index.html): correlations with their intervals per dimension and evaluator, composite against the label, and every item (label, composite, dimensions, why a dimension did not apply)." };
    public Option<string?> Compare { get; } = new("--compare") { Description = "With --report: a previous score --out JSONL; the item table shows each item's previous composite and the change." };
    public Option<double?> MinSpearman { get; } = new("--min-spearman") { Description = "Quality gate: exit with code 3 when the composite's Spearman correlation with the label is below this (or cannot be computed)." };

    /// <summary>The <c>--ppi</c> options.</summary>
    public PpiOptions Ppi { get; } = new();

    /// <summary>The command, its handler bound.</summary>
    public Command Create()
    {
        var cmd = new Command("evaluate", Cli.Help("Apply a calibration profile to other labeled data and report correlations, with drift and applicability warnings; optional quality gates exit with code 3.",
                "scoutelo evaluate --data scoutelo-demo/outputs.jsonl --label quality --profile profile.json",
                "scoutelo evaluate --data other.jsonl --label relevance --profile rel.json --history nodes.jsonl --json",
                "scoutelo evaluate --data holdout.jsonl --label quality --profile profile.json --min-pearson 0.6",
                "scoutelo evaluate --data outputs.jsonl --label correct --ppi 0.1 --json")) { Data, Label, Profile, History, MinPearson, MinSpearman, HtmlReport, Compare, ProfileOptions.Adapt, ProfileOptions.NoAdapt, EmbedderCli.Embedder, EmbedderCli.Model, EmbedderCli.KeyEnv, JudgeCli.Endpoint, JudgeCli.Model, JudgeCli.KeyEnv, JudgeCli.Mode, JudgeCli.BaselineModel, JudgeCli.Samples, JudgeCli.Concurrency, JudgeCli.Timeout, JudgeCli.MaxFailures, JudgeCli.MinShare, JudgeCli.Rubric, JudgeCli.Prices, JudgeCli.NoLogprobs, JudgeCli.Cache, JudgeCli.NoCache, InputFiles.Format, InputFiles.Map, InputFiles.Task, InputFiles.JudgmentScale, InputFiles.Tokens, InputFiles.Prices, InputFiles.SkipInvalid, Cli.Json };
        foreach (var o in Ppi.All) cmd.Options.Add(o);
        cmd.SetAction(r => Cli.Run(r, r => EvaluateCommand.Run(r, this)));
        return cmd;
    }
}
