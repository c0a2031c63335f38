namespace ScoutElo.Scoring.Network;

/// <summary>The engine's money arithmetic: amounts are <see cref="UInt128"/> base units (never negative, up to
/// 2^128 − 1 ≈ 3.4·10^38, so a budget of 10^24 base units per round runs for more than 10^14 rounds), and every sum is
/// checked: a total that would pass the maximum refuses the period instead of wrapping.</summary>
internal static class Money
{
    /// <summary><paramref name="total"/> + <paramref name="amount"/>, or an <see cref="OverflowException"/> naming whose total it is.</summary>
    public static UInt128 Add(UInt128 total, UInt128 amount, string whose)
    {
        if (UInt128.MaxValue - total < amount)
            throw new OverflowException($"The total of {whose} would pass 2^128 - 1 base units ({total} + {amount}); the period is refused and nothing of it is committed.");
        return total + amount;
    }
}
