namespace ScoutElo.Scoring.Tests;

/// <summary>Sums of money in tests: amounts are <see cref="UInt128"/> base units, summed checked (LINQ has no Sum for them).</summary>
internal static class Money
{
    public static UInt128 SumMoney(this IEnumerable<UInt128> amounts) => amounts.Aggregate(UInt128.Zero, (a, b) => checked(a + b));

    public static UInt128 SumMoney<T>(this IEnumerable<T> items, Func<T, UInt128> amount) => items.Select(amount).SumMoney();
}
