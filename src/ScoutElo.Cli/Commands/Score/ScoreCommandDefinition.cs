using System.CommandLine;

namespace ScoutElo.Cli.Commands.Score;

/// <summary>The <c>score</c> verb's options and help; <see cref="ScoreCommand"/> runs it.</summary>
internal sealed class ScoreCommandDefinition
{
    public Option<string> Data { get; } = new("--data") { Description = "Logged-output JSONL file to score.", Required = true };
    public Option<string?> Profile { get; } = new("--profile") { Description = "Calibration profile (JSON); the shipped default profile, adapted to the inputs without labels, when omitted." };
    public Option<string> Output { get; } = new("--out") { Description = "Where to write one JSON line per input (a file, written whole or not at all; a FIFO or device, streamed; - for stdout).", Required = true };
    public Option<string?> History { get; } = ProfileOptions.HistoryOption();
    public Option<double?> FailBelow { get; } = new("--fail-below") { Description = "Quality gate: an item whose composite is below this (or has no composite) fails; exit with code 3 when more than --max-fail-share of the items fail." };
    public Option<string> OutputFormat { get; } = new("--output-format") { Description = "jsonl (one JSON object per input), csv (id, composite and one column per dimension; empty = not applicable) or junit (JUnit XML for CI dashboards: one test case per input, failed when below --fail-below or without a composite).", DefaultValueFactory = _ => "jsonl" };
    public Option<string?> Report { get; } = new("--report") { Description = "Also write an HTML page of every item (composite, dimensions, why a dimension did not apply; worst first, sortable, filterable) to DIR/index.html." };
    public Option<string?> Compare { get; } = new("--compare") { Description = "With --report: a previous score --out JSONL; the page shows each item's previous composite and the change, the biggest drops first." };
    public Option<double> MaxFailShare { get; } = new("--max-fail-share") { Description = "With --fail-below: the share of failing items tolerated, in [0, 1].", DefaultValueFactory = _ => 0 };

    /// <summary>The command, its handler bound.</summary>
    public Command Create()
    {
        var cmd = new Command("score", Cli.Help("Score every response of a JSONL file on all dimensions and the composite.",
                "scoutelo score --data scoutelo-demo/outputs.jsonl --out scores.jsonl",
                "scoutelo score --data traffic.jsonl --profile profile.json --history nodes.jsonl --out scores.jsonl --json",
                "scoutelo score --data text-only.jsonl --tokens gpt-4o-mini --prices 0.15,0.60 --out scores.jsonl",
                "scoutelo score --data release.jsonl --profile profile.json --out scores.jsonl --fail-below 0.5 --max-fail-share 0.05",
                "scoutelo score --data new.jsonl --out new-scores.jsonl --report item-report --compare old-scores.jsonl")) { Data, Profile, Output, History, FailBelow, MaxFailShare, OutputFormat, Report, Compare, ProfileOptions.Adapt, ProfileOptions.NoAdapt, JudgeCli.Endpoint, JudgeCli.Model, JudgeCli.KeyEnv, JudgeCli.Mode, JudgeCli.BaselineModel, JudgeCli.Samples, JudgeCli.Concurrency, JudgeCli.Timeout, JudgeCli.MaxFailures, JudgeCli.MinShare, JudgeCli.Rubric, JudgeCli.Prices, JudgeCli.Weight, JudgeCli.NoLogprobs, JudgeCli.Cache, JudgeCli.NoCache, EmbedderCli.Embedder, EmbedderCli.Model, EmbedderCli.KeyEnv, InputFiles.Format, InputFiles.Map, InputFiles.Task, InputFiles.JudgmentScale, InputFiles.Tokens, InputFiles.Prices, InputFiles.SkipInvalid, Cli.Json };
        cmd.SetAction(r => Cli.Run(r, r => ScoreCommand.Run(r, this)));
        return cmd;
    }
}
