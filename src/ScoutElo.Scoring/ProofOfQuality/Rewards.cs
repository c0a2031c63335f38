namespace ScoutElo.Scoring.ProofOfQuality;

/// <summary>Reward formulas and exact budget splitting.</summary>
/// <remarks>
/// <para>Budgets are integer base units (as on-chain emissions are), so conservation is exact: the payouts of a split always
/// sum to the budget and are never negative. Thread-safe (stateless).</para>
/// </remarks>
public static class Rewards
{
    /// <summary>Splits a budget in proportion to non-negative shares by the largest-remainder method.</summary>
    /// <param name="budget">The budget in base units (non-negative).</param>
    /// <param name="shares">Non-negative finite shares; when they are all zero the budget is split equally.</param>
    /// <param name="payouts">Receives one payout per share; they sum to <paramref name="budget"/> exactly.</param>
    /// <exception cref="ArgumentException">No shares, or the destination length differs; nothing is written then.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative budget or an invalid share; nothing is written then.</exception>
    /// <remarks>Ties in the remainders go to the lower index, so the split is deterministic.</remarks>
    public static void Split(long budget, ReadOnlySpan<double> shares, Span<long> payouts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        if (shares.IsEmpty) throw new ArgumentException("At least one share is required.", nameof(shares));
        if (payouts.Length != shares.Length) throw new ArgumentException("One payout slot per share is required.", nameof(payouts));
        double total = 0;
        for (int i = 0; i < shares.Length; i++)
        {
            if (!double.IsFinite(shares[i]) || shares[i] < 0) throw new ArgumentOutOfRangeException(nameof(shares), shares[i], $"Share {i} must be finite and non-negative.");
            total += shares[i];
        }
        int n = shares.Length;
        var remainders = n <= 128 ? stackalloc double[n] : new double[n];
        long paid = 0;
        for (int i = 0; i < n; i++)
        {
            double exact = total > 0 ? budget * (shares[i] / total) : (double)budget / n;
            long floor = (long)Math.Floor(exact);
            payouts[i] = floor;
            remainders[i] = exact - floor;
            paid += floor;
        }
        long left = budget - paid;
        while (left > 0)
        {
            // Largest remainder first (ties: lowest index); at most n passes, usually one.
            int best = -1;
            for (int i = 0; i < n; i++)
            {
                if (remainders[i] >= 0 && (best < 0 || remainders[i] > remainders[best])) best = i;
            }
            if (best < 0)
            {
                remainders.Clear();
                continue;
            }
            payouts[best]++;
            remainders[best] = -1;
            left--;
        }
    }

    /// <summary>Raw inference-node reward of cost-aware PoQ: <c>α·quality − β·normalizedCost</c>.</summary>
    /// <param name="quality">Consensus quality in [0, 1].</param>
    /// <param name="normalizedCost">Cost normalized to [0, 1] (e.g. cost / the round's maximum cost).</param>
    /// <param name="alpha">Quality weight α ≥ 0.</param>
    /// <param name="beta">Cost weight β ≥ 0.</param>
    /// <returns>The raw reward (may be negative; <see cref="RewardLedger"/> pays max(raw, 0) shares).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double NodeReward(double quality, double normalizedCost, double alpha = 1.0, double beta = 0.5)
    {
        Internal.Guard.UnitInterval(quality);
        Internal.Guard.UnitInterval(normalizedCost);
        Internal.Guard.NonNegative(alpha);
        Internal.Guard.NonNegative(beta);
        return (alpha * quality) - (beta * normalizedCost);
    }
}
