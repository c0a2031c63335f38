using System.CommandLine;

namespace ScoutElo.Cli.Commands.Rank;

/// <summary>The <c>rank</c> verb's options and help; <see cref="RankCommand"/> runs it.</summary>
internal sealed class RankCommandDefinition
{
    public Option<string[]> Matches { get; } = new("--matches") { Description = "Match log: JSONL lines {\"a\":\"node1\",\"b\":\"node2\",\"score\":1.0} (optional \"weight\"), in the order played; arena battles with --format arena; CSV with --format csv. Repeat to fit several logs jointly (bt: each its own tie parameter; other methods: played one after another).", Required = true, AllowMultipleArgumentsPerToken = false };
    public Option<string> Format { get; } = new("--format") { Description = "jsonl (a/b/score, or model_a/model_b/winner per line), arena (the arena's clean-battle JSON array or JSONL: model_a, model_b, winner ∈ model_a|model_b|tie|tie (bothbad)) or csv (a header with a,b,score[,weight] or model_a,model_b,winner).", DefaultValueFactory = _ => "jsonl" };
    public Option<string> Method { get; } = new("--method") { Description = "elo (online), elo-batch (rating periods), elo-median (the arena's median of shuffled-bootstrap online Elo), glicko2 (rating periods) or bt (Bradley–Terry).", DefaultValueFactory = _ => "elo" };
    public Option<double> K { get; } = new("--k") { Description = "Elo K factor.", DefaultValueFactory = _ => 32 };
    public Option<double> Initial { get; } = new("--initial") { Description = "Initial rating (Elo, Glicko-2 and the Bradley–Terry base).", DefaultValueFactory = _ => 1000 };
    public Option<int?> Period { get; } = new("--period") { Description = "Matches per rating period for elo-batch and glicko2 (default: half the number of nodes, so each node plays about once per period)." };
    public Option<int?> Bootstrap { get; } = new("--bootstrap") { Description = "Bootstrap resamples for the intervals (elo, elo-batch, elo-median: default 500; bt: bootstrap instead of the default sandwich intervals)." };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the bootstrap.", DefaultValueFactory = _ => 1 };
    public Option<double> Confidence { get; } = new("--confidence") { Description = "Confidence level of the intervals, in (0, 1).", DefaultValueFactory = _ => 0.95 };
    public Option<string> Ties { get; } = new("--ties") { Description = "bt: half (a tie is half a win; graded scores allowed), davidson or rao-kupper (ties as their own outcome with a learned tie parameter per log).", DefaultValueFactory = _ => "half" };
    public Option<string?> Style { get; } = new("--style") { Description = "bt: style covariates FEATURE[,FEATURE…] read from per-side fields FEATURE_a and FEATURE_b; covariate (f_a − f_b)/(f_a + f_b) standardised over the log; ratings net of style." };
    public Option<string?> Anchor { get; } = new("--anchor") { Description = "bt: NODE=RATING pins NODE at RATING; intervals are computed under the anchor." };
    public Option<double?> L2 { get; } = new("--l2") { Description = "bt: the arena's L2-penalised fit with scikit-learn's C (the arena used C = 1); default unpenalised." };
    public Option<string> L2Scope { get; } = new("--l2-scope") { Description = "bt with --l2: all (every rating and style coefficient, as the FastChat code) or style (only style coefficients, as arena-rank).", DefaultValueFactory = _ => "all" };
    public Option<string> Weights { get; } = new("--weights") { Description = "bt: frequency (a weight w is w repeated matches) or importance (a weight is an importance weight of one match; intervals do not depend on the weights' scale).", DefaultValueFactory = _ => "frequency" };
    public Option<string?> LogWeights { get; } = new("--log-weights") { Description = "bt with several --matches: W1,W2,… multiplies every match weight of the k-th log by Wk (how much each dataset counts in the joint fit)." };
    public Option<string> BothBad { get; } = new("--both-bad") { Description = "What a 'tie (bothbad)' is: tie (the arena's choice) or drop.", DefaultValueFactory = _ => "tie" };

    /// <summary>The command, its handler bound.</summary>
    public Command Create()
    {
        var cmd = new Command("rank", Cli.Help("Rank nodes from a match log with Elo (online, batch or the arena's bootstrap median), Glicko-2 or Bradley–Terry (ties, style control, anchors, L2), with intervals.",
                "scoutelo rank --matches scoutelo-demo/matches.jsonl",
                "scoutelo rank --matches scoutelo-demo/matches.jsonl --method bt --json",
                "scoutelo rank --matches battles.json --format arena --method bt --ties rao-kupper --bootstrap 500",
                "scoutelo rank --matches battles.json --format arena --method bt --style sum_assistant_tokens --anchor gpt-4=1250",
                "scoutelo rank --matches matches.jsonl --method glicko2 --period 10"))
            { Matches, Format, Method, K, Initial, Period, Bootstrap, Seed, Confidence, Ties, Style, Anchor, L2, L2Scope, Weights, LogWeights, BothBad, Cli.Json };
        cmd.SetAction(r => Cli.Run(r, r => RankCommand.Run(r, RankSettings.Bind(r, this))));
        return cmd;
    }

    /// <summary>The Bradley–Terry-only options (an error with any other method).</summary>
    public Option[] BradleyTerryOnly => [Ties, Style, Anchor, L2, L2Scope, Weights, LogWeights];
}
