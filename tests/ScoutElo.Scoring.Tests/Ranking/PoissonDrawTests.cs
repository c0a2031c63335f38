using ScoutElo.Scoring.Internal;
using ScoutElo.Scoring.Ranking;

namespace ScoutElo.Scoring.Tests.Ranking;

/// <summary>The bootstrap's Poisson draws are exact Poisson draws (Knuth below 10, PTRS above): the frequencies of 200,000
/// draws match the probability mass function by a chi-square test, and ln k! is right.</summary>
public sealed class PoissonDrawTests
{
    [Theory]
    [InlineData(0.7)]
    [InlineData(4.0)]
    [InlineData(10.0)]
    [InlineData(23.5)]
    [InlineData(67.0)]
    [InlineData(1_000.0)]
    public void Draws_follow_the_poisson_probability_mass_function(double lambda)
    {
        const int Draws = 200_000;
        var table = new BradleyTerry.PoissonTable([.. Enumerable.Repeat(lambda, Draws)], [.. Enumerable.Repeat(1.0, Draws)]);
        var w = new double[Draws];
        var rng = new Xoshiro256(11);
        table.Draw(ref rng, w);
        var counts = w.GroupBy(x => (int)x).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(w, x => Assert.True(x >= 0 && x == Math.Floor(x)));
        // Chi-square over the bins with expected count ≥ 20 (the rest pooled into two tails).
        double LogPmf(int k) => (k * Math.Log(lambda)) - lambda - BradleyTerry.PoissonTable.LogFactorial(k);
        double chi = 0;
        int bins = 0;
        double expectedLow = 0, observedLow = 0, expectedHigh = 0, observedHigh = 0;
        int mode = (int)lambda;
        for (int k = 0; k <= (int)(lambda + (12 * Math.Sqrt(lambda)) + 12); k++)
        {
            double e = Draws * Math.Exp(LogPmf(k));
            double o = counts.GetValueOrDefault(k);
            if (e >= 20)
            {
                chi += (o - e) * (o - e) / e;
                bins++;
            }
            else if (k < mode) { expectedLow += e; observedLow += o; }
            else { expectedHigh += e; observedHigh += o; }
        }
        foreach (var (e, o) in new[] { (expectedLow, observedLow), (expectedHigh, observedHigh) })
        {
            if (e < 5) continue;
            chi += (o - e) * (o - e) / e;
            bins++;
        }
        // 99.9% quantile of chi-square with `bins − 1` degrees of freedom (Wilson–Hilferty).
        double df = bins - 1, z = 3.09;
        double limit = df * Math.Pow(1 - (2 / (9 * df)) + (z * Math.Sqrt(2 / (9 * df))), 3);
        Assert.True(chi < limit, $"chi-square {chi:0.0} over {bins} bins exceeds {limit:0.0}");
    }

    [Fact]
    public void Log_factorial_is_exact_to_1e_12()
    {
        double exact = 0;
        for (int k = 1; k <= 3000; k++)
        {
            exact += Math.Log(k);
            Assert.Equal(exact, BradleyTerry.PoissonTable.LogFactorial(k), Math.Max(1e-12, 1e-14 * exact));
        }
    }
}
