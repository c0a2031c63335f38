using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.ProofOfQuality;
using ScoutElo.Scoring.Tests.PropertyTests;

namespace ScoutElo.Scoring.Tests.ProofOfQuality;

/// <summary>Issues 13 and 34: money is conserved exactly for every budget up to 2^128 − 1 base units and any shares.</summary>
public sealed class RewardSplitProperties
{
    private static readonly Gen<UInt128> Budget = Generators.Money;

    private static readonly Gen<double> Share = Gen.OneOf(
        Gen.Choose(0, 1000).Select(i => (double)i),
        Gen.Choose(-300, 300).Select(e => Math.Pow(10, e)),
        Gen.Constant(double.MaxValue),
        Gen.Constant(double.Epsilon),
        Gen.Constant(0.0),
        Gen.Choose(1, 1_000_000).Select(i => i / 7.0));

    /// <summary>An exact rational view of a double: (numerator, power of two).</summary>
    private static (BigInteger M, int E) Exact(double v)
    {
        if (v == 0) return (0, 0);
        int e = Math.ILogB(v) - 52;
        double m = Math.ScaleB(v, -e);
        if (m != Math.Floor(m)) { e = -1074; m = Math.ScaleB(v, 1074); } // subnormals
        return (new BigInteger(m), e);
    }

    [Property(MaxTest = 300)]
    public Property Payouts_and_the_withheld_amount_sum_to_the_budget_stay_within_one_unit_and_follow_the_shares() =>
        Prop.ForAll(Budget.Shrinking(Generators.ShrinkMoney), Share.NonEmptyListOf().Shrinking(Generators.ShrinkList), (budget, list) =>
        {
            var shares = list.Take(40).ToArray();
            var payouts = new UInt128[shares.Length];
            UInt128 withheld = Rewards.Split(budget, shares, payouts);
            Assert.Equal((BigInteger)budget, payouts.Aggregate((BigInteger)withheld, (a, p) => a + p));
            var exact = shares.Select(Exact).ToArray();
            // Nobody earned anything: everything is withheld, nothing paid; otherwise nothing is withheld.
            Assert.Equal(exact.All(x => x.M == 0) ? budget : UInt128.Zero, withheld);
            if (exact.All(x => x.M == 0)) return;
            int min = exact.Where(x => x.M != 0).Min(x => x.E);
            var scaled = exact.Select(x => x.M << (x.E - min)).ToArray();
            var total = scaled.Aggregate(BigInteger.Zero, (a, b) => a + b);
            for (int i = 0; i < shares.Length; i++)
            {
                // |payout − budget·Sᵢ/T| < 1  ⇔  |payout·T − budget·Sᵢ| < T
                var diff = BigInteger.Abs(((BigInteger)payouts[i] * total) - ((BigInteger)budget * scaled[i]));
                Assert.True(diff < total, $"payout {payouts[i]} is not within 1 of its exact share");
                for (int j = 0; j < shares.Length; j++)
                    if (shares[i] > shares[j]) Assert.True(payouts[i] >= payouts[j], $"share {shares[i]} got {payouts[i]} < {payouts[j]} for share {shares[j]}");
            }
        });

    /// <summary>The 128-bit path the engine takes for budgets below 2^64 and comparable shares pays exactly what the big-integer
    /// path pays.</summary>
    [Property(MaxTest = 300)]
    public Property The_word_split_pays_exactly_what_the_big_integer_split_pays() =>
        Prop.ForAll(
            Gen.Choose(0, int.MaxValue).Select(x => (ulong)x * (ulong)x * 3UL).Shrinking(b => b > 0 ? new[] { b / 2 } : []),
            Gen.OneOf(Gen.Choose(0, 4095).Select(i => i / 64.0), Gen.Choose(1, 1_000_000).Select(i => i / 7.0), Gen.Constant(0.0))
                .NonEmptyListOf().Shrinking(Generators.ShrinkList),
            (budget, list) =>
            {
                var shares = list.Take(40).ToArray();
                int min = Rewards.MinExponent(shares);
                if (min == int.MaxValue) return; // all zero: neither path runs
                var word = new UInt128[shares.Length];
                var big = new UInt128[shares.Length];
                bool fits = shares.All(v => v == 0 || Math.ILogB(v) - Math.ILogB(shares.Where(x => x > 0).Min()) <= 10);
                if (!fits) return;
                Rewards.SplitWord(budget, shares, min, word);
                Rewards.SplitBig(budget, shares, min, big);
                Assert.Equal(big, word);
            });

    [Fact]
    public void The_word_split_carries_the_largest_budget_and_the_widest_shares_it_takes()
    {
        double[] shares = [1.0, Math.ScaleB(1.0, 12) - 1e-6, 3.0, 0, 1.5]; // 2^12 − ε: a mantissa shifted by 11, the widest the word path takes
        int min = Rewards.MinExponent(shares);
        var word = new UInt128[shares.Length];
        var big = new UInt128[shares.Length];
        Rewards.SplitWord(ulong.MaxValue, shares, min, word);
        Rewards.SplitBig(ulong.MaxValue, shares, min, big);
        Assert.Equal(big, word);
        Assert.Equal((BigInteger)ulong.MaxValue, word.Aggregate(BigInteger.Zero, (a, p) => a + p));
    }

    [Theory]
    [InlineData("9223372036854775807")] // long.MaxValue, the old ledger's limit
    [InlineData("9007199254740993")] // 2^53 + 1: the first budget double arithmetic cannot represent
    [InlineData("1000000000000000000")] // one ether in wei
    [InlineData("1000000000000000000000000")] // 10^24 base units per round
    [InlineData("340282366920938463463374607431768211455")] // 2^128 − 1
    public void Wei_scale_budgets_split_exactly(string amount)
    {
        var budget = UInt128.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);
        var payouts = new UInt128[3];
        Rewards.Split(budget, [1, 1, 1], payouts);
        Assert.Equal((BigInteger)budget, (BigInteger)payouts[0] + payouts[1] + payouts[2]);
        Assert.True(payouts.Max() - payouts.Min() <= 1);
        Rewards.Split(budget, [double.MaxValue, double.MaxValue, double.Epsilon], payouts);
        Assert.Equal((BigInteger)budget, (BigInteger)payouts[0] + payouts[1] + payouts[2]);
        Assert.True(BigInteger.Abs((BigInteger)payouts[0] - payouts[1]) <= 1);
        Assert.Equal(UInt128.Zero, payouts[2]);
    }
}
