namespace ScoutElo.Scoring.Verification;

/// <summary>The outcome of a model-equality test.</summary>
/// <param name="N">Samples of the tested side (the node).</param>
/// <param name="M">Samples of the reference side (the claimed model).</param>
/// <param name="Paired">Prompts answered on both sides (their samples are permuted within the prompt).</param>
/// <param name="Statistic">The unbiased estimate of MMD² under the string kernel (may be slightly negative when the
/// distributions are equal).</param>
/// <param name="PValue">The permutation p-value, (1 + #{permuted ≥ observed}) / (1 + permutations).</param>
/// <param name="Different">Whether the p-value is at most the level α: the node's answers are not distributed as the claimed model's.</param>
public sealed record ModelEqualityResult(int N, int M, int Paired, double Statistic, double PValue, bool Different);
