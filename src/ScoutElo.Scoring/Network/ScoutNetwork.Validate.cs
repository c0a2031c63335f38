using System.Globalization;
using ScoutElo.Scoring.ProofOfQuality;

namespace ScoutElo.Scoring.Network;

/// <summary>Checking a round before anything of it is queued.</summary>
public sealed partial class ScoutNetwork
{
    /// <summary>Checks a round exactly as <see cref="Submit"/> would (ids, duplicate response ids, scores, spot checks,
    /// verdicts, the metrics the reward rule needs, and a round id queued or settled before with different content) without
    /// queuing it or changing anything: a caller validates a whole input before its first commit, so a bad round at the end
    /// changes nothing.</summary>
    /// <param name="round">The round.</param>
    /// <exception cref="ArgumentNullException"><paramref name="round"/> is null.</exception>
    /// <exception cref="ArgumentException">The round is invalid, or its id names another round (the message names the round
    /// and the field).</exception>
    public void ValidateRound(ObservedRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        lock (_lock)
        {
            if (Known(round, RoundContent.InResponseIdOrder(round), out _)) return; // would be skipped, unread
            Validate(round);
        }
    }

    private void Validate(ObservedRound round)
    {
        const string P = "round";
        if (string.IsNullOrEmpty(round.RoundId)) throw new ArgumentException("Round id must be non-empty.", P);
        // The messages are built only when one is thrown (a period validates every score of every response).
        string R() => $"Round '{round.RoundId}'";
        if (round.Responses.Count == 0) throw new ArgumentException($"{R()}: responses must hold at least one response.", P);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < round.Responses.Count; k++)
        {
            var r = round.Responses[k] ?? throw new ArgumentException($"{R()}: responses[{k}] is null.", P);
            int at = k;
            string F() => $"{R()}: responses[{at}]";
            if (string.IsNullOrEmpty(r.ResponseId)) throw new ArgumentException($"{F()}.responseId must be non-empty.", P);
            if (!ids.Add(r.ResponseId)) throw new ArgumentException($"{F()}.responseId '{r.ResponseId}' is a duplicate response id.", P);
            if (string.IsNullOrEmpty(r.Node)) throw new ArgumentException($"{F()}.node must be non-empty.", P);
            if (!nodes.Add(r.Node)) throw new ArgumentException($"{F()}.node '{r.Node}' answers twice in one round.", P);
            foreach (var (e, v) in r.Scores) if (BadScore(e, v)) throw ScoreError(F(), ".scores", e, v);
            if (!r.Dropped)
            {
                var m = r.Metrics;
                if (m.LatencyMs is null) throw new ArgumentException($"{F()}.metrics.latency_ms is required for an answered response (it decides performance).", P);
                if (m.OutputTokens is null) throw new ArgumentException($"{F()}.metrics.output_tokens is required for an answered response (it decides performance).", P);
                if (m.Uptime is null) throw new ArgumentException($"{F()}.metrics.uptime is required for an answered response (it decides performance).", P);
                if (_options.RewardRule.Kind == NodeRewardKind.CostAware && m.CostUsd is null)
                    throw new ArgumentException($"{F()}.metrics.cost_usd is required by the cost-aware reward rule.", P);
            }
            if (r.SpotCheck is { } sc)
            {
                if (r.Dropped) throw new ArgumentException($"{F()}.spotCheck: a dropped request cannot be spot-checked.", P);
                if (sc.Scores.Count == 0) throw new ArgumentException($"{F()}.spotCheck.scores must hold at least one evaluator's score.", P);
                foreach (var (e, v) in sc.Scores)
                {
                    if (BadScore(e, v)) throw ScoreError(F(), ".spotCheck.scores", e, v);
                    if (!r.Scores.ContainsKey(e))
                        throw new ArgumentException($"{F()}.spotCheck.scores: unknown evaluator '{e}' (a spot check is scored blind by the evaluators that scored the response).", P);
                }
            }
            if (r.Reference is not null && r.Tokens is null) throw new ArgumentException($"{F()}.reference: reference evidence needs the node's token evidence (tokens).", P);
            if (r.Tokens is { } tokens)
            {
                if (r.Dropped) throw new ArgumentException($"{F()}.tokens: a dropped request has no tokens.", P);
                if (Verification.TokenEvidenceCheck.Find(tokens, r.Reference) is { } bad)
                    throw new ArgumentException($"{R()}: responses[{k}] ('{r.ResponseId}').{bad.Field} {bad.Message}", P);
            }
            for (int i = 0; i < r.BaselineVerdicts.Count; i++)
            {
                double v = r.BaselineVerdicts[i];
                if (!double.IsFinite(v) || v is < 0 or > 1) throw new ArgumentException($"{F()}.baselineVerdicts[{i}] = {Show(v)} is outside [0, 1].", P);
                if (r.Dropped) throw new ArgumentException($"{F()}.baselineVerdicts: a dropped request has no answer to judge.", P);
            }
        }

        static bool BadScore(string evaluator, double v) => string.IsNullOrEmpty(evaluator) || !double.IsFinite(v) || v is < 0 or > 1;

        static ArgumentException ScoreError(string where, string field, string evaluator, double v) => string.IsNullOrEmpty(evaluator)
            ? new ArgumentException($"{where}{field}: evaluator ids must be non-empty.", P)
            : new ArgumentException($"{where}{field}['{evaluator}'] = {Show(v)} is outside [0, 1].", P);
    }

    private static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
