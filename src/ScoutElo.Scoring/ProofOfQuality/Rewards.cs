namespace ScoutElo.Scoring.ProofOfQuality;

/// <summary>Reward formulas and exact budget splitting.</summary>
/// <remarks>
/// <para>Budgets are integer base units (as on-chain emissions are), so conservation is exact: the payouts of a split always
/// sum to the budget and are never negative. Thread-safe (stateless).</para>
/// </remarks>
public static class Rewards
{
    /// <summary>Splits a budget in proportion to non-negative shares by the largest-remainder method, in exact arithmetic.</summary>
    /// <param name="budget">The budget in base units (any <see cref="UInt128"/>: wei-scale budgets of 10^24 and far beyond included).</param>
    /// <param name="shares">Non-negative finite shares; when they are all zero nobody earned anything and the whole budget is
    /// withheld (every payout 0), the one budget rule of the library and the network engine.</param>
    /// <param name="payouts">Receives one payout per share; with the withheld amount they sum to <paramref name="budget"/> exactly.</param>
    /// <returns>The amount withheld: <paramref name="budget"/> when every share is zero, else 0.</returns>
    /// <exception cref="ArgumentException">No shares, or the destination length differs; nothing is written then.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An invalid share; nothing is written then.</exception>
    /// <remarks>
    /// <para>Every finite double is an exact binary fraction, so the shares are brought to one common power of two as big
    /// integers <c>Sᵢ</c> with total <c>T</c>; the exact share of participant i is <c>budget·Sᵢ / T</c>. Each payout is its floor
    /// plus one unit for the <c>budget − Σfloor</c> largest remainders <c>budget·Sᵢ mod T</c> (ties: lower index). No rounding
    /// happens anywhere, so for every budget up to <see cref="UInt128.MaxValue"/> and any shares (1e-300 beside 1e300 included):
    /// the payouts sum to the budget, each is within one unit of its exact share (strictly below it + 1 and above it − 1), and a
    /// larger share never gets a smaller payout. Cost: 128-bit arithmetic when the budget is below 2^64 and the shares lie within
    /// a factor of 2^11 of each other (the usual round), else big-integer arithmetic per share (microseconds for a few hundred
    /// participants); both give the same payouts.</para>
    /// </remarks>
    public static UInt128 Split(UInt128 budget, ReadOnlySpan<double> shares, Span<UInt128> payouts)
    {
        if (shares.IsEmpty) throw new ArgumentException("At least one share is required.", nameof(shares));
        if (payouts.Length != shares.Length) throw new ArgumentException("One payout slot per share is required.", nameof(payouts));
        int n = shares.Length;
        int minExponent = int.MaxValue;
        for (int i = 0; i < n; i++)
        {
            double v = shares[i];
            if (!double.IsFinite(v) || v < 0) throw new ArgumentOutOfRangeException(nameof(shares), v, $"Share {i} must be finite and non-negative.");
            if (v > 0) minExponent = Math.Min(minExponent, Decompose(v).Exponent);
        }
        if (minExponent == int.MaxValue)
        {
            // All shares are zero: nobody earned a payout, so nothing is paid (never an equal split that pays failures).
            payouts.Clear();
            return budget;
        }
        if (budget <= ulong.MaxValue && FitsIn64Bits(shares, minExponent)) SplitWord((ulong)budget, shares, minExponent, payouts);
        else SplitBig(budget, shares, minExponent, payouts);
        return 0;
    }

    /// <summary>Every scaled share <c>Sᵢ</c> (a 53-bit mantissa shifted by its exponent above the smallest) fits in 64 bits.</summary>
    private static bool FitsIn64Bits(ReadOnlySpan<double> shares, int minExponent)
    {
        foreach (double v in shares)
            if (v > 0 && Decompose(v).Exponent - minExponent > 11) return false;
        return true;
    }

