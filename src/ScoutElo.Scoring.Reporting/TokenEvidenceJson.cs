using ScoutElo.Scoring.Verification;

namespace ScoutElo.Scoring.Reporting;

/// <summary>Token and reference evidence between the traffic line's <c>tokens</c> object (with the validator's evidence nested
/// as <c>tokens.reference</c>) and the core
/// records: every problem is a <see cref="JsonlFormatException"/> naming the file, the line and the field.</summary>
internal static class TokenEvidenceJson
{
    public static (TokenEvidence? Tokens, ReferenceEvidence? Reference) Read(TokensDto? tokens, bool dropped, string src, long ln)
    {
        if (tokens is null) return (null, null);
        var reference = tokens.Reference;
        if (dropped) throw new JsonlFormatException(src, ln, "$.tokens", "A dropped request (empty response) has no tokens.");
        var node = new TokenEvidence
        {
            TokenIds = tokens.Ids ?? throw Missing("$.tokens.ids", "the generated token ids"),
            Logprobs = tokens.Logprobs ?? throw Missing("$.tokens.logprobs", "the log-probability of each generated token"),
            TopLogprobs = Top(tokens.Top, "$.tokens.top"),
            Sampling = tokens.Sampling is { } s ? new SamplingParameters { Temperature = s.Temperature, TopP = s.TopP, Seed = s.Seed, MaxTokens = s.MaxTokens } : null,
        };
        ReferenceEvidence? refEvidence = null;
        if (reference is not null)
        {
            refEvidence = new ReferenceEvidence
            {
                TokenIds = reference.Ids ?? throw Missing("$.tokens.reference.ids", "the token ids the evidence is about (the node's)"),
                Logprobs = reference.Logprobs ?? throw Missing("$.tokens.reference.logprobs", "the claimed model's log-probability of each token"),
                Ranks = reference.Ranks ?? throw Missing("$.tokens.reference.ranks", "the claimed model's rank of each token"),
                TopLogprobs = Top(reference.Top, "$.tokens.reference.top"),
                Margins = reference.Margins,
            };
        }
        if (TokenEvidenceCheck.Find(node, refEvidence) is { } p)
        {
            string field = p.InReference ? "tokens." + p.Field : p.Field; // the reference evidence is nested in "tokens"
            throw new JsonlFormatException(src, ln, "$." + field, field + " " + p.Message);
        }
        return (node, refEvidence);

        JsonlFormatException Missing(string field, string what) => new(src, ln, field, $"Required list is missing ({what}).");

        List<IReadOnlyList<TokenLogprob>>? Top(List<List<TopDto>?>? top, string field)
        {
            if (top is null) return null;
            var lists = new List<IReadOnlyList<TokenLogprob>>(top.Count);
            for (int i = 0; i < top.Count; i++)
            {
                var list = top[i] ?? throw new JsonlFormatException(src, ln, $"{field}[{i}]", "Expected a list of {\"id\", \"logprob\"} objects, got null.");
                lists.Add([.. list.Select(t => new TokenLogprob(t.Id, t.Logprob))]);
            }
            return lists;
        }
    }

    public static TokensDto? Write(TokenEvidence? tokens, ReferenceEvidence? reference)
    {
        if (tokens is null) return null;
        return new TokensDto
        {
            Ids = [.. tokens.TokenIds],
            Logprobs = [.. tokens.Logprobs],
            Top = Top(tokens.TopLogprobs),
            Sampling = tokens.Sampling is { } s ? new SamplingDto { Temperature = s.Temperature, TopP = s.TopP, Seed = s.Seed, MaxTokens = s.MaxTokens } : null,
            Reference = reference is null ? null : new ReferenceDto
        {
            Ids = [.. reference.TokenIds],
            Logprobs = [.. reference.Logprobs],
            Ranks = [.. reference.Ranks],
            Top = Top(reference.TopLogprobs),
                Margins = reference.Margins is { } m ? [.. m] : null,
            },
        };

        static List<List<TopDto>?>? Top(IReadOnlyList<IReadOnlyList<TokenLogprob>>? top) =>
            top is null ? null : [.. top.Select(l => (List<TopDto>?)[.. l.Select(x => new TopDto { Id = x.TokenId, Logprob = x.Logprob })])];
    }
}
