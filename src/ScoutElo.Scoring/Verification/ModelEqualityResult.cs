namespace ScoutElo.Scoring.Verification;

/// <summary>The outcome of a model-equality test.</summary>
/// <param name="N">Samples of the tested side (the node).</param>
/// <param name="M">Samples of the reference side (the claimed model).</param>
/// <param name="Paired">Prompts answered on both sides (their samples are permuted within the prompt).</param>
/// <param name="Statistic">The unbiased estimate of MMD² under the string kernel (may be slightly negative when the
/// distributions are equal).</param>
/// <param name="PValue">The permutation p-value, (1 + #{permuted ≥ observed}) / (1 + permutations).</param>
/// <param name="Different">Whether the p-value is at most the level α: the node's answers are not distributed as the claimed model's.</param>
public sealed record ModelEqualityResult(int N, int M, int Paired, double Statistic, double PValue, bool Different)
{
    /// <summary>The policy name with its version, as <see cref="Verdict"/> carries it.</summary>
    public const string PolicyName = "model-equality-v1";

    /// <summary>The result as the verdict every verifier returns: fail when the distributions differ at the test's level, else
    /// pass; score = the p-value; statistic = MMD².</summary>
    public VerificationVerdict Verdict => new(PolicyName, Different ? VerificationOutcome.Fail : VerificationOutcome.Pass, PValue, Statistic,
        Different
            ? $"the node's {N} answers are not distributed as the claimed model's {M} (MMD² {Statistic.ToString("0.#####", System.Globalization.CultureInfo.InvariantCulture)}, p = {PValue.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)})."
            : $"the node's {N} answers are consistent with the claimed model's {M} (p = {PValue.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}).");
}
