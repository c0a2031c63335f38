using System.Globalization;

namespace ScoutElo.Scoring.Verification;

/// <summary>A token-level rule policy: compares a node's logged token log-probabilities (and top-k lists) with the validator's
/// reference forward pass of the claimed model, by the rules of <see cref="TokenRuleOptions"/>. Named presets reproduce
/// published subnet verifiers; the policy is deterministic (it checks every position the rule covers, where the published
/// verifiers sample a few positions to save forward passes: identical on short outputs, and never less strict in expectation).</summary>
/// <remarks>Verdict: <see cref="VerificationVerdict.Score"/> is the rule's score in [0, 1] (0 on a failed hard rule);
/// <see cref="VerificationVerdict.Statistic"/> is the mean token score (<see cref="TokenRuleScoring.ProbabilityScore"/>), the mean
/// distance (<see cref="TokenRuleScoring.ProbabilityDistance"/>) or the mean top-k similarity
/// (<see cref="TokenRuleScoring.TopKSimilarity"/>). Immutable and thread-safe; about a microsecond per token or less.</remarks>
public sealed class TokenRulePolicy : ITokenVerifier
{
    private readonly TokenRuleOptions _o;

    /// <summary>Creates a policy.</summary>
    /// <param name="options">The rules.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (named <paramref name="options"/>).</exception>
    public TokenRulePolicy(TokenRuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        _o = options;
    }

    /// <summary>Targon (Bittensor SN4) verifier, v5 rules: at least 3 tokens and at most <c>max_tokens</c>; positions 0 … n − 2
    /// scored; any token of reference rank ≥ 75 fails; 50% or more tokens not ranked first fails; token score
    /// <c>1 − min(1, |p_ref − p_node|)</c> snapped to 1 from 0.9 (and 1 for a rank-1 token at temperature ≥ 0.9); mean ≥ 0.75
    /// passes; the overfit check; five or more tokens of rank ≥ 25 fail. Not reproduced: its end-of-sequence rank check and its
    /// repetition check (they need evidence about other tokens than the node's), and its extra random regeneration below
    /// temperature 0.75.</summary>
    public static TokenRulePolicy TargonV5 { get; } = new(new TokenRuleOptions
    {
        Name = "targon-v5", Scoring = TokenRuleScoring.ProbabilityScore, MinTokens = 3, SkipLastToken = true, FailRank = 75, LowRank = 25,
        MaxLowRankTokens = 4, MaxNotTopFraction = 0.5, OverfitCheck = true, SnapScore = 0.9, PassScore = 0.75, HighTemperature = 0.9,
    });

    /// <summary>SN1 Apex logits verifier (the version with thresholds 0.86 and 0.96): a single token fails, fewer than 10 tokens
    /// are not verified (unknown); per position the top-k similarity and containment; mean similarity ≥ 0.86 and mean
    /// containment ≥ 0.96 pass; score = the mean of both rescaled from their threshold to 1. Not reproduced: its end-of-sequence
    /// check and its timing reward.</summary>
    public static TokenRulePolicy Sn1ApexV1 { get; } = new(new TokenRuleOptions
    {
        Name = "sn1-apex-v1", Scoring = TokenRuleScoring.TopKSimilarity, MinTokens = 2, UnknownBelowTokens = 10, EnforceMaxTokens = false,
        MinSimilarity = 0.86, MinContains = 0.96,
    });

    /// <summary>SN19 (vision-workers) text checker: at most <c>max_tokens</c>; a token of reference rank ≥ 10 (≥ ⌊10 / (1.03 − T)⌋
    /// above temperature 0.5) is bad and more than 5 bad tokens fail; mean probability distance (1 for a token outside the
    /// reference top 20) ≤ 0.125 scores 1, linearly down to 0.5 at 0.25, and above 0.25 scores 0 (fail). Not reproduced: its
    /// end-of-sequence ratio check.</summary>
    public static TokenRulePolicy Sn19V1 { get; } = new(new TokenRuleOptions
    {
        Name = "sn19-v1", Scoring = TokenRuleScoring.ProbabilityDistance, MinTokens = 1, LowRank = 10, TemperatureScaledLowRank = true,
        MaxLowRankTokens = 5, FullScoreDistance = 0.125, ZeroScoreDistance = 0.25, DistanceTopK = 20,
    });

