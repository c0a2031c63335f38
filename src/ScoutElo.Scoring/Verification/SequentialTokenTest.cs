using System.Globalization;

namespace ScoutElo.Scoring.Verification;

/// <summary>A Token-DiFR-style sequential test of whether a node serves its claimed model, accumulated per node across rounds:
/// an anytime-valid test by betting, whose false-alarm rate over a node's whole lifetime is at most
/// <see cref="SequentialTestOptions.Alpha"/> under the honest-noise model.</summary>
/// <remarks>
/// <para><b>Per-token statistic</b> <c>X ∈ [0, 1]</c>. With the sampling seed shared, the validator regenerates the node's Gumbel
/// noise and reports the margin of each token under the claimed model (<see cref="ReferenceEvidence.Margins"/>):
/// <c>X = min(1, −margin / MarginScale)</c>, 0 when the claimed model draws the same token (Token-DiFR, arXiv 2511.20621).
/// Without a shared seed: <c>X = min(1, |p_ref − p_node| / ProbabilityScale)</c> from the two log-probabilities of the token,
/// and <c>X = 1</c> for a token the reference does not rank first in greedy decoding (temperature 0).</para>
/// <para><b>Honest-noise model</b> (the null hypothesis): for an honest node, the conditional mean of <c>X</c> given the past is at
/// most <c>μ0 = HonestMean</c>. <b>Test</b>: the e-value <c>E_t = Π (1 + λ_i (X_i − μ0))</c> with a bet <c>λ_i</c>
/// chosen before token <c>i</c> is seen. Under the null <c>E_t</c> is a non-negative
/// supermartingale, so <c>P(sup E_t ≥ 1/α) ≤ α</c> (Ville); the node fails once <c>E_t</c> reaches <c>1/α</c> and stays failed.
/// The bet is predictable (it uses only earlier tokens), so any bet keeps the guarantee; ScoutElo's is the Kelly bet against a
/// Bernoulli alternative with the estimated mean, <c>λ = clamp((m − μ0) / (μ0 (1 − μ0)), 0, MaxBet / μ0)</c>, where <c>m</c>
/// is the mean statistic so far shrunk toward <c>μ0</c> by 50 pseudo-tokens (the Bernoulli case has the largest variance of
/// any statistic in [0, 1] with that mean, so this bet never overbets it). This is the testing-by-betting construction of
/// Waudby-Smith and Ramdas (2023); applying it to DiFR's statistic, the bet, the shrinkage and the defaults are ScoutElo's own.</para>
/// <para>Cost: a few nanoseconds per token, no allocation. Thread-safe (stateless; the state is a value).</para>
/// </remarks>
public sealed class SequentialTokenTest : ITokenVerifier
{
    private readonly SequentialTestOptions _o;
    private readonly double _threshold;

    /// <summary>Pseudo-tokens at the honest mean the bet's mean estimate starts from (so a few early mismatches of an honest node
    /// do not make it bet big).</summary>
    private const double PriorTokens = 50;

    /// <summary>The policy name with its version.</summary>
    public const string PolicyName = "difr-sequential-v1";

    /// <summary>Creates the test.</summary>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <paramref name="options"/>).</exception>
    public SequentialTokenTest(SequentialTestOptions? options = null)
    {
        _o = options ?? new SequentialTestOptions();
        _o.Validate(nameof(options));
        _threshold = Math.Log(1 / _o.Alpha);
    }

    /// <summary>The options.</summary>
    public SequentialTestOptions Options => _o;

    /// <inheritdoc/>
    public string Name => PolicyName;

    /// <summary>The verdict on one response's evidence alone (a node with no earlier evidence); the engine instead accumulates
    /// a node's evidence across rounds with <see cref="Update"/>.</summary>
    /// <param name="node">The node's token evidence.</param>
    /// <param name="reference">The validator's reference evidence for the same tokens.</param>
    /// <returns>The verdict of <see cref="Verdict"/> after this response.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The evidence is invalid (see <see cref="TokenEvidenceCheck"/>).</exception>
    public VerificationVerdict Verify(TokenEvidence node, ReferenceEvidence reference) => Verdict(Update(default, node, reference));

