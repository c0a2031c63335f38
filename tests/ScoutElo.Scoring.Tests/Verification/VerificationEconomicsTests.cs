using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ScoutElo.Scoring.Tests.PropertyTests;
using ScoutElo.Scoring.Verification;

namespace ScoutElo.Scoring.Tests.Verification;

/// <summary>Issue 35: the minimum verification rate at which substitution stops paying.</summary>
public sealed class VerificationEconomicsTests
{
    [Fact]
    public void Worked_cases()
    {
        Assert.Equal(0.6 / 11, VerificationEconomics.MinimumRate(reward: 1, saving: 0.6, penalty: 10)!.Value, 1e-15);
        Assert.Equal(0.0, VerificationEconomics.MinimumRate(reward: 1, saving: 0.05, penalty: 0, rewardLoss: 0.1));
        Assert.Null(VerificationEconomics.MinimumRate(reward: 1, saving: 3, penalty: 1)); // even checking everything leaves a gain
        Assert.Equal(0.6 / 5.5, VerificationEconomics.MinimumRate(reward: 1, saving: 0.6, penalty: 10, detection: 0.5)!.Value, 1e-15);
        Assert.Equal("detection", Assert.Throws<ArgumentOutOfRangeException>(() => VerificationEconomics.MinimumRate(1, 1, 1, detection: 0)).ParamName);
        Assert.Equal("rewardLoss", Assert.Throws<ArgumentOutOfRangeException>(() => VerificationEconomics.MinimumRate(1, 1, 1, rewardLoss: 2)).ParamName);
        Assert.Equal("rate", Assert.Throws<ArgumentOutOfRangeException>(() => VerificationEconomics.SubstitutionGain(double.NaN, 1, 1, 1)).ParamName);
    }

    [Property(MaxTest = 200)]
    public Property At_the_minimum_rate_substitution_does_not_pay_and_below_it_it_does() =>
        Prop.ForAll(Gen.Zip(Gen.Zip(Gen.Choose(1, 1000), Gen.Choose(0, 1000)), Gen.Zip(Gen.Choose(0, 5000), Gen.Choose(1, 100)))
            .Shrinking(t => Generators.ShrinkPair(t, p => Generators.ShrinkPair(p, Generators.ShrinkToward(1), Generators.ShrinkToward(0)), p => Generators.ShrinkPair(p, Generators.ShrinkToward(0), Generators.ShrinkToward(100)))), t =>
        {
            var ((r, s), (pen, d)) = t;
            double reward = r / 100.0, saving = s / 100.0, penalty = pen / 100.0, detection = d / 100.0;
            var rate = VerificationEconomics.MinimumRate(reward, saving, penalty, detection);
            if (rate is not { } p)
            {
                Assert.True(VerificationEconomics.SubstitutionGain(1, reward, saving, penalty, detection) > 0);
                return;
            }
            Assert.InRange(p, 0, 1);
            Assert.True(VerificationEconomics.SubstitutionGain(p, reward, saving, penalty, detection) <= 1e-12);
            if (p > 1e-9) Assert.True(VerificationEconomics.SubstitutionGain(p * 0.99, reward, saving, penalty, detection) > 0);
        });
}
