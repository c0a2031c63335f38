using ScoutElo.Scoring.Internal;
using ScoutElo.Scoring.Verification;

namespace ScoutElo.Scoring.Simulation;

/// <summary>How the model a scout serves differs, token by token, from the model it claims (simulation settings of ScoutElo's
/// own; docs/verification.md says what each models and from which source).</summary>
/// <param name="FlipRate">Probability that, with the seed shared, a token differs from the one the claimed model draws.</param>
/// <param name="FlipMargin">Mean Gumbel-max margin (logits) of a differing token under the claimed model (exponential).</param>
/// <param name="LogprobNoise">Standard deviation of the node's log-probability around the claimed model's (nats).</param>
internal sealed record TokenBehaviour(double FlipRate, double FlipMargin, double LogprobNoise)
{
    /// <summary>The claimed model on the validator's hardware: near-ties flipped by numeric noise, 0.5% of tokens.</summary>
    public static TokenBehaviour Honest { get; } = new(0.005, 0.01, 0.0005);

    /// <summary>The claimed model on other hardware (other kernels, batch sizes): 1.5% near-tie flips, noisier log-probabilities;
    /// within Token-DiFR's "more than 98% identical".</summary>
    public static TokenBehaviour HardwareNoise { get; } = new(0.015, 0.03, 0.003);

    /// <summary>A 4-bit quantization of the claimed model: about 6% of tokens differ (top-token agreement of about 94%, the order
    /// llama.cpp's KL-divergence tables report for 4-bit K-quants) with margins of a few tenths of a logit, and log-probabilities
    /// off by about 0.15 nats (a mean KL divergence of a few hundredths).</summary>
    public static TokenBehaviour Quantized { get; } = new(0.06, 0.3, 0.15);

    /// <summary>A smaller sibling (distilled): a quarter of tokens differ, margins around a logit.</summary>
    public static TokenBehaviour Distilled { get; } = new(0.25, 1.0, 0.4);

    /// <summary>An unrelated cheaper model (the impostor, the cheaper-model substitution).</summary>
    public static TokenBehaviour Unrelated { get; } = new(0.45, 2.0, 0.8);

    /// <summary>Generates one response's token evidence and the validator's reference evidence for it.</summary>
    public (TokenEvidence Node, ReferenceEvidence Reference) Generate(int tokens, long seed, ref Xoshiro256 rng)
    {
        var ids = new int[tokens];
        var nodeLp = new double[tokens];
        var refLp = new double[tokens];
        var ranks = new int[tokens];
        var margins = new double[tokens];
        for (int i = 0; i < tokens; i++)
        {
            ids[i] = rng.NextInt(32_000);
            int rank = rng.NextDouble() < 0.85 ? 1 : 2 + rng.NextInt(3);
            double top = rank == 1 ? -0.15 * Exponential(ref rng) : -(0.4 + (0.3 * rank) + Exponential(ref rng));
            double lp = top;
            if (rng.NextDouble() < FlipRate)
            {
                // The served model drew another token than the claimed model would have: its runner-up, lower by the margin.
                double margin = FlipMargin * Exponential(ref rng);
                margins[i] = -margin;
                rank++;
                lp = top - margin;
            }
            refLp[i] = Math.Max(lp, -30);
            ranks[i] = rank;
            nodeLp[i] = Math.Min(0, Math.Max(top + (LogprobNoise * rng.NextGaussian()), -30));
        }
        var node = new TokenEvidence
        {
            TokenIds = ids, Logprobs = nodeLp,
            Sampling = new SamplingParameters { Temperature = 0.7, TopP = 1, Seed = seed, MaxTokens = 512 },
        };
        return (node, new ReferenceEvidence { TokenIds = ids, Logprobs = refLp, Ranks = ranks, Margins = margins });
    }

    private static double Exponential(ref Xoshiro256 rng) => -Math.Log(1 - rng.NextDouble());
}