    /// <summary>Adds one response's evidence to a node's state.</summary>
    /// <param name="state">The node's state so far (<c>default</c> for a new node).</param>
    /// <param name="node">The node's token evidence.</param>
    /// <param name="reference">The validator's reference evidence for the same tokens.</param>
    /// <returns>The new state.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The evidence is invalid (see <see cref="TokenEvidenceCheck"/>) or
    /// <paramref name="state"/> is not a state this test produces.</exception>
    public SequentialTestState Update(SequentialTestState state, TokenEvidence node, ReferenceEvidence reference)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(reference);
        if (!state.IsValid) throw new ArgumentException("The state holds values the test cannot produce.", nameof(state));
        TokenEvidenceCheck.Validate(node, reference);
        return Accumulate(state, node, reference);
    }

    /// <summary>The update on evidence already checked.</summary>
    internal SequentialTestState Accumulate(SequentialTestState state, TokenEvidence node, ReferenceEvidence reference)
    {
        double mu = _o.HonestMean, maxBet = _o.MaxBet / mu, kelly = mu * (1 - mu);
        long n = state.Tokens;
        double sum = state.Sum, log = state.LogEValue, peak = state.PeakLogEValue;
        bool greedy = node.Sampling?.Temperature == 0;
        var margins = reference.Margins;
        for (int i = 0; i < node.TokenIds.Count; i++)
        {
            double x = margins is not null
                ? Math.Min(1, -margins[i] / _o.MarginScale)
                : greedy && reference.Ranks[i] != 1 ? 1 : Math.Min(1, Math.Abs(Math.Exp(reference.Logprobs[i]) - Math.Exp(node.Logprobs[i])) / _o.ProbabilityScale);
            double m = ((PriorTokens * mu) + sum) / (PriorTokens + n);
            double lambda = m > mu ? Math.Min((m - mu) / kelly, maxBet) : 0;
            log += Math.Log(1 + (lambda * (x - mu)));
            peak = Math.Max(peak, log);
            n++;
            sum += x;
        }
        return new SequentialTestState(n, sum, log, peak);
    }

    /// <summary>The verdict on a node's state: fail once the e-value has reached <c>1/α</c>; pass with at least
    /// <see cref="SequentialTestOptions.MinTokens"/> tokens otherwise; unknown before.</summary>
    /// <param name="state">The node's state.</param>
    /// <returns>The verdict (statistic: the peak e-value; score: <c>1 − peak ln E / ln(1/α)</c>, clamped to [0, 1]).</returns>
    public VerificationVerdict Verdict(SequentialTestState state)
    {
        var outcome = Outcome(state);
        double e = Math.Exp(Math.Min(state.PeakLogEValue, 700));
        double score = Math.Clamp(1 - (state.PeakLogEValue / _threshold), 0, 1);
        string mean = state.Mean.ToString("0.####", CultureInfo.InvariantCulture);
        if (outcome == VerificationOutcome.Fail)
            return new(PolicyName, VerificationOutcome.Fail, 0, e, $"token evidence rejects the claimed model: e-value {Show(e)} ≥ 1/α = {Show(1 / _o.Alpha)} after {state.Tokens} tokens (mean token statistic {mean}, honest at most {Show(_o.HonestMean)}).");
        if (outcome == VerificationOutcome.Unknown)
            return new(PolicyName, VerificationOutcome.Unknown, null, e, $"{state.Tokens} tokens of evidence, fewer than the {_o.MinTokens} a verdict needs.");
        return new(PolicyName, VerificationOutcome.Pass, score, e, $"{state.Tokens} tokens consistent with the claimed model (peak e-value {Show(e)} < {Show(1 / _o.Alpha)}, mean token statistic {mean}).");
    }

    /// <summary>The outcome alone, without the reason's formatting (the engine asks it for every response it settles).</summary>
    internal VerificationOutcome Outcome(SequentialTestState state) =>
        state.PeakLogEValue >= _threshold ? VerificationOutcome.Fail : state.Tokens < _o.MinTokens ? VerificationOutcome.Unknown : VerificationOutcome.Pass;

    private static string Show(double v) => v >= 1e6 ? v.ToString("0.##e+0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);
}