    /// <summary>The split in 128-bit words: with a budget and every <c>Sᵢ</c> below 2^64, <c>budget·Sᵢ</c> is below 2^128 and
    /// <c>T</c> below 2^128 for any count of shares, so this is the same arithmetic as <see cref="SplitBig"/> without
    /// allocating big integers (the case of every round the engine settles with comparable shares).</summary>
    internal static void SplitWord(ulong budget, ReadOnlySpan<double> shares, int minExponent, Span<UInt128> payouts)
    {
        int n = shares.Length;
        var scaled = n <= 64 ? stackalloc ulong[n] : new ulong[n];
        UInt128 total = 0;
        for (int i = 0; i < n; i++)
        {
            if (shares[i] == 0)
            {
                scaled[i] = 0;
                continue;
            }
            var (mantissa, exponent) = Decompose(shares[i]);
            scaled[i] = (ulong)mantissa << (exponent - minExponent);
            total += scaled[i];
        }
        var remainders = new UInt128[n];
        ulong paid = 0;
        for (int i = 0; i < n; i++)
        {
            UInt128 product = (UInt128)budget * scaled[i];
            var (quotient, remainder) = UInt128.DivRem(product, total);
            payouts[i] = quotient; // ≤ budget
            remainders[i] = remainder;
            paid += (ulong)quotient;
        }
        GiveLargestRemainders(remainders, (int)(budget - paid), payouts);
    }

    /// <summary>The split in big integers, for any budget and any shares.</summary>
    internal static void SplitBig(UInt128 budget, ReadOnlySpan<double> shares, int minExponent, Span<UInt128> payouts)
    {
        int n = shares.Length;
        var scaled = new System.Numerics.BigInteger[n];
        var total = System.Numerics.BigInteger.Zero;
        for (int i = 0; i < n; i++)
        {
            if (shares[i] == 0) continue;
            var (mantissa, exponent) = Decompose(shares[i]);
            scaled[i] = new System.Numerics.BigInteger(mantissa) << (exponent - minExponent);
            total += scaled[i];
        }
        var remainders = new System.Numerics.BigInteger[n];
        var floors = new UInt128[n];
        UInt128 paid = 0;
        System.Numerics.BigInteger big = budget;
        for (int i = 0; i < n; i++)
        {
            var quotient = System.Numerics.BigInteger.DivRem(big * scaled[i], total, out remainders[i]);
            floors[i] = (UInt128)quotient; // ≤ budget, so it fits
            paid += floors[i];
        }
        GiveLargestRemainders(remainders, (int)(budget - paid), floors);
        floors.CopyTo(payouts);
    }

    /// <summary>One more unit to each of the <paramref name="left"/> largest remainders (ties: lower index); <paramref name="left"/>
    /// is below the count, as each floor lost less than one unit.</summary>
    private static void GiveLargestRemainders<T>(T[] remainders, int left, Span<UInt128> payouts) where T : IComparable<T>
    {
        if (left <= 0) return;
        var order = new int[remainders.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) => remainders[y].CompareTo(remainders[x]) is var c && c != 0 ? c : x.CompareTo(y));
        for (int j = 0; j < left; j++) payouts[order[j]]++;
    }

    /// <summary>The smallest binary exponent of the positive shares (the common power of two the split scales them to).</summary>
    internal static int MinExponent(ReadOnlySpan<double> shares)
    {
        int min = int.MaxValue;
        foreach (double v in shares) if (v > 0) min = Math.Min(min, Decompose(v).Exponent);
        return min;
    }

    /// <summary>A positive finite double as <c>mantissa · 2^exponent</c> with an integer mantissa.</summary>
    private static (long Mantissa, int Exponent) Decompose(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        return biased == 0 ? (fraction, -1074) : (fraction | (1L << 52), biased - 1075);
    }

    /// <summary>An inference node's reward share under a reward rule: <see cref="NodeRewardRule.Share"/> of a node that passes
    /// its health check at full routing weight. There is no default rule: the cost-aware rule of arXiv 2512.16317 with its
    /// published α = 1, β = 0.5 pays nodes for swapping in a cheaper, worse model, so a caller names the rule
    /// (<see cref="NodeRewardRule.QualityGated"/>, or <see cref="NodeRewardRule.CostAware"/> inside its safe region).</summary>
    /// <param name="quality">Consensus quality in [0, 1].</param>
    /// <param name="normalizedCost">Cost normalized to [0, 1] (e.g. cost / the round's maximum cost).</param>
    /// <param name="rule">The reward rule.</param>
    /// <returns>The share, non-negative and non-decreasing in quality.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    internal static double NodeReward(double quality, double normalizedCost, NodeRewardRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Share(quality, normalizedCost, passesHealthCheck: true, routingWeight: 1.0);
    }
}
