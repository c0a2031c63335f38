using System.Globalization;
using ScoutElo.Scoring;
using ScoutElo.Scoring.Reporting;
using ScoutElo.Scoring.Reporting.Results;
using ScoutElo.Scoring.Verification;

namespace ScoutElo.Cli.Commands.Verify;

/// <summary><c>verify --data traffic.jsonl [--policy NAME]</c>: per-node verdicts from the token evidence of a traffic file,
/// without settling anything.</summary>
internal static class TokenVerification
{
    /// <summary>The policy names <c>--policy</c> takes: the sequential test, then the rule presets.</summary>
    public static IReadOnlyList<string> PolicyNames { get; } = [SequentialTokenTest.PolicyName, .. TokenRulePolicy.Presets.Keys];

    public static TokenVerificationReport Run(string path, string policy)
    {
        TokenRulePolicy? rule = null;
        if (policy != SequentialTokenTest.PolicyName && !TokenRulePolicy.Presets.TryGetValue(policy, out rule))
            throw new ArgumentException($"--policy: unknown policy '{policy}'; expected one of {string.Join(", ", PolicyNames)}.");
        var test = new SequentialTokenTest();
        var nodes = new SortedDictionary<string, NodeTally>(StringComparer.Ordinal);
        var responses = new List<VerifiedResponse>();
        int verified = 0, unverified = 0;
        foreach (var round in TrafficJsonl.ReadFile(path))
        {
            foreach (var r in round.Round.Responses)
            {
                if (r.Dropped) continue;
                if (r.Tokens is not { } tokens || r.Reference is not { } reference)
                {
                    unverified++;
                    continue;
                }
                verified++;
                if (!nodes.TryGetValue(r.Node, out var tally)) nodes[r.Node] = tally = new NodeTally();
                tally.Responses++;
                tally.Tokens += tokens.TokenIds.Count;
                if (rule is null)
                {
                    tally.State = test.Update(tally.State, tokens, reference);
                    continue;
                }
                var v = rule.Verify(tokens, reference);
                if (v.Outcome == VerificationOutcome.Fail) tally.Failed++;
                if (v.Outcome == VerificationOutcome.Pass) tally.Passed++;
                if (v.Statistic is { } st)
                {
                    tally.StatisticSum += st;
                    tally.Statistics++;
                }
                if (v.Outcome == VerificationOutcome.Fail) tally.FirstFailure ??= $"'{r.ResponseId}': {v.Reason}";
                responses.Add(new VerifiedResponse(round.Round.RoundId, r.ResponseId, r.Node, WireName.Of(v.Outcome), v.Score, v.Statistic, v.Reason));
            }
        }
        var rows = nodes.Select(p => rule is null ? Sequential(test, p.Key, p.Value) : Rule(p.Key, p.Value)).ToList();
        return new TokenVerificationReport(policy, verified, unverified, rows, responses);
    }

    private static VerifiedNode Sequential(SequentialTokenTest test, string node, NodeTally t)
    {
        var v = test.Verdict(t.State);
        return new VerifiedNode(node, WireName.Of(v.Outcome), t.Responses, 0, t.Tokens, v.Statistic, v.Reason);
    }

    private static VerifiedNode Rule(string node, NodeTally t)
    {
        var outcome = t.Failed > 0 ? VerificationOutcome.Fail : t.Passed > 0 ? VerificationOutcome.Pass : VerificationOutcome.Unknown;
        string reason = t.Failed > 0 ? $"{t.Failed} of {t.Responses} responses failed; first: {t.FirstFailure}"
            : t.Passed > 0 ? $"{t.Passed} of {t.Responses} responses passed, none failed."
            : $"none of its {t.Responses} responses could be judged by the policy.";
        return new VerifiedNode(node, WireName.Of(outcome), t.Responses, t.Failed, t.Tokens, t.Statistics > 0 ? t.StatisticSum / t.Statistics : null, reason);
    }

    public static void WriteText(CliContext r, TokenVerificationReport report)
    {
        var ci = CultureInfo.InvariantCulture;
        r.Out.WriteLine(string.Create(ci, $"{report.Policy}: {report.Verified} responses with token evidence, {report.Unverified} without (not verified)."));
        foreach (var n in report.Nodes)
            r.Out.WriteLine(string.Create(ci, $"  {n.Node}: {n.Verdict} ({n.Responses} response{(n.Responses == 1 ? "" : "s")}, {n.Tokens} tokens) — {n.Reason}"));
    }

    private sealed class NodeTally
    {
        public SequentialTestState State;
        public int Responses, Failed, Passed, Statistics;
        public long Tokens;
        public double StatisticSum;
        public string? FirstFailure;
    }
}
