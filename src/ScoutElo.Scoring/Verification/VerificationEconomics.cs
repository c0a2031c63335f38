namespace ScoutElo.Scoring.Verification;

/// <summary>At which verification rate substituting a cheaper model stops paying (the Proof-of-Sampling argument of Zhang et
/// al., arXiv 2405.00295, in the form this library uses; the formula is ours).</summary>
/// <remarks>
/// <para>Per response, in reward units: an honest node earns <c>R</c>; a substituting node saves <c>S</c> of serving cost
/// (at the exchange rate between cost and reward units) and earns <c>R − ΔR</c> (its answers are somewhat worse). A share
/// <c>p</c> of responses is verified; a verified substitution is caught with probability <c>d</c> (the verifier's power) and
/// then earns nothing and pays a penalty <c>P</c> (slashed stake, lost future rewards). Substituting changes the expected
/// profit per response by <c>S − ΔR − p·d·(R − ΔR + P)</c>, so it does not pay when
/// <c>p ≥ p* = (S − ΔR) / (d·(R − ΔR + P))</c> (0 when the saving does not exceed the reward lost; no rate suffices when
/// <c>p* &gt; 1</c>). Risk-neutral and per response; a node that can tell checks from traffic defeats any rate.</para>
/// </remarks>
public static class VerificationEconomics
{
    /// <summary>The profit of substituting, relative to serving honestly, per response: <c>S − ΔR − p·d·(R − ΔR + P)</c>.</summary>
    /// <param name="rate">Share of responses verified, in [0, 1].</param>
    /// <param name="reward">Honest reward per response R, finite and non-negative.</param>
    /// <param name="saving">Serving cost saved per response S, in reward units, finite and non-negative.</param>
    /// <param name="penalty">Penalty when caught P, finite and non-negative.</param>
    /// <param name="detection">Probability a verified substitution is caught d, in (0, 1].</param>
    /// <param name="rewardLoss">Reward lost to worse answers ΔR, in [0, R].</param>
    /// <returns>The expected gain of substituting (≤ 0: it does not pay).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range (named).</exception>
    public static double SubstitutionGain(double rate, double reward, double saving, double penalty, double detection = 1, double rewardLoss = 0)
    {
        Check(reward, saving, penalty, detection, rewardLoss);
        if (!double.IsFinite(rate) || rate is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(rate), rate, "Must be in [0, 1].");
        return saving - rewardLoss - (rate * detection * (reward - rewardLoss + penalty));
    }

    /// <summary>The smallest verification rate at which substituting does not pay, or null when no rate in [0, 1] suffices
    /// (raise the penalty or the verifier's power).</summary>
    /// <param name="reward">Honest reward per response R, finite and non-negative.</param>
    /// <param name="saving">Serving cost saved per response S, in reward units, finite and non-negative.</param>
    /// <param name="penalty">Penalty when caught P, finite and non-negative.</param>
    /// <param name="detection">Probability a verified substitution is caught d, in (0, 1].</param>
    /// <param name="rewardLoss">Reward lost to worse answers ΔR, in [0, R].</param>
    /// <returns>p* in [0, 1], or null.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range (named).</exception>
    public static double? MinimumRate(double reward, double saving, double penalty, double detection = 1, double rewardLoss = 0)
    {
        Check(reward, saving, penalty, detection, rewardLoss);
        double net = saving - rewardLoss;
        if (net <= 0) return 0;
        double atStake = detection * (reward - rewardLoss + penalty);
        if (atStake <= 0) return null;
        double rate = net / atStake;
        return rate <= 1 ? rate : null;
    }

    private static void Check(double reward, double saving, double penalty, double detection, double rewardLoss)
    {
        if (!double.IsFinite(reward) || reward < 0) throw new ArgumentOutOfRangeException(nameof(reward), reward, "Must be finite and non-negative.");
        if (!double.IsFinite(saving) || saving < 0) throw new ArgumentOutOfRangeException(nameof(saving), saving, "Must be finite and non-negative.");
        if (!double.IsFinite(penalty) || penalty < 0) throw new ArgumentOutOfRangeException(nameof(penalty), penalty, "Must be finite and non-negative.");
        if (!double.IsFinite(detection) || detection is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(detection), detection, "Must be in (0, 1].");
        if (!double.IsFinite(rewardLoss) || rewardLoss < 0 || rewardLoss > reward) throw new ArgumentOutOfRangeException(nameof(rewardLoss), rewardLoss, "Must be in [0, reward].");
    }
}
