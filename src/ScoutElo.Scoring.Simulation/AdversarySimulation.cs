using ScoutElo.Scoring.Internal;
using ScoutElo.Scoring.ProofOfQuality;

namespace ScoutElo.Scoring.Simulation;

/// <summary>Deterministic simulation of honest and malicious evaluators under each aggregation rule.</summary>
/// <remarks>
/// <para>Each round draws a true quality q ~ U(0, 1). Honest evaluators report <c>clamp(q + N(0, σ))</c>; attackers follow
/// <see cref="AttackKind"/>. The consensus uses the scenario's rule with weights stake (1) × trust; trust is updated every round
/// with <see cref="TrustModel"/>'s rule; evaluators are paid in proportion to their agreement with the consensus
/// (<see cref="TrustModel.Agreement(double, double)"/>). Random streams derive from the seed (xoshiro256**), so a scenario reproduces
/// exactly on every machine. Thread-safe (stateless).</para>
/// </remarks>
public static class AdversarySimulation
{
    /// <summary>Runs one scenario.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>Its result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scenario"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range (named <paramref name="scenario"/>).</exception>
    public static AdversaryResult Run(AdversaryScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Validate(scenario);
        int n = scenario.Evaluators;
        int m = (int)Math.Round(scenario.MaliciousFraction * n, MidpointRounding.AwayFromZero);
        if (m >= n && n > 0) m = n - 1;
        var trustOpts = scenario.Trust;
        var trust = new double[n];
        Array.Fill(trust, trustOpts.Initial);
        var scores = new double[n];
        var weights = new double[n];
        var rng = new Xoshiro256(Seeds.Derive((ulong)scenario.Seed, 1));
        double absErr = 0, attackerPay = 0, totalPay = 0;
        var acc = default(CoMoments);
        for (int round = 0; round < scenario.Rounds; round++)
        {
            double q = rng.NextDouble();
            for (int e = 0; e < n; e++)
            {
                double honest = Math.Clamp(q + (scenario.HonestNoise * rng.NextGaussian()), 0, 1);
                scores[e] = e >= m ? honest : scenario.Attack switch
                {
                    AttackKind.Noise => rng.NextDouble(),
                    AttackKind.Boost => Math.Clamp(honest + scenario.AttackStrength, 0, 1),
                    AttackKind.Sabotage => Math.Clamp(honest - scenario.AttackStrength, 0, 1),
                    AttackKind.Intermittent => rng.NextDouble() < scenario.IntermittentProbability ? Math.Clamp(honest - scenario.AttackStrength, 0, 1) : honest,
                    _ => scenario.CollusionTarget,
                };
                weights[e] = trust[e];
            }
            double c = Consensus.Aggregate(scenario.Rule, scores, weights, scenario.TrimFraction, scenario.Kappa);
            absErr += Math.Abs(c - q);
            acc = acc.Add(c, q);
            for (int e = 0; e < n; e++)
            {
                double a = TrustModel.Agreement(scores[e], c, trustOpts);
                totalPay += a;
                if (e < m) attackerPay += a;
                trust[e] = TrustModel.Step(trust[e], a, trustOpts);
            }
        }
        return new AdversaryResult(scenario, m, absErr / scenario.Rounds, acc.Pearson, totalPay > 0 ? attackerPay / totalPay : 0);
    }

    /// <summary>Runs every combination of malicious fraction × evaluator count × rule × attack (in parallel; results are
    /// deterministic and returned in that nested order).</summary>
    /// <param name="template">Fields not swept (rounds, seed, noise, ...).</param>
    /// <param name="maliciousFractions">Fractions to sweep.</param>
    /// <param name="evaluatorCounts">Evaluator counts to sweep.</param>
    /// <param name="rules">Rules to sweep.</param>
    /// <param name="attacks">Attacks to sweep.</param>
    /// <returns>One result per combination.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A combination is invalid.</exception>
    public static IReadOnlyList<AdversaryResult> Sweep(AdversaryScenario template, IReadOnlyList<double> maliciousFractions, IReadOnlyList<int> evaluatorCounts, IReadOnlyList<AggregationRule> rules, IReadOnlyList<AttackKind> attacks)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(maliciousFractions);
        ArgumentNullException.ThrowIfNull(evaluatorCounts);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(attacks);
        var scenarios = (from f in maliciousFractions from n in evaluatorCounts from r in rules from a in attacks
                         select template with { MaliciousFraction = f, Evaluators = n, Rule = r, Attack = a }).ToArray();
        foreach (var s in scenarios) Validate(s);
        var results = new AdversaryResult[scenarios.Length];
        Parallel.For(0, scenarios.Length, i => results[i] = Run(scenarios[i]));
        return results;
    }

    internal static void Validate(AdversaryScenario scenario)
    {
        var s = scenario;
        const string P = nameof(scenario);
        if (s.Evaluators < 1) throw new ArgumentOutOfRangeException(P, s.Evaluators, "Evaluators must be at least 1.");
        if (!double.IsFinite(s.MaliciousFraction) || s.MaliciousFraction is < 0 or >= 1) throw new ArgumentOutOfRangeException(P, s.MaliciousFraction, "MaliciousFraction must be in [0, 1).");
        if (!Enum.IsDefined(s.Attack)) throw new ArgumentOutOfRangeException(P, s.Attack, "Unknown attack.");
        if (!Enum.IsDefined(s.Rule)) throw new ArgumentOutOfRangeException(P, s.Rule, "Unknown rule.");
        if (s.Rounds < 1) throw new ArgumentOutOfRangeException(P, s.Rounds, "Rounds must be at least 1.");
        if (!double.IsFinite(s.HonestNoise) || s.HonestNoise < 0) throw new ArgumentOutOfRangeException(P, s.HonestNoise, "HonestNoise must be non-negative.");
        foreach (double v in new[] { s.AttackStrength, s.IntermittentProbability, s.CollusionTarget })
        {
            if (!double.IsFinite(v) || v is < 0 or > 1) throw new ArgumentOutOfRangeException(P, v, "AttackStrength, IntermittentProbability and CollusionTarget must be in [0, 1].");
        }
        if (!double.IsFinite(s.TrimFraction) || s.TrimFraction is < 0 or >= 0.5) throw new ArgumentOutOfRangeException(P, s.TrimFraction, "TrimFraction must be in [0, 0.5).");
        if (!double.IsFinite(s.Kappa) || s.Kappa is <= 0 or > 1) throw new ArgumentOutOfRangeException(P, s.Kappa, "Kappa must be in (0, 1].");
        ArgumentNullException.ThrowIfNull(s.Trust, P);
        s.Trust.Validate(P);
    }
}
