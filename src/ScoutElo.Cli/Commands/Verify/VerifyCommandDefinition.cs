using System.CommandLine;

namespace ScoutElo.Cli.Commands.Verify;

/// <summary>The <c>verify</c> verb's options and help; <see cref="VerifyCommand"/> runs it.</summary>
internal sealed class VerifyCommandDefinition
{
    public Option<bool> Equality { get; } = new("--equality") { Description = "Model equality test from text: are the answers of --data distributed as the claimed model's answers in --reference (MMD with a string kernel, permutation p-value)? Without it, --data is traffic JSONL and its token evidence is verified." };
    public Option<string> Data { get; } = new("--data") { Description = "Traffic JSONL with token evidence (tokens, reference); with --equality, the node's answers (logged outputs; --format for other tools' files).", Required = true };
    public Option<string?> Reference { get; } = new("--reference") { Description = "With --equality (required there): the claimed model's answers, from the validator's own trusted inference (same format as --data); rows are paired with --data by query, unpaired rows are used as unpaired samples." };
    public Option<string> Policy { get; } = new("--policy") { Description = $"Token-evidence policy: {string.Join(", ", TokenVerification.PolicyNames)} (the rule presets reproduce published subnet verifiers; see docs/verification.md).", DefaultValueFactory = _ => Scoring.Verification.SequentialTokenTest.PolicyName };
    public Option<int> Permutations { get; } = new Option<int>("--permutations") { Description = "Permutations of the p-value.", DefaultValueFactory = _ => 1000 }.AtLeast(1);
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the permutations.", DefaultValueFactory = _ => 1 };
    public Option<double> Alpha { get; } = new Option<double>("--alpha") { Description = "Level of the test: the verdict is 'different' when the p-value is at most this.", DefaultValueFactory = _ => 0.05 }.Within(1e-9, 1, maxExclusive: true);
    public Option<int> Characters { get; } = new Option<int>("--characters") { Description = "Characters of each answer the string kernel compares (the first ones).", DefaultValueFactory = _ => 100 }.AtLeast(1);

    /// <summary>The command, its handler bound.</summary>
    public Command Create()
    {
        var cmd = new Command("verify", Cli.Help("Verify what nodes served, without settling: per-node verdicts from the token evidence of traffic JSONL, or (--equality) whether a node's answers are distributed as the claimed model's (exit 0 either way; the verdicts are in the output).",
                "scoutelo verify --data traffic.jsonl",
                "scoutelo verify --data traffic.jsonl --policy targon-v5 --json",
                "scoutelo verify --equality --data node.jsonl --reference claimed.jsonl",
                "scoutelo verify --equality --data node.jsonl --reference claimed.jsonl --permutations 5000 --seed 7 --json"))
            { Equality, Data, Reference, Policy, Permutations, Seed, Alpha, Characters, InputFiles.Format, InputFiles.Map, Cli.Json };
        cmd.SetAction(r => Cli.Run(r, r => VerifyCommand.Run(r, this)));
        return cmd;
    }
}