    /// <summary>The named presets, by name.</summary>
    public static IReadOnlyDictionary<string, TokenRulePolicy> Presets { get; } = new SortedDictionary<string, TokenRulePolicy>(StringComparer.Ordinal)
    {
        [TargonV5.Name] = TargonV5, [Sn1ApexV1.Name] = Sn1ApexV1, [Sn19V1.Name] = Sn19V1,
    }.AsReadOnly();

    /// <summary>The options.</summary>
    public TokenRuleOptions Options => _o;

    /// <inheritdoc/>
    public string Name => _o.Name;

    /// <inheritdoc/>
    public VerificationVerdict Verify(TokenEvidence node, ReferenceEvidence reference)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(reference);
        TokenEvidenceCheck.Validate(node, reference);
        return Decide(node, reference);
    }

    /// <summary>The verdict on evidence already checked.</summary>
    internal VerificationVerdict Decide(TokenEvidence node, ReferenceEvidence reference)
    {
        int n = node.TokenIds.Count;
        if (n < _o.MinTokens) return Fail($"{n} token(s), fewer than the {_o.MinTokens} the rule requires.");
        if (_o.EnforceMaxTokens && node.Sampling?.MaxTokens is { } max && n > max) return Fail($"{n} tokens, more than max_tokens = {max}.");
        if (n < _o.UnknownBelowTokens) return new(Name, VerificationOutcome.Unknown, null, null, $"{n} tokens, too few to verify (the rule needs {_o.UnknownBelowTokens}).");
        double temperature = node.Sampling?.Temperature ?? 0;
        int m = _o.SkipLastToken ? n - 1 : n;
        int lowLimit = LowRankLimit(temperature), low = 0, notTop = 0;
        for (int i = 0; i < m; i++)
        {
            int rank = reference.Ranks[i];
            if (rank >= _o.FailRank) return Fail($"token {i} (id {node.TokenIds[i]}) has reference rank {rank}, at or beyond {_o.FailRank}.");
            if (rank >= lowLimit) low++;
            if (rank != 1) notTop++;
        }
        if (_o.MaxNotTopFraction is { } f && (double)notTop / n >= f) return Fail($"{notTop} of {n} tokens are not the reference's most probable token (share {Show((double)notTop / n)} ≥ {Show(f)}).");
        var verdict = _o.Scoring switch
        {
            TokenRuleScoring.ProbabilityScore => ProbabilityScore(node, reference, m, temperature),
            TokenRuleScoring.ProbabilityDistance => ProbabilityDistance(node, reference, m),
            _ => TopKSimilarity(node, reference, m),
        };
        if (verdict.Outcome != VerificationOutcome.Pass) return verdict;
        if (low > _o.MaxLowRankTokens) return Fail($"{low} tokens have reference rank {lowLimit} or beyond; at most {_o.MaxLowRankTokens} may.", verdict.Statistic);
        return verdict;
    }

    private int LowRankLimit(double temperature)
    {
        if (_o.LowRank is not { } r) return int.MaxValue;
        if (!_o.TemperatureScaledLowRank || temperature <= 0.5) return r;
        return temperature >= 1.03 ? int.MaxValue : (int)Math.Floor(r / (1.03 - temperature));
    }

    private VerificationVerdict ProbabilityScore(TokenEvidence node, ReferenceEvidence reference, int m, double temperature)
    {
        double total = 0;
        int perfect = 0;
        for (int i = 0; i < m; i++)
        {
            double produced = node.Logprobs[i];
            double s = 1 - Math.Min(1, Math.Abs(Math.Exp(reference.Logprobs[i]) - Math.Exp(produced)));
            if (produced == 0) perfect++;
            if (s >= _o.SnapScore) s = 1;
            if (_o.HighTemperature is { } h && reference.Ranks[i] == 1 && temperature >= h && produced != 0) s = 1;
            total += s;
        }
        double mean = total / m;
        if (mean < _o.PassScore) return Fail($"mean token score {Show(mean)} is below {Show(_o.PassScore)}.", mean);
        double perfectShare = (double)perfect / m;
        if (_o.OverfitCheck && perfectShare >= 1 - Math.Min(temperature, 0.6))
            return Fail($"{perfect} of {m} tokens were logged with log-probability exactly 0 (overfitted: share ≥ {Show(1 - Math.Min(temperature, 0.6))}).", mean);
        return new(Name, VerificationOutcome.Pass, mean, mean, $"mean token score {Show(mean)} ≥ {Show(_o.PassScore)} over {m} tokens.");
    }

    private VerificationVerdict ProbabilityDistance(TokenEvidence node, ReferenceEvidence reference, int m)
    {
        double total = 0;
        for (int i = 0; i < m; i++)
        {
            total += reference.Ranks[i] > _o.DistanceTopK ? 1 : Math.Min(1, Math.Abs(Math.Exp(reference.Logprobs[i]) - Math.Exp(node.Logprobs[i])));
        }
        double d = total / m;
        double lo = _o.FullScoreDistance, hi = _o.ZeroScoreDistance;
        double score = d <= lo ? 1 : d <= hi ? 1 - (0.5 * (d - lo) / (hi - lo)) : 0;
        return score > 0
            ? new(Name, VerificationOutcome.Pass, score, d, $"mean probability distance {Show(d)} ≤ {Show(hi)} over {m} tokens (score {Show(score)}).")
            : Fail($"mean probability distance {Show(d)} is above {Show(hi)}.", d);
    }

    private VerificationVerdict TopKSimilarity(TokenEvidence node, ReferenceEvidence reference, int m)
    {
        if (node.TopLogprobs is not { } nodeTop) return new(Name, VerificationOutcome.Unknown, null, null, "the node did not log its top-k log-probabilities (tokens.top), which this rule compares.");
        if (reference.TopLogprobs is not { } refTop) return new(Name, VerificationOutcome.Unknown, null, null, "the reference evidence has no top-k log-probabilities (reference.top), which this rule compares.");
        double sim = 0, contains = 0;
        for (int i = 0; i < m; i++)
        {
            sim += Similarity(nodeTop[i], refTop[i]);
            int token = node.TokenIds[i];
            if (Holds(nodeTop[i], token) && Holds(refTop[i], token)) contains++;
        }
        sim /= m;
        contains /= m;
        if (sim < _o.MinSimilarity) return Fail($"mean top-k similarity {Show(sim)} is below {Show(_o.MinSimilarity)}.", sim);
        if (contains < _o.MinContains) return Fail($"the token is in both top-k lists at a share {Show(contains)} of positions, below {Show(_o.MinContains)}.", sim);
        double score = (Rescale(sim, _o.MinSimilarity) + Rescale(contains, _o.MinContains)) / 2;
        return new(Name, VerificationOutcome.Pass, score, sim, $"mean top-k similarity {Show(sim)} ≥ {Show(_o.MinSimilarity)} and containment {Show(contains)} ≥ {Show(_o.MinContains)} over {m} tokens.");

        static double Rescale(double v, double min) => Math.Clamp((v - min) / (1 - min), 0, 1);
    }

    /// <summary>Cosine of the two lists' log-probabilities over the tokens both hold, times the share of the reference list they
    /// cover; 0 when the lists differ in length or share nothing.</summary>
    private static double Similarity(IReadOnlyList<TokenLogprob> node, IReadOnlyList<TokenLogprob> reference)
    {
        if (reference.Count == 0 || node.Count != reference.Count) return 0;
        double dot = 0, nn = 0, rr = 0;
        int overlap = 0;
        for (int i = 0; i < reference.Count; i++) // indexed: foreach over an IReadOnlyList boxes its enumerator
        {
            var r = reference[i];
            for (int j = 0; j < node.Count; j++)
            {
                var x = node[j];
                if (x.TokenId != r.TokenId) continue;
                dot += x.Logprob * r.Logprob;
                nn += x.Logprob * x.Logprob;
                rr += r.Logprob * r.Logprob;
                overlap++;
                break;
            }
        }
        if (overlap == 0) return 0;
        double cos = dot / Math.Max(Math.Sqrt(nn) * Math.Sqrt(rr), 1e-8);
        return Math.Clamp(cos * overlap / reference.Count, 0, 1);
    }

    private static bool Holds(IReadOnlyList<TokenLogprob> list, int token)
    {
        for (int i = 0; i < list.Count; i++) if (list[i].TokenId == token) return true;
        return false;
    }

    private VerificationVerdict Fail(string reason, double? statistic = null) => new(Name, VerificationOutcome.Fail, 0, statistic, reason);

    private static string Show(double v) => Math.Round(v, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
