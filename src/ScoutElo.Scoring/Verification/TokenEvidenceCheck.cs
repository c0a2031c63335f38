using System.Globalization;

namespace ScoutElo.Scoring.Verification;

/// <summary>Checks token evidence before any verifier reads it: bad evidence is an error naming the field, never a verdict.</summary>
public static class TokenEvidenceCheck
{
    /// <summary>Checks a node's token evidence and, when given, the validator's reference evidence for it.</summary>
    /// <param name="node">The node's evidence.</param>
    /// <param name="reference">The reference evidence, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    /// <exception cref="ArgumentException">A field is invalid: arrays of different lengths, an empty token list, a positive,
    /// infinite or NaN log-probability, a rank below 1, a top-k list out of order or with a repeated token, a positive or NaN
    /// margin, sampling parameters out of range, or reference evidence for other token ids than the node's. The message names the
    /// field (for example <c>tokens.logprobs[3]</c>); the parameter name is <paramref name="node"/> or <paramref name="reference"/>.</exception>
    public static void Validate(TokenEvidence node, ReferenceEvidence? reference = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Find(node, reference) is { } p) throw new ArgumentException(p.Field + " " + p.Message, p.InReference ? nameof(reference) : nameof(node));
    }

    /// <summary>The first problem of the evidence, or null: the field (<c>tokens.logprobs[3]</c>), the rest of the sentence, and
    /// whether it is in the reference evidence.</summary>
    internal static (string Field, string Message, bool InReference)? Find(TokenEvidence node, ReferenceEvidence? reference)
    {
        int n = node.TokenIds.Count;
        if (n == 0) return ("tokens.ids", "must hold at least one token id.", false);
        if (node.Logprobs.Count != n) return ("tokens.logprobs", $"holds {node.Logprobs.Count} values for {n} token ids; they must have the same length.", false);
        for (int i = 0; i < n; i++)
        {
            if (Logprob(node.Logprobs[i]) is { } m) return ($"tokens.logprobs[{i}]", m, false);
        }
        if (node.TopLogprobs is { } top && TopLists(top, n, "tokens.top") is { } tp) return (tp.Field, tp.Message, false);
        if (node.Sampling is { } s)
        {
            if (s.Temperature is { } t && (!double.IsFinite(t) || t < 0)) return ("tokens.sampling.temperature", $"= {Show(t)} must be finite and non-negative.", false);
            if (s.TopP is { } p && (!double.IsFinite(p) || p is <= 0 or > 1)) return ("tokens.sampling.top_p", $"= {Show(p)} must be in (0, 1].", false);
            if (s.MaxTokens is < 1) return ("tokens.sampling.max_tokens", $"= {s.MaxTokens} must be at least 1.", false);
        }
        if (reference is null) return null;
        if (reference.TokenIds.Count != n) return ("reference.ids", $"holds {reference.TokenIds.Count} token ids for the node's {n}; reference evidence must be about the node's token ids.", true);
        for (int i = 0; i < n; i++)
        {
            if (reference.TokenIds[i] != node.TokenIds[i])
                return ($"reference.ids[{i}]", $"= {reference.TokenIds[i]} differs from the node's token id {node.TokenIds[i]}; reference evidence must be about the node's token ids.", true);
        }
        if (reference.Logprobs.Count != n) return ("reference.logprobs", $"holds {reference.Logprobs.Count} values for {n} token ids; they must have the same length.", true);
        for (int i = 0; i < n; i++)
        {
            if (Logprob(reference.Logprobs[i]) is { } m) return ($"reference.logprobs[{i}]", m, true);
        }
        if (reference.Ranks.Count != n) return ("reference.ranks", $"holds {reference.Ranks.Count} values for {n} token ids; they must have the same length.", true);
        for (int i = 0; i < n; i++)
        {
            if (reference.Ranks[i] < 1) return ($"reference.ranks[{i}]", $"= {reference.Ranks[i]} is below 1 (rank 1 is the most probable token).", true);
        }
        if (reference.TopLogprobs is { } rtop && TopLists(rtop, n, "reference.top") is { } rp) return (rp.Field, rp.Message, true);
        if (reference.Margins is { } margins)
        {
            if (margins.Count != n) return ("reference.margins", $"holds {margins.Count} values for {n} token ids; they must have the same length.", true);
            for (int i = 0; i < n; i++)
            {
                if (!double.IsFinite(margins[i]) || margins[i] > 0)
                    return ($"reference.margins[{i}]", $"= {Show(margins[i])} must be finite and at most 0 (a Gumbel-max margin is 0 for the drawn token).", true);
            }
        }
        return null;
    }

    private static string? Logprob(double v) =>
        double.IsNaN(v) || double.IsInfinity(v) ? $"= {Show(v)} must be a finite log-probability."
        : v > 0 ? $"= {Show(v)} is positive; a log-probability is at most 0."
        : null;

    private static (string Field, string Message)? TopLists(IReadOnlyList<IReadOnlyList<TokenLogprob>> top, int n, string field)
    {
        if (top.Count != n) return (field, $"holds {top.Count} lists for {n} token ids; there must be one per position.");
        var seen = new HashSet<int>();
        for (int i = 0; i < n; i++)
        {
            var list = top[i];
            seen.Clear();
            for (int j = 0; j < list.Count; j++)
            {
                if (Logprob(list[j].Logprob) is { } m) return ($"{field}[{i}][{j}].logprob", m);
                if (!seen.Add(list[j].TokenId)) return ($"{field}[{i}][{j}].id", $"repeats token id {list[j].TokenId} in one top-k list.");
                if (j > 0 && list[j].Logprob > list[j - 1].Logprob)
                    return ($"{field}[{i}]", $"is out of order at [{j}]: a top-k list runs from the most to the least probable token.");
            }
        }
        return null;
    }

    private static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
